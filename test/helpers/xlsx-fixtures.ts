import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/**
 * Workbooks built byte by byte for the .xlsx reader's tests: a small zip writer that can lie about sizes,
 * the OOXML parts as Excel and LibreOffice write them (shared strings, styles with date formats, sheet
 * relationships), a zip bomb and an OLE (CFB) file.
 */

export interface ZipEntry {
  name: string;
  /** The entry's content (compressed here unless raw is given). */
  data?: Buffer;
  /** Already deflated data (method 8), with its real size in size. */
  raw?: { deflated: Buffer; size: number };
  method?: 0 | 8;
  /** Uncompressed size to write in the central directory / local header instead of the real one. */
  centralSize?: number;
  localSize?: number;
  /** General purpose flags, e.g. 1 (encrypted) or 8 (sizes in a data descriptor). */
  flags?: number;
  /** Extra field of the local header, e.g. a ZIP64 one (see zip64Extra). */
  localExtra?: Buffer;
}

/** A ZIP64 extended information extra field with the given uncompressed and compressed sizes. */
export function zip64Extra(uncompressed: number, compressed: number): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt16LE(1, 0);
  b.writeUInt16LE(16, 2);
  b.writeBigUInt64LE(BigInt(uncompressed), 4);
  b.writeBigUInt64LE(BigInt(compressed), 12);
  return b;
}

/** A zip archive; sizes can be made to lie to build bombs and damaged files. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.raw ? 8 : (e.method ?? 8);
    const data = e.data ?? Buffer.alloc(0);
    const body = e.raw ? e.raw.deflated : method === 8 ? deflateRawSync(data) : data;
    const size = e.raw ? e.raw.size : data.length;
    const crc = e.raw ? 0 : crc32(data);
    const name = Buffer.from(e.name, 'utf8');
    const flags = e.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.localSize ?? size, 22);
    local.writeUInt16LE(name.length, 26);
    const extra = e.localExtra ?? Buffer.alloc(0);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.centralSize ?? size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, extra, body);
    centrals.push(central, name);
    offset += 30 + name.length + extra.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Styles as Excel writes them: cellXfs 0 General, 1 built-in date (14), 2 custom YYYY-MM-DD, 3 text, 4 org number 000000-0000. */
export const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd;@"/><numFmt numFmtId="165" formatCode="000000\\-0000"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

export interface SheetPart {
  name: string;
  /** The <sheetData> children (rows). */
  rows: string;
  /** Worksheet content before sheetData (e.g. <dimension>, <sheetViews>), as Excel writes it. */
  before?: string;
  /** Extra worksheet content after sheetData (e.g. <hyperlinks>). */
  after?: string;
  /** Relationships of the sheet, e.g. hyperlink targets: rId → URL. */
  links?: Record<string, string>;
}

