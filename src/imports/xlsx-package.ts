import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { SSF } from '@e965/xlsx';
import { FileReadError } from './read-error';
import { attributes, scanElements, stringText } from './xml-scan';
import { ZipEntry } from './zip-guard';

/**
 * The parts of an .xlsx package the workbook reader needs: found by name in the zip (already checked by
 * the zip guard), small ones inflated whole, the large ones (the sheet, the shared strings) in pieces.
 */

/** The package's parts, found by name, each inflated on demand. */
export class Package {
  private readonly byName = new Map<string, ZipEntry>();

  constructor(
    private readonly buf: Buffer,
    entries: readonly ZipEntry[],
  ) {
    for (const e of entries) this.byName.set(e.name, e);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  private data(e: ZipEntry): Buffer {
    return e.method === 0 ? this.buf.subarray(e.dataStart, e.dataStart + e.storedSize) : this.buf.subarray(e.dataStart);
  }

  /** A small part (workbook, relationships, styles) as text; null when absent. */
  text(name: string): string | null {
    const e = this.byName.get(name);
    if (!e) return null;
    try {
      const bytes = e.method === 0 ? this.data(e) : inflateRawSync(this.data(e), { maxOutputLength: Math.max(e.centralSize, 1) });
      return bytes.toString('utf8');
    } catch {
      throw new FileReadError('damaged');
    }
  }

  /**
   * A part read in pieces: each piece of text, with what the last one left, goes to onText, which returns
   * how much of it it is done with. The rest is kept for the next piece.
   */
  async stream(name: string, onText: (text: string) => number): Promise<void> {
    const e = this.byName.get(name);
    if (!e) throw new FileReadError('damaged');
    const decoder = new StringDecoder('utf8');
    let pending = '';
    const feed = (chunk: Buffer) => {
      pending += decoder.write(chunk);
      pending = pending.slice(onText(pending));
    };
    if (e.method === 0) {
      for (let at = 0, data = this.data(e); at < data.length; at += 256 * 1024) feed(data.subarray(at, at + 256 * 1024));
    } else {
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      inflate.end(this.data(e));
      try {
        for await (const chunk of inflate) feed(chunk as Buffer);
      } catch (err) {
        inflate.destroy();
        // zlib's own errors (Z_DATA_ERROR …) mean a damaged part; anything else is the reader's.
        if (String((err as { code?: unknown }).code ?? '').startsWith('Z_')) throw new FileReadError('damaged');
        throw err;
      }
    }
    pending += decoder.end();
    onText(pending);
  }
}

/** A relationship target as the part's name in the package (relative to base, or absolute). */
function partName(target: string, base: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export function relationships(pkg: Package, name: string): Map<string, string> {
  const out = new Map<string, string>();
  const xml = pkg.text(name);
  if (xml === null) return out;
  scanElements(xml, new Set(['Relationship']), (e) => {
    const a = attributes(e.attrs);
    if (a.Id && a.Target !== undefined) out.set(a.Id, a.Target);
  });
  return out;
}

export interface SheetRef {
  name: string;
  part: string;
}

/** The workbook's sheets in order and its date system. */
export function workbookInfo(pkg: Package): { sheets: SheetRef[]; date1904: boolean } {
  const xml = pkg.text('xl/workbook.xml') ?? '';
  const rels = relationships(pkg, 'xl/_rels/workbook.xml.rels');
  const sheets: SheetRef[] = [];
  let date1904 = false;
  scanElements(xml, new Set(['sheet', 'workbookPr']), (e) => {
    const a = attributes(e.attrs);
    if (e.name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    else sheets.push({ name: a.name ?? '', part: partName(rels.get(a.id ?? '') ?? '', 'xl/') });
  });
  return { sheets, date1904 };
}

/** The number format of each cell style (cellXfs), by style index; undefined for General. */
export function cellFormats(pkg: Package): (string | undefined)[] {
  const xml = pkg.text('xl/styles.xml');
  if (xml === null) return [];
  const custom = new Map<number, string>();
  scanElements(xml, new Set(['numFmt']), (e) => {
    const a = attributes(e.attrs);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
  });
  const table = SSF.get_table() as Record<number, string>;
  const formats: (string | undefined)[] = [];
  const start = xml.indexOf('<cellXfs');
  const end = xml.indexOf('</cellXfs>', start);
  if (start < 0 || end < 0) return formats;
  scanElements(xml.slice(start + 1, end), new Set(['xf']), (e) => {
    const id = Number(attributes(e.attrs).numFmtId ?? 0);
    formats.push(custom.get(id) ?? table[id]);
  });
  return formats;
}

/**
 * A copy of a piece of text that does not keep the piece of XML it was cut from alive (a substring may
 * share its parent's memory; a kept cell must not pin a 256 KB piece of the sheet).
 */
export const detached = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

/** The shared strings, read in pieces (a workbook's largest part after its sheet). */
export async function sharedStrings(pkg: Package): Promise<string[]> {
  const out: string[] = [];
  if (!pkg.has('xl/sharedStrings.xml')) return out;
  const names = new Set(['si']);
  await pkg.stream('xl/sharedStrings.xml', (text) => scanElements(text, names, (e) => out.push(e.inner === null ? '' : detached(stringText(e.inner)))));
  return out;
}
