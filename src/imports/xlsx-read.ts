import { FileReadError } from './read-error';
import { RawCell, cellText } from './xlsx-cells';
import { Package, SheetRef, cellFormats, detached, relationships, sharedStrings, workbookInfo } from './xlsx-package';
import { Element, attributes, scanElements, stringText, unescapeXml } from './xml-scan';
import { guardXlsxZip } from './zip-guard';

/**
 * The one workbook reader of the imports (contracts and spend): one worksheet of an .xlsx as rows of
 * plain strings, all or nothing. The zip is checked for bombs first. The worksheet's XML is then inflated
 * and read in pieces, row by row, and only the text of the cells kept is held: neither the whole sheet's
 * XML nor a cell object per cell is ever in memory, and a stray far cell (a note in XFD1) costs nothing.
 * Refusals are FileReadErrors (codes and numbers), which each capability words in the user's language.
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

export function limitsOf(partial: Partial<XlsxLimits> | undefined): XlsxLimits {
  const out = { ...DEFAULT_XLSX_LIMITS };
  for (const key of Object.keys(out) as (keyof XlsxLimits)[]) {
    const v = partial?.[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Column letters → 0-based index (A → 0, XFD → 16383); -1 when ref has none. */
function columnIndex(ref: string): number {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) c = c * 26 + code - 64;
    else if (code >= 97 && code <= 122) c = c * 26 + code - 96;
    else break;
  }
  return i === 0 ? -1 : c - 1;
}

/** 0-based column → letters (0 → A). */
export function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface ReadContext {
  sheet: string;
  date1904: boolean;
  limits: XlsxLimits;
  strings: readonly string[];
  formats: readonly (string | undefined)[];
  rows: SheetTable['rows'];
  ignored: SheetTable['ignored'];
  links: { ref: string; id?: string; location?: string }[];
  kept: number;
  lastRow: number;
  /** Stop after this many rows (a look at the header only), without refusing the file. */
  headRows: number;
}

/** Thrown inside the reading to stop it once the head rows are read. */
class HeadRead extends Error {}

const CELL = new Set(['c']);
const VALUE = new Set(['v', 'is']);
const SHEET = new Set(['row', 'hyperlink']);

/** A cell element as a RawCell: its value (a shared string looked up) and its number format. */
function rawCell(e: Element, ctx: ReadContext): { ref: string | undefined; cell: RawCell } {
  const a = attributes(e.attrs);
  const t = a.t ?? 'n';
  let v: string | undefined;
  if (e.inner !== null) {
    scanElements(e.inner, VALUE, (x) => {
      if (x.name === 'v' && t !== 'inlineStr') v = x.inner === null ? '' : unescapeXml(x.inner);
      else if (x.name === 'is') v = x.inner === null ? '' : stringText(x.inner);
    });
  }
  if (t === 's' && v !== undefined) {
    const i = Number(v);
    if (!Number.isInteger(i) || i < 0 || i >= ctx.strings.length) throw new FileReadError('damaged');
    v = ctx.strings[i];
  }
  const style = a.s === undefined ? 0 : Number(a.s);
  return { ref: a.r, cell: { t, v, format: ctx.formats[style] } };
}

function textOf(cell: RawCell, ref: string, line: number, ctx: ReadContext): string {
  const value = cellText(cell, ctx.date1904);
  if ('error' in value) throw new FileReadError('cellError', { cell: ref, sheet: ctx.sheet, error: value.error }, line);
  return value.text;
}

/** One <row>: its cells within maxColumns up to its last non-empty one; cells further right counted. */
function readRow(e: Element, ctx: ReadContext): void {
  const a = attributes(e.attrs);
  const line = a.r !== undefined ? Number(a.r) : ctx.lastRow + 1;
  ctx.lastRow = line;
  if (e.inner === null) return;
  const cells: string[] = [];
  let col = -1;
  scanElements(e.inner, CELL, (c) => {
    const { ref, cell } = rawCell(c, ctx);
    const at = ref !== undefined ? columnIndex(ref) : -1;
    col = at >= 0 ? at : col + 1;
    const name = `${columnName(col)}${line}`;
    const text = textOf(cell, name, line, ctx);
    if (col >= ctx.limits.maxColumns) {
      if (text === '') return;
      ctx.ignored.first ??= name;
      ctx.ignored.cells++;
      return;
    }
    if (text === '') return;
    while (cells.length < col) cells.push('');
    // Shared strings are copies already; inline and formula strings are still cut from the sheet's XML.
    cells[col] = cell.t === 's' ? text : detached(text);
  });
  if (cells.length === 0) return;
  keepRow(line, cells, ctx);
}

function keepRow(line: number, cells: string[], ctx: ReadContext): void {
  const { maxRows, maxCells } = ctx.limits;
  if (ctx.rows.length >= ctx.headRows) throw new HeadRead();
  if (ctx.rows.length === maxRows) throw new FileReadError('tooManyRows', { sheet: ctx.sheet, max: maxRows });
  ctx.kept += cells.length;
  if (ctx.kept > maxCells) throw new FileReadError('overBudget', { sheet: ctx.sheet, max: maxCells, line }, line);
  ctx.rows.push({ line, cells });
}

