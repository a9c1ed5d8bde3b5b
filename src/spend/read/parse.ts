import { CsvError } from 'csv-parse/sync';
import { Delimiter, Encoding, TextRow, csvRecords, decodeText, detectDelimiter, firstLines } from '../../imports/csv-read';
import { columnOf, looksLikeLedgerHeader } from './columns';
import { LedgerReadError } from './errors';
import { LedgerOptions, ParsedLedger, ledgerOf } from './ledger';
import { looksLikeZip, xlsxRows } from './xlsx';

/** A ledger file read: the postings, and how the file was written (for the report). */
export interface ReadLedger extends ParsedLedger {
  format: 'csv' | 'xlsx';
  encoding?: Encoding;
  delimiter?: Delimiter;
}

export interface ParseOptions extends LedgerOptions {
  maxBytes: number;
}

const isLedgerHeader = (cell: string) => columnOf(cell) !== undefined;

/** Rows of a CSV text, blank ones (all cells empty) left out. */
function rowsOf(text: string, delimiter: Delimiter): TextRow[] {
  return csvRecords(text, delimiter, { trim: true }).filter((r) => r.cells.some((c) => c !== ''));
}

function textRows(buf: Buffer): { rows: TextRow[]; encoding: Encoding; delimiter: Delimiter } {
  const { text, encoding } = decodeText(buf);
  const { delimiter } = detectDelimiter(text, { isHeader: isLedgerHeader });
  try {
    return { rows: rowsOf(text, delimiter), encoding, delimiter };
  } catch (err) {
    if (err instanceof CsvError) throw new LedgerReadError('broken-quotes', { line: (err as CsvError & { lines?: number }).lines });
    throw err;
  }
}

/**
 * Reads a whole ledger file (CSV in any of the variants, or .xlsx) with the imports' shared readers.
 * Throws LedgerReadError. Run it off the event loop (parseOffThread).
 */
export async function parseLedger(buf: Buffer, opts: ParseOptions): Promise<ReadLedger> {
  if (buf.length === 0) throw new LedgerReadError('empty');
  if (buf.length > opts.maxBytes) throw new LedgerReadError('too-large');
  if (looksLikeZip(buf)) return { ...ledgerOf(await xlsxRows(buf), opts), format: 'xlsx' };
  const { rows, encoding, delimiter } = textRows(buf);
  return { ...ledgerOf(rows, opts), format: 'csv', encoding, delimiter };
}

/** Whether a file's first lines are a supplier ledger's header (reads at most the first 64 KB of a CSV, the first rows of a workbook). */
export async function isLedgerFile(buf: Buffer): Promise<boolean> {
  try {
    if (looksLikeZip(buf)) return looksLikeLedgerHeader(await xlsxRows(buf, 20));
    const head = decodeText(buf.subarray(0, 64 * 1024)).text;
    const lines = firstLines(head, 10).join('\n');
    return looksLikeLedgerHeader(rowsOf(lines, detectDelimiter(lines, { isHeader: isLedgerHeader }).delimiter));
  } catch {
    return false;
  }
}
