import { csvCell, csvDocument } from '../core/csv';
import { Locale } from '../i18n';
import { ControlReport } from './report';
import { TextOptions, controlName, csvValue, definition, figureName } from './text';

export const CSV_COLUMNS = ['control', 'figure', 'value', 'target', 'previous_year', 'definition'] as const;

/**
 * The report as CSV: one row per figure (control, figure, value, target, previous year, definition),
 * ";"-separated, UTF-8 with a BOM and CRLF like the other reports, so Swedish Excel opens it as it is.
 * Values are plain numbers (shares in whole percent); an empty value is a figure with nothing to show.
 */
export function controlCsv(locale: Locale, report: ControlReport, opts: TextOptions): string {
  const lines = [
    CSV_COLUMNS.join(';'),
    ...report.rows.map((row) =>
      [
        controlName(locale, row.control),
        figureName(locale, row, opts),
        csvValue(row.unit, row.value),
        row.target === null ? '' : row.target,
        csvValue(row.unit, row.previous),
        definition(locale, row, opts),
      ]
        .map(csvCell)
        .join(';'),
    ),
  ];
  return csvDocument(lines);
}
