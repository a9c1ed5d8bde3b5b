import { createInflateRaw } from 'node:zlib';
import { FileReadError } from './read-error';

/**
 * Checks an .xlsx (a zip) before the workbook reader unpacks it, so that a zip bomb never reaches it:
 * the declared sizes are summed first, then every entry is really inflated through a streaming counter
 * that stops at the limit (nothing is kept), and an entry whose real size differs from its declared one
 * is refused as damaged. The zip is walked the way common readers walk it (SheetJS too): the last
 * end-of-central-directory record, its entry count and offset, and each entry's data located through its
 * local header. Refusals are FileReadErrors (codes, no texts).
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;
const ENCRYPTED_FLAGS = 0x2041; // traditional encryption, strong encryption, encrypted central directory

export interface ZipEntry {
  name: string;
  method: number;
  dataStart: number;
  /** Compressed size as SheetJS takes it from the local header (used for stored entries). */
  storedSize: number;
  /** Uncompressed size in the central directory (ZIP64 field first), which the real size must equal. */
  centralSize: number;
  /** Uncompressed size SheetJS preallocates from the local header (0: grows as needed). */
  localSize: number;
}

const notXlsx = () => new FileReadError('notXlsx');
const damaged = () => new FileReadError('damaged');
const tooBig = (max: number) => new FileReadError('unpackedTooLarge', { maxBytes: max });

/** [uncompressed, compressed] from a ZIP64 extra field (id 1) between start and end, 0 where absent. */
function zip64Sizes(buf: Buffer, start: number, end: number): [number, number] {
  for (let p = start; p + 4 <= end; p += 4 + buf.readUInt16LE(p + 2)) {
    if (buf.readUInt16LE(p) !== 1) continue;
    // SheetJS reads both sizes whatever the field's length; a shorter field would make it read past it.
    if (buf.readUInt16LE(p + 2) < 16 || p + 20 > end) throw damaged();
    return [Number(buf.readBigUInt64LE(p + 4)), Number(buf.readBigUInt64LE(p + 12))];
  }
  return [0, 0];
}

function findEndOfCentralDirectory(buf: Buffer): { count: number; offset: number } {
  let i = buf.length - 4;
  while (i >= 0 && buf.readUInt32LE(i) !== EOCD) i--;
  // The caller has seen a local header signature: a zip without its directory is a damaged (e.g. cut off) one.
  if (i < 0 || i + 22 > buf.length) throw damaged();
  const count = buf.readUInt16LE(i + 8);
  const offset = buf.readUInt32LE(i + 16);
  if (count === 0 || count > MAX_ENTRIES || offset >= buf.length) throw damaged();
  return { count, offset };
}

/** One central directory record at p and the local header it points to, sizes taken as SheetJS takes them. */
function readEntry(buf: Buffer, p: number): { entry: ZipEntry; next: number } {
  if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw damaged();
  const [cName, cExtra, cComment] = [28, 30, 32].map((o) => buf.readUInt16LE(p + o));
  const next = p + 46 + cName + cExtra + cComment;
  const local = buf.readUInt32LE(p + 42);
  if (next > buf.length || local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw damaged();
  if ((buf.readUInt16LE(p + 8) | buf.readUInt16LE(local + 6)) & ENCRYPTED_FLAGS) {
    throw new FileReadError('encrypted');
  }
  const lName = buf.readUInt16LE(local + 26);
  const lExtra = buf.readUInt16LE(local + 28);
  const dataStart = local + 30 + lName + lExtra;
  if (dataStart > buf.length) throw damaged();
  const central64 = zip64Sizes(buf, p + 46 + cName, p + 46 + cName + cExtra);
  const local64 = zip64Sizes(buf, local + 30 + lName, dataStart);
  // As parse_local_file: the local sizes, replaced by the local and then the central ZIP64 field if there are local extras.
  const pick = (i: 0 | 1, own: number) => (lExtra ? central64[i] || local64[i] || own : own);
  const entry: ZipEntry = {
    name: buf.toString('latin1', local + 30, local + 30 + lName),
    method: buf.readUInt16LE(local + 8),
    dataStart,
    storedSize: pick(1, buf.readUInt32LE(local + 18)),
    centralSize: central64[0] || buf.readUInt32LE(p + 24),
    localSize: pick(0, buf.readUInt32LE(local + 22)),
  };
  return { entry, next };
}

export function readEntries(buf: Buffer): ZipEntry[] {
  const { count, offset } = findEndOfCentralDirectory(buf);
  const entries: ZipEntry[] = [];
  for (let i = 0, p = offset; i < count; i++) {
    const { entry, next } = readEntry(buf, p);
    entries.push(entry);
    p = next;
  }
  return entries;
}

/** Bytes a raw deflate stream inflates to, counted and thrown away; 'over' once past cap, 'bad' if it is broken. */
export function inflatedSize(data: Buffer, cap: number): Promise<number | 'over' | 'bad'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let size = 0;
    let settled = false;
    const settle = (r: number | 'over' | 'bad') => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        settle('over');
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(size));
    inflate.on('error', () => settle('bad'));
    inflate.end(data);
  });
}

/**
 * Refuses anything that is not a safe .xlsx: not a zip, no xl/workbook.xml, encrypted entries, unknown
 * compression, declared or real unpacked size over maxUnpackedBytes, sizes that lie. Returns the entries.
 */
export async function guardXlsxZip(buf: Buffer, maxUnpackedBytes: number): Promise<ZipEntry[]> {
  const entries = readEntries(buf);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw notXlsx();
  const declared = entries.reduce((sum, e) => sum + Math.max(e.centralSize, e.localSize), 0);
  if (declared > maxUnpackedBytes) throw tooBig(maxUnpackedBytes);
  let total = 0;
  for (const e of entries) {
    let size: number | 'over' | 'bad';
    if (e.method === 0) size = Math.min(e.storedSize, buf.length - e.dataStart);
    else if (e.method === 8) size = await inflatedSize(buf.subarray(e.dataStart), maxUnpackedBytes - total);
    else throw damaged();
    if (size === 'over') throw tooBig(maxUnpackedBytes);
    if (size === 'bad' || size !== e.centralSize || (e.localSize !== 0 && e.localSize !== size)) throw damaged();
    total += size;
    if (total > maxUnpackedBytes) throw tooBig(maxUnpackedBytes);
  }
  return entries;
}
