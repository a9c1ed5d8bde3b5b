import { inflateRawSync } from 'node:zlib';
import { CellObject, read } from '@e965/xlsx';
import { LedgerReadError } from './errors';
import { TextRow } from './csv';

/**
 * A ledger workbook's first sheet as rows of text. The zip is checked first (a zip bomb never reaches
 * the spreadsheet library), the sheet is read dense, and each row is read only up to its own last cell:
 * nothing is padded to the sheet's width, so a stray cell in column XFD costs nothing.
 */
export const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
export const MAX_SHEET_ROWS = 1_100_000;

export const looksLikeZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;

/**
 * Inflates every entry through a bounded inflater (nothing kept) so the real unpacked size, not the
 * declared one, is held against the limit. Throws 'zip-bomb' over the limit, 'damaged' on a broken zip.
 */
export function guardZip(buf: Buffer, maxUnpacked = MAX_UNPACKED_BYTES): void {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) throw new LedgerReadError('damaged');
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let budget = maxUnpacked;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new LedgerReadError('damaged');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (declared > budget) throw new LedgerReadError('zip-bomb');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new LedgerReadError('damaged');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    let size = data.length;
    if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (err) {
        throw new LedgerReadError((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? 'zip-bomb' : 'damaged');
      }
    }
    if (size > budget) throw new LedgerReadError('zip-bomb');
    budget -= size;
    at += 46 + nameLen + extraLen + commentLen;
  }
}

/** Days between Excel's day 0 (1899-12-30) and 1970-01-01. */
const EXCEL_EPOCH = 25569;

/** A cell as the text a CSV would hold: dates as YYYY-MM-DD, numbers with a decimal point. */
function cellText(cell: CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  if (cell.t === 'n' && typeof cell.v === 'number' && typeof cell.z === 'string' && /[dy]/i.test(cell.z) && !/General/i.test(cell.z)) {
    return new Date(Math.round((cell.v - EXCEL_EPOCH) * 86_400_000)).toISOString().slice(0, 10);
  }
  return String(cell.v).trim();
}

export function xlsxRows(buf: Buffer, maxRows = MAX_SHEET_ROWS): TextRow[] {
  guardZip(buf);
  let data: CellObject[][];
  try {
    const wb = read(buf, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellText: false, cellHTML: false, cellFormula: false, sheets: 0 });
    data = wb.Sheets[wb.SheetNames[0]]?.['!data'] ?? [];
  } catch {
    throw new LedgerReadError('damaged');
  }
  const rows: TextRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) cells.push(cellText(row[c]));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) continue;
    if (rows.length >= maxRows) throw new LedgerReadError('too-many-rows');
    rows.push({ line: r + 1, cells });
  }
  return rows;
}
