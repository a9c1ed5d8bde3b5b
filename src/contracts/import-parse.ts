import path from 'node:path';
import { Category } from '../core/categories';
import { Locale } from '../i18n';
import { FileReadError } from '../imports/read-error';
import { OffThreadTask, runOffThread } from '../imports/off-thread';
import { readEntries } from '../imports/zip-guard';
import { ParsedFile, parseContractsCsv, parseTable } from './csv-import';
import { ImportFatalError } from './import-errors';
import { XlsxLimits, looksLikeCfb, looksLikeXlsx, readRefusal, readXlsxTable } from './xlsx-read';

/**
 * Reading a contract export, once, off the event loop: the imports' shared readers turn the file into
 * rows, the rows are checked against the catalogue's categories, and the result (ParsedFile) is what
 * both the preview and the import work from.
 */

export interface ParseContractOptions {
  format?: 'csv' | 'xlsx';
  sheet?: string;
  xlsxLimits?: Partial<XlsxLimits>;
  locale: Locale;
}

/** Reads a CSV or .xlsx export (by its first bytes unless told) against the catalogue's categories. */
export async function parseContractFile(file: Buffer, categories: readonly Category[], opts: ParseContractOptions): Promise<ParsedFile> {
  // A zip is a workbook; an OLE file is a password-protected workbook or an old .xls, which the reader explains.
  const format = opts.format ?? (looksLikeXlsx(file) || looksLikeCfb(file) ? 'xlsx' : 'csv');
  if (format === 'csv') return parseContractsCsv(file, categories, opts.locale);
  const table = await readXlsxTable(file, { sheet: opts.sheet, locale: opts.locale, limits: opts.xlsxLimits });
  const parsed = parseTable(table.rows, categories, opts.locale, table.ignored);
  return {
    format,
    encoding: null,
    delimiter: null,
    sheet: table.sheetName,
    rows: parsed.contracts,
    rejected: parsed.rejected,
    notes: parsed.notes,
    newCategories: parsed.newCategories,
    warnings: parsed.warnings,
  };
}

const MiB = 1024 * 1024;

/** What a workbook unpacks to, from its zip directory (0 when it is no readable zip: the reader says why). */
function unpackedBytes(file: Buffer): number {
  if (!looksLikeXlsx(file)) return 0;
  try {
    return readEntries(file).reduce((sum, e) => sum + e.centralSize, 0);
  } catch {
    return 0;
  }
}

/**
 * The memory budget of one reading (its worker's heap): what the rows of a file of this size need, with
 * room (measured: a 4 MB workbook of 60 000 rows, 37 MB unpacked, holds about 130 MB of rows and
 * contracts), never less than 192 MB nor more than 1 GB. A file that needs more is refused, not the
 * server: the limit is also what keeps the reading's garbage from piling up.
 */
export function readingHeapMb(file: Buffer): number {
  const need = Math.max((file.length / MiB) * 40, (unpackedBytes(file) / MiB) * 5);
  return Math.min(1024, Math.max(192, Math.ceil(need)));
}

/** parseContractFile in a worker thread; its refusals arrive as the ImportFatalErrors they were. */
export function parseContractFileOffThread(file: Buffer, categories: readonly Category[], opts: ParseContractOptions): Promise<ParsedFile> {
  const task: OffThreadTask<[Buffer, readonly Category[], ParseContractOptions], ParsedFile> = {
    module: path.join(__dirname, 'import-parse.js'),
    fn: 'parseContractFile',
    inThread: parseContractFile,
    maxHeapMb: readingHeapMb(file),
    revive: (e) => (e.name === 'ImportFatalError' ? new ImportFatalError(e.message, e.props.line as number | undefined) : null),
    outOfMemory: () => readRefusal(new FileReadError('memory'), opts.locale),
  };
  return runOffThread(task, [file, categories, opts]);
}
