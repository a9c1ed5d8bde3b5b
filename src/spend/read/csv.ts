import { parse } from 'csv-parse/sync';

/**
 * Ledger text → rows of cells. The delimiter (; , or tab) is the one the header line holds most of;
 * line ends may be CRLF, LF or CR alone (some publishers' exports). Quotes follow RFC 4180.
 */
export type Delimiter = ';' | ',' | '\t';
const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

export interface TextRow {
  /** 1-based line in the file. */
  line: number;
  cells: string[];
}

/** The delimiter the first non-empty line uses most (outside quotes). */
export function detectDelimiter(text: string): Delimiter {
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const unquoted = first.replace(/"[^"]*"/g, '');
  let best: Delimiter = ';';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = unquoted.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** The rows of a CSV text, blank lines left out; throws a csv-parse error with its line on broken quoting. */
export function csvRows(text: string, delimiter: Delimiter): TextRow[] {
  // CR-only files: csv-parse detects the record delimiter from the first line end it sees.
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    trim: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.filter((r) => r.record.some((c) => c !== '')).map((r) => ({ line: r.info.lines, cells: r.record }));
}