/** Cells a hyperlink range may fill at most (a link over a whole column is not walked cell by cell). */
const MAX_LINK_CELLS = 100_000;

/**
 * Hyperlinks come after the cells: a linked cell with no text of its own reads as the link's address
 * (an export's "Länk" column often holds only the link).
 */
function applyLinks(pkg: Package, part: string, ctx: ReadContext): void {
  if (ctx.links.length === 0) return;
  const slash = part.lastIndexOf('/');
  const rels = relationships(pkg, `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
  const byLine = new Map(ctx.rows.map((r) => [r.line, r]));
  let added = false;
  let budget = MAX_LINK_CELLS;
  for (const link of ctx.links) {
    const target = (link.id !== undefined ? rels.get(link.id) : undefined) ?? (link.location ? `#${link.location}` : '');
    if (target.trim() === '') continue;
    const [from, to = from] = link.ref.split(':');
    const [c1, c2] = [columnIndex(from), Math.min(columnIndex(to), ctx.limits.maxColumns - 1)];
    const [r1, r2] = [Number(from.slice(columnName(c1).length)), Number(to.slice(columnName(columnIndex(to)).length))];
    if (c1 < 0 || !Number.isInteger(r1) || !Number.isInteger(r2)) continue;
    for (let r = r1; r <= r2 && budget > 0; r++) {
      for (let c = c1; c <= c2 && budget > 0; c++, budget--) {
        let row = byLine.get(r);
        if (row && (row.cells[c] ?? '') !== '') continue;
        if (!row) {
          row = { line: r, cells: [] };
          byLine.set(r, row);
          ctx.rows.push(row);
          added = true;
        }
        while (row.cells.length < c) row.cells.push('');
        row.cells[c] = target.trim();
      }
    }
  }
  if (added) ctx.rows.sort((x, y) => x.line - y.line);
}

/** The sheet's rows, read in pieces; the hyperlinks after them noted for applyLinks. */
async function readSheet(pkg: Package, part: string, ctx: ReadContext): Promise<void> {
  await pkg.stream(part, (text) =>
    scanElements(text, SHEET, (e) => {
      if (e.name === 'row') readRow(e, ctx);
      else {
        const a = attributes(e.attrs);
        if (a.ref) ctx.links.push({ ref: a.ref, id: a.id, location: a.location });
      }
    }),
  );
  applyLinks(pkg, part, ctx);
}

/** The sheet named (case-insensitively), or the first one. */
function pickSheet(sheets: readonly SheetRef[], sheet: string | undefined): SheetRef {
  if (sheets.length === 0) throw new FileReadError('noSheets');
  if (sheet === undefined) return sheets[0];
  const found = sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
  if (!found) throw new FileReadError('unknownSheet', { sheet, sheets: sheets.map((s) => s.name).join(', ') });
  return found;
}

/**
 * The non-empty rows of the first worksheet (or of the one named sheet) as strings. Throws FileReadError
 * for a file that is not an .xlsx, is password-protected or an old .xls, is over a limit, is damaged, has
 * no such sheet, an empty sheet or an error value (#REF! …).
 */
export async function readWorkbookSheet(
  buf: Buffer,
  opts: { sheet?: string; limits?: Partial<XlsxLimits>; /** Only the first rows, e.g. to recognise a header. */ headRows?: number } = {},
): Promise<SheetTable> {
  const limits = limitsOf(opts.limits);
  if (buf.length === 0) throw new FileReadError('empty');
  if (buf.length > limits.maxFileBytes) throw new FileReadError('fileTooLarge', { sizeBytes: buf.length, maxBytes: limits.maxFileBytes });
  if (looksLikeCfb(buf)) throw new FileReadError('encrypted');
  if (!looksLikeXlsx(buf)) throw new FileReadError('notXlsx');
  const pkg = new Package(buf, await guardXlsxZip(buf, limits.maxUnpackedBytes));
  const { sheets, date1904 } = workbookInfo(pkg);
  const picked = pickSheet(sheets, opts.sheet?.trim() || undefined);
  if (!pkg.has(picked.part)) throw new FileReadError('damaged');
  const ctx: ReadContext = {
    sheet: picked.name,
    date1904,
    limits,
    strings: await sharedStrings(pkg),
    formats: cellFormats(pkg),
    rows: [],
    ignored: { cells: 0, first: null },
    links: [],
    kept: 0,
    lastRow: 0,
    headRows: opts.headRows ?? Infinity,
  };
  // The sheet's dimension (<dimension ref="A1:XFD60001">) is never used: only the cells present count.
  try {
    await readSheet(pkg, picked.part, ctx);
  } catch (err) {
    if (!(err instanceof HeadRead)) throw err;
  }
  if (ctx.rows.length === 0) throw new FileReadError('emptySheet', { sheet: picked.name });
  return { sheetName: picked.name, rows: ctx.rows, ignored: ctx.ignored };
}
