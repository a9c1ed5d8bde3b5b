import { csvCell, csvDocument } from '../core/csv';
import { Locale } from '../i18n';
import { ControlReport } from './report';
import { TextOptions, controlName, csvValue, definition, figureName, noLedgerText } from './text';

export const CSV_COLUMNS = ['control', 'figure', 'value', 'target', 'previous_year', 'definition'] as const;

/**
 * The report as CSV: one row per figure (control, figure, value, target, previous year, definition),
 * ";"-separated, UTF-8 with a BOM and CRLF like the other reports, so Swedish Excel opens it as it is.
 * Values are plain numbers (shares in whole percent, kronor with a decimal point); an empty value is a
 * figure with nothing to show, and a region's year without a ledger says so in words.
 */
export function controlCsv(locale: Locale, report: ControlReport, opts: TextOptions): string {
  const lines = [
    CSV_COLUMNS.join(';'),
    ...report.rows.map((row) =>
      [
        controlName(locale, row.control),
        figureName(locale, row, opts),
        noLedgerText(locale, row, 'value') || csvValue(row.unit, row.value),
        row.target === null ? '' : row.target,
        noLedgerText(locale, row, 'previous') || csvValue(row.unit, row.previous),
        definition(locale, row, opts),
      ]
        .map(csvCell)
        .join(';'),
    ),
  ];
  return csvDocument(lines);
}
