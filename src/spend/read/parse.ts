import { CsvError } from 'csv-parse/sync';
import { Delimiter, TextRow, csvRows, detectDelimiter } from './csv';
import { Encoding, decodeText } from './decode';
import { LedgerReadError } from './errors';
import { LedgerOptions, ParsedLedger, ledgerOf } from './ledger';
import { looksLikeZip, xlsxRows } from './xlsx';
import { looksLikeLedgerHeader } from './columns';

/** A ledger file read: the postings, and how the file was written (for the report). */
export interface ReadLedger extends ParsedLedger {
  format: 'csv' | 'xlsx';
  encoding?: Encoding;
  delimiter?: Delimiter;
}

export interface ParseOptions extends LedgerOptions {
  maxBytes: number;
}

function textRows(buf: Buffer): { rows: TextRow[]; encoding: Encoding; delimiter: Delimiter } {
  const { text, encoding } = decodeText(buf);
  const delimiter = detectDelimiter(text);
  try {
    return { rows: csvRows(text, delimiter), encoding, delimiter };
  } catch (err) {
    if (err instanceof CsvError) throw new LedgerReadError('broken-quotes', { line: (err as CsvError & { lines?: number }).lines });
    throw err;
  }
}

/** Reads a whole ledger file (CSV in any of the variants, or .xlsx). Throws LedgerReadError. */
export function parseLedger(buf: Buffer, opts: ParseOptions): ReadLedger {
  if (buf.length === 0) throw new LedgerReadError('empty');
  if (buf.length > opts.maxBytes) throw new LedgerReadError('too-large');
  if (looksLikeZip(buf)) return { ...ledgerOf(xlsxRows(buf), opts), format: 'xlsx' };
  const { rows, encoding, delimiter } = textRows(buf);
  return { ...ledgerOf(rows, opts), format: 'csv', encoding, delimiter };
}

/** Whether a file's first lines are a supplier ledger's header (reads at most the first 64 KB of a CSV). */
export function isLedgerFile(buf: Buffer): boolean {
  try {
    if (looksLikeZip(buf)) return looksLikeLedgerHeader(xlsxRows(buf, 20));
    const head = decodeText(buf.subarray(0, 64 * 1024)).text;
    const lines = head.split(/\r\n|\r|\n/).slice(0, 10).join('\n');
    return looksLikeLedgerHeader(csvRows(lines, detectDelimiter(lines)));
  } catch {
    return false;
  }
}