/** An OOXML package as Excel writes it: shared strings, styles, one part per sheet. */
export function workbook(opts: { sheets: SheetPart[]; sharedStrings?: string[]; date1904?: boolean }): Buffer {
  const sheets = opts.sheets;
  const entries: ZipEntry[] = [];
  const add = (name: string, xml: string) => entries.push({ name, data: Buffer.from(XML_HEAD + xml, 'utf8') });
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  add(
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  add('_rels/.rels', `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const sheetList = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const pr = opts.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr defaultThemeVersion="164011"/>';
  add('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${pr}<sheets>${sheetList}</sheets></workbook>`);
  const wbRels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  wbRels.push(`<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  wbRels.push(`<Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  add('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG_REL}">${wbRels.join('')}</Relationships>`);
  add('xl/styles.xml', STYLES.slice(XML_HEAD.length));
  const sst = opts.sharedStrings ?? [];
  add('xl/sharedStrings.xml', `<sst xmlns="${MAIN}" count="${sst.length}" uniqueCount="${sst.length}">${sst.join('')}</sst>`);
  sheets.forEach((s, i) => {
    add(`xl/worksheets/sheet${i + 1}.xml`, `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.before ?? ''}<sheetData>${s.rows}</sheetData>${s.after ?? ''}</worksheet>`);
    if (s.links) {
      const rels = Object.entries(s.links).map(([id, url]) => `<Relationship Id="${id}" Type="${REL}/hyperlink" Target="${escapeXml(url)}" TargetMode="External"/>`);
      add(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, `<Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>`);
    }
  });
  return zip(entries);
}

/** A shared string item: plain (<si><t>) or rich text runs (<si><r>…). */
export const si = (...runs: string[]): string =>
  runs.length === 1
    ? `<si><t xml:space="preserve">${escapeXml(runs[0])}</t></si>`
    : `<si>${runs.map((r, i) => `<r>${i % 2 ? '<rPr><b/></rPr>' : ''}<t xml:space="preserve">${escapeXml(r)}</t></r>`).join('')}</si>`;

/**
 * size bytes of a repeated sheet row, raw-deflated as a stream (so building it never holds size bytes):
 * about a thousandth of size.
 */
export async function deflatedBomb(size: number): Promise<{ deflated: Buffer; size: number }> {
  const chunk = Buffer.alloc(1024 * 1024, '<row><c><v>1</v></c></row>');
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { deflated: Buffer.concat(out), size };
}

/** A workbook whose only sheet is the bomb, with the sizes written as given. */
export function bombWorkbook(
  bomb: { deflated: Buffer; size: number },
  sizes: Pick<ZipEntry, 'centralSize' | 'localSize' | 'flags' | 'localExtra'>,
): Buffer {
  const small = (name: string, xml: string): ZipEntry => ({ name, data: Buffer.from(XML_HEAD + xml) });
  return zip([
    small('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    small('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    { name: 'xl/worksheets/sheet1.xml', raw: bomb, ...sizes },
  ]);
}

/** An OLE compound file header (as a password-protected .xlsx or an old .xls starts), with stream names. */
export function cfbFile(streams: string[]): Buffer {
  const buf = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  streams.forEach((s, i) => Buffer.from(s, 'utf16le').copy(buf, 1024 + i * 128));
  return buf;
}

/** Column letters of a 1-based column number: 1 → A, 16 → P, 16384 → XFD. */
export function columnName(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const STRAY_HEADERS = ['Avtalsnummer', 'Benämning', 'Beskrivning', 'Kategori', 'Leverantör', 'Sökord', 'CPV', 'Startdatum', 'Slutdatum', 'Förlängning till', 'Region', 'Beställningssätt', 'Kontaktperson', 'E-post', 'Länk', 'Avtalstyp'];

/**
 * An export of `rows` contracts as Excel saves it after someone typed a note far to the right of the header
 * (by default in XFD1, the last column): shared strings, date cells with a date style, rows with their
 * spans, and the sheet's dimension reaching from A1 to the far column. About 4 MB for 60 000 rows (each row carries a description, so heavier than the review's 1.7 MB file).
 */
export function strayCellWorkbook(rows: number, opts: { strayColumn?: number; note?: string } = {}): Buffer {
  const far = opts.strayColumn ?? 16_384;
  const sst: string[] = [];
  const ids = new Map<string, number>();
  const s = (text: string) => {
    let i = ids.get(text);
    if (i === undefined) {
      i = sst.length;
      ids.set(text, i);
      sst.push(si(text));
    }
    return i;
  };
  const str = (ref: string, text: string) => `<c r="${ref}" t="s"><v>${s(text)}</v></c>`;
  const num = (ref: string, v: number, style = 0) => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  const cols = STRAY_HEADERS.map((_, i) => columnName(i + 1));
  const out: string[] = [];
  const header = STRAY_HEADERS.map((h, i) => str(`${cols[i]}1`, h)).join('');
  out.push(`<row r="1" spans="1:${far}">${header}${str(`${columnName(far)}1`, opts.note ?? 'Obs! Kolla leverantörerna innan nästa export')}</row>`);
  const categories = ['Medicinteknik', 'IT och telekom', 'Livsmedel', 'Fastighet och service', 'Konsulter'];
  for (let r = 0; r < rows; r++) {
    const line = r + 2;
    const id = `RS-${2020 + (r % 6)}-${String(r + 1).padStart(5, '0')}`;
    const c = (i: number) => `${cols[i]}${line}`;
    const cells = [
      `<c r="${c(0)}" t="inlineStr"><is><t>${id}</t></is></c>`,
      str(c(1), `Förbrukningsmaterial grupp ${r % 400}`),
      str(c(2), 'Avtal om leverans av förbrukningsmaterial till vårdenheter i båda regionerna.'),
      str(c(3), categories[r % categories.length]),
      str(c(4), `Leverantör ${r % 300} AB (556${String(100000 + (r % 300)).slice(-3)}-${String(1000 + (r % 9000)).slice(-4)})`),
      str(c(5), 'handskar|förband|sprutor'),
      num(c(6), 33140000),
      num(c(7), 45658 + (r % 365), 1),
      num(c(8), 46753 + (r % 365), 1),
      num(c(9), 47483 + (r % 365), 1),
      str(c(10), r % 3 === 0 ? 'Region Sörmland' : 'Båda'),
      str(c(11), 'E-handel'),
      str(c(12), `Upphandlare ${r % 20}`),
      str(c(13), `upphandlare${r % 20}@regionsormland.se`),
      str(c(14), `https://www.regionsormland.se/avtal/${r % 500}`),
      str(c(15), 'Ramavtal'),
    ];
    out.push(`<row r="${line}" spans="1:16">${cells.join('')}</row>`);
  }
  const dimension = `<dimension ref="A1:${columnName(far)}${rows + 1}"/>`;
  const before = `${dimension}<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>`;
  return workbook({ sheets: [{ name: 'Avtal', rows: out.join(''), before }], sharedStrings: sst });
}
