import { isUtf8 } from 'node:buffer';
import { CsvError } from 'csv-parse/sync';
import { Delimiter, Encoding, TextRow, csvRecords, decodeText, detectDelimiter, eachCsvRecord, firstLines } from '../../imports/csv-read';
import { columnOf, looksLikeLedgerHeader } from './columns';
import { LedgerReadError } from './errors';
import { LedgerOptions, LedgerReader, PackedLedger, ParsedLedger, packedLedgerOf } from './ledger';
import { unpackPostings } from './packed';
import { looksLikeZip, xlsxRows } from './xlsx';

/** A ledger file read: the postings, and how the file was written (for the report). */
export interface ReadLedger extends ParsedLedger {
  format: 'csv' | 'xlsx';
  encoding?: Encoding;
  delimiter?: Delimiter;
}

/** The same, its postings still packed (as the worker thread answers). */
export type ReadLedgerPacked = PackedLedger & Pick<ReadLedger, 'format' | 'encoding' | 'delimiter'>;

export interface ParseOptions extends LedgerOptions {
  maxBytes: number;
}

const isLedgerHeader = (cell: string) => columnOf(cell) !== undefined;

/** Rows of a CSV text, blank ones (all cells empty) left out. */
function rowsOf(text: string, delimiter: Delimiter): TextRow[] {
  return csvRecords(text, delimiter, { trim: true }).filter((r) => r.cells.some((c) => c !== ''));
}

/**
 * A CSV ledger read record by record into the reader (the file's records are never all held). UTF-8 files
 * are read from their bytes, the others decoded to text first.
 */
function readCsv(buf: Buffer, reader: LedgerReader): { encoding: Encoding; delimiter: Delimiter } {
  const utf8: Encoding | null = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 'utf-8-bom' : isUtf8(buf) ? 'utf-8' : null;
  const { text, encoding } = utf8 ? { text: null, encoding: utf8 } : decodeText(buf);
  const head = text ?? decodeText(buf.subarray(0, 64 * 1024)).text;
  const { delimiter } = detectDelimiter(head, { isHeader: isLedgerHeader });
  try {
    eachCsvRecord(text ?? buf, delimiter, { trim: true }, (r) => r.cells.some((c) => c !== '') && reader.add(r));
    return { encoding, delimiter };
  } catch (err) {
    if (err instanceof CsvError) throw new LedgerReadError('broken-quotes', { line: (err as CsvError & { lines?: number }).lines });
    throw err;
  }
}

/**
 * Reads a whole ledger file (CSV in any of the variants, or .xlsx) with the imports' shared readers, the
 * postings packed (the worker's answer: see packed.ts). Throws LedgerReadError.
 */
export async function parseLedgerPacked(buf: Buffer, opts: ParseOptions): Promise<ReadLedgerPacked> {
  if (buf.length === 0) throw new LedgerReadError('empty');
  if (buf.length > opts.maxBytes) throw new LedgerReadError('too-large');
  if (looksLikeZip(buf)) return { ...packedLedgerOf(await xlsxRows(buf), opts), format: 'xlsx' };
  const reader = new LedgerReader(opts);
  const { encoding, delimiter } = readCsv(buf, reader);
  return { ...reader.finish(), format: 'csv', encoding, delimiter };
}

/**
 * Reads a whole ledger file (CSV in any of the variants, or .xlsx) with the imports' shared readers.
 * Throws LedgerReadError. Run it off the event loop (parseOffThread).
 */
export async function parseLedger(buf: Buffer, opts: ParseOptions): Promise<ReadLedger> {
  const l = await parseLedgerPacked(buf, opts);
  return { ...l, postings: unpackPostings(l.postings) };
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
