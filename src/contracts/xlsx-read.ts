import { CellObject, WorkBook, read, utils } from '@e965/xlsx';
import { Locale, t } from '../i18n';
import { ImportFatalError } from './import-errors';
import { cellText } from './xlsx-cells';
import { guardXlsxZip, mebibytes } from './xlsx-zip-guard';

/**
 * Reads one worksheet of an .xlsx contract export into rows of plain strings, all or nothing. The zip is
 * checked for bombs before SheetJS (@e965/xlsx, the current SheetJS release on npm) parses it.
 */

export interface SheetTable {
  sheetName: string;
  /**
   * Non-empty rows in sheet order; line is the Excel row number (1-based), cells start at column A and end
   * at the row's own last non-empty cell (rows are not padded to a common width).
   */
  rows: { line: number; cells: string[] }[];
  /** Non-empty cells right of maxColumns, not read; the first of them (e.g. "XFD1") to name in a note. */
  ignored: { cells: number; first: string | null };
}

export interface XlsxLimits {
  maxFileBytes: number;
  maxUnpackedBytes: number;
  maxRows: number;
  /** Columns read from A; a cell further right (a note typed in XFD1) is counted and left. */
  maxColumns: number;
  /** The memory budget of one import: cells kept, empty ones between data included. */
  maxCells: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_XLSX_LIMITS: XlsxLimits = Object.freeze({
  maxFileBytes: 20 * MiB,
  maxUnpackedBytes: 200 * MiB,
  maxRows: 200_000,
  maxColumns: 256,
  maxCells: 4_000_000,
});

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A zip (PK\x03\x04), as every .xlsx is. */
export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** An OLE compound file: a password-protected .xlsx (EncryptionInfo + EncryptedPackage) or an old binary .xls. */
export function looksLikeCfb(buf: Buffer): boolean {
  return buf.length >= CFB_MAGIC.length && CFB_MAGIC.every((b, i) => buf[i] === b);
}

function limitsOf(partial: Partial<XlsxLimits> | undefined): XlsxLimits {
  const out = { ...DEFAULT_XLSX_LIMITS };
  for (const key of Object.keys(out) as (keyof XlsxLimits)[]) {
    const v = partial?.[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function parseWorkbook(buf: Buffer, sheet: string | undefined, locale: Locale): WorkBook {
  try {
    return read(buf, {
      type: 'buffer',
      dense: true,
      // Numbers stay numbers with their format: dates are converted here, in UTC, not by the library.
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      sheets: sheet ?? 0,
    });
  } catch {
    throw new ImportFatalError(t(locale, 'contracts.import.xlsx.damaged'));
  }
}

/** The sheet named (case-insensitively, as SheetJS matched it), or the first one. */
function pickSheet(wb: WorkBook, sheet: string | undefined, locale: Locale): string {
  const names = wb.SheetNames ?? [];
  if (names.length === 0) throw new ImportFatalError(t(locale, 'contracts.import.xlsx.noSheets'));
  if (sheet === undefined) return names[0];
  const found = names.find((n) => n.toLowerCase() === sheet.toLowerCase());
  if (found === undefined) {
    throw new ImportFatalError(t(locale, 'contracts.import.xlsx.unknownSheet', { sheet, sheets: names.join(', ') }));
  }
  return found;
}

interface RowContext {
  sheet: string;
  date1904: boolean;
  locale: Locale;
  limits: XlsxLimits;
  ignored: SheetTable['ignored'];
}

function cellValue(row: CellObject[], r: number, c: number, ctx: RowContext): string {
  const value = cellText(row[c], ctx.date1904);
  if ('error' in value) {
    const cell = utils.encode_cell({ r, c });
    throw new ImportFatalError(t(ctx.locale, 'contracts.import.xlsx.cellError', { cell, sheet: ctx.sheet, error: value.error }), r + 1);
  }
  return value.text;
}

/** Counts the non-empty cells right of maxColumns; only the cells present are visited, not the sheet's width. */
function countIgnored(row: CellObject[], r: number, ctx: RowContext): void {
  for (const key in row) {
    const c = Number(key);
    if (!Number.isInteger(c) || c < ctx.limits.maxColumns) continue;
    if (cellValue(row, r, c, ctx) === '') continue;
    ctx.ignored.first ??= utils.encode_cell({ r, c });
    ctx.ignored.cells++;
  }
}

/** The cells of worksheet row r (0-based) up to its last non-empty one within maxColumns, or null if none. */
function rowCells(row: CellObject[] | undefined, r: number, ctx: RowContext): string[] | null {
  if (!row) return null;
  const cells: string[] = [];
  let last = -1;
  const width = Math.min(row.length, ctx.limits.maxColumns);
  for (let c = 0; c < width; c++) {
    const text = cellValue(row, r, c, ctx);
    cells.push(text);
    if (text !== '') last = c;
  }
  if (row.length > width) countIgnored(row, r, ctx);
  return last < 0 ? null : cells.slice(0, last + 1);
}

/** The non-empty rows, within the row limit and the memory budget (cells kept). */
function tableRows(data: CellObject[][], ctx: RowContext): SheetTable['rows'] {
  const { maxRows, maxCells } = ctx.limits;
  const rows: SheetTable['rows'] = [];
  let kept = 0;
  for (let r = 0; r < data.length; r++) {
    const cells = rowCells(data[r], r, ctx);
    if (!cells) continue;
    if (rows.length === maxRows) {
      throw new ImportFatalError(t(ctx.locale, 'contracts.import.xlsx.tooManyRows', { sheet: ctx.sheet, max: maxRows }));
    }
    kept += cells.length;
    if (kept > maxCells) throw new ImportFatalError(t(ctx.locale, 'contracts.import.xlsx.overBudget', { sheet: ctx.sheet, max: maxCells, line: r + 1 }), r + 1);
    rows.push({ line: r + 1, cells });
  }
  return rows;
}

/**
 * The non-empty rows of the first worksheet (or of the one named sheet) as strings. Throws
 * ImportFatalError, in the user's language, for a file that is not an .xlsx, is password-protected or an
 * old .xls, is over a limit, is damaged, has no such sheet, an empty sheet or an error value (#REF! …).
 */
export async function readXlsxTable(
  buf: Buffer,
  opts: { sheet?: string; locale: Locale; limits?: Partial<XlsxLimits> },
): Promise<SheetTable> {
  const { locale } = opts;
  const limits = limitsOf(opts.limits);
  if (buf.length === 0) throw new ImportFatalError(t(locale, 'contracts.import.fatal.empty'));
  if (buf.length > limits.maxFileBytes) {
    const params = { size: mebibytes(buf.length, locale), max: mebibytes(limits.maxFileBytes, locale) };
    throw new ImportFatalError(t(locale, 'contracts.import.xlsx.fileTooLarge', params));
  }
  if (looksLikeCfb(buf)) throw new ImportFatalError(t(locale, 'contracts.import.xlsx.encrypted'));
  if (!looksLikeXlsx(buf)) throw new ImportFatalError(t(locale, 'contracts.import.xlsx.notXlsx'));
  await guardXlsxZip(buf, limits.maxUnpackedBytes, locale);

  const sheet = opts.sheet?.trim() || undefined;
  const wb = parseWorkbook(buf, sheet, locale);
  const sheetName = pickSheet(wb, sheet, locale);
  // The sheet's dimension (!ref) is never used: it may reach a far cell; only the cells present count.
  const ctx: RowContext = { sheet: sheetName, date1904: Boolean(wb.Workbook?.WBProps?.date1904), locale, limits, ignored: { cells: 0, first: null } };
  const rows = tableRows(wb.Sheets[sheetName]?.['!data'] ?? [], ctx);
  if (rows.length === 0) throw new ImportFatalError(t(locale, 'contracts.import.xlsx.emptySheet', { sheet: sheetName }));
  return { sheetName, rows, ignored: ctx.ignored };
}
