import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { ImportFatalError } from '../../src/contracts/csv-import';
import { plainNumber, serialToIsoDate } from '../../src/imports/xlsx-cells';
import { DEFAULT_XLSX_LIMITS, looksLikeCfb, looksLikeXlsx, readXlsxTable } from '../../src/contracts/xlsx-read';
import { bombWorkbook, cfbFile, deflatedBomb, si, strayCellWorkbook, workbook, zip, zip64Extra } from '../helpers/xlsx-fixtures';
import { parseContractFile } from '../../src/contracts/import-service';

const MiB = 1024 * 1024;

/** The ImportFatalError readXlsxTable rejects with (fails the test if it resolves or throws something else). */
async function fatal(p: Promise<unknown>): Promise<ImportFatalError> {
  const err = await p.then(
    () => new Error('expected an ImportFatalError, but the workbook was read'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFatalError);
  return err as ImportFatalError;
}

/** A workbook as Excel saves an export: shared strings, a title row, styles with date and org-number formats. */
function excelExport(): Buffer {
  const strings = [
    si('Avtalsexport 2025-03-01'),
    ...['Avtalsnummer', 'Titel', 'Leverantör', 'Org.nr', 'CPV', 'Giltig från', 'Giltig till', 'Löpnummer', 'Värde', 'Aktiv', 'Länk'].map((h) => si(h)),
    si('RS-2024-0001'),
    si('Undersöknings', 'handskar'),
    si('  Nordmedica AB  '),
    si('0556677-8899'),
    si('Avtalssidan'),
    si(''),
    si('RS-2023-0002'),
  ];
  const header = Array.from({ length: 11 }, (_, i) => `<c r="${'ABCDEFGHIJK'[i]}3" t="s"><v>${i + 1}</v></c>`).join('');
  const rows = [
    '<row r="1" spans="1:11"><c r="A1" t="s"><v>0</v></c></row>',
    `<row r="3" spans="1:11">${header}</row>`,
    '<row r="4" spans="1:11"><c r="A4" t="s"><v>12</v></c><c r="B4" t="s"><v>13</v></c><c r="C4" t="s"><v>14</v></c>' +
      '<c r="D4" t="s"><v>15</v></c><c r="E4"><v>33141420</v></c><c r="F4" s="1"><v>45658</v></c><c r="G4" s="2"><v>46387.75</v></c>' +
      '<c r="H4"><v>45658</v></c><c r="I4"><v>1250000.5</v></c><c r="J4" t="b"><v>1</v></c><c r="K4" t="s"><v>16</v></c></row>',
    '<row r="5" spans="1:11" s="3" customFormat="1"/>',
    '<row r="6" spans="1:11"><c r="A6" s="1"/><c r="B6" t="s"><v>17</v></c></row>',
    '<row r="7" spans="1:11"><c r="A7" t="s"><v>18</v></c><c r="B7" t="str"><f>"Bärbara "&amp;"datorer"</f><v>Bärbara datorer</v></c>' +
      '<c r="D7" s="4"><v>5566778899</v></c><c r="E7"><f>30213100+0</f><v>30213100</v></c><c r="F7" s="2"><v>44986</v></c>' +
      '<c r="G7" s="1"><v>46081</v></c><c r="H7"><v>0.30000000000000004</v></c><c r="I7"><v>1.5E-7</v></c><c r="J7" t="b"><v>0</v></c></row>',
  ].join('');
  const after = '<hyperlinks><hyperlink ref="K4" r:id="rId1"/><hyperlink ref="K7" r:id="rId2"/></hyperlinks>';
  const links = { rId1: 'https://avtal.example.org/RS-2024-0001', rId2: 'https://avtal.example.org/RS-2023-0002' };
  return workbook({
    sharedStrings: strings,
    sheets: [
      { name: 'Info', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>Exporterad från avtalsdatabasen</t></is></c></row>' },
      { name: 'Avtal', rows, after, links },
    ],
  });
}

/** A workbook written by SheetJS itself, 1 + n rows. */
function libraryWorkbook(n: number, sheetName = 'Avtal'): Buffer {
  const aoa: unknown[][] = [['Avtalsnummer', 'CPV', 'Giltig från', 'Aktiv', 'Värde']];
  for (let i = 1; i <= n; i++) aoa.push([`RS-${1000 + i}`, 33140000 + i, new Date(Date.UTC(2025, 0, i)), i % 2 === 1, i * 1.25]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { UTC: true }), sheetName);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

const oneSheet = (rows: string, name = 'Avtal'): Buffer => workbook({ sheets: [{ name, rows }] });

describe('readXlsxTable: an Excel export', () => {
  it('reads the second sheet by name (any case), keeps Excel row numbers and skips empty rows', async () => {
    const table = await readXlsxTable(excelExport(), { sheet: 'avtal', locale: 'sv' });
    expect(table.sheetName).toBe('Avtal');
    expect(table.rows.map((r) => r.line)).toEqual([1, 3, 4, 7]);
    // Each row ends at its own last filled cell: nothing is padded to the sheet's width.
    expect(table.rows.map((r) => r.cells.length)).toEqual([1, 11, 11, 11]);
    expect(table.rows[0].cells).toEqual(['Avtalsexport 2025-03-01']);
    expect(table.rows[1].cells).toEqual(['Avtalsnummer', 'Titel', 'Leverantör', 'Org.nr', 'CPV', 'Giltig från', 'Giltig till', 'Löpnummer', 'Värde', 'Aktiv', 'Länk']);
  });

  it('turns every kind of cell into the text the import expects', async () => {
    const { rows } = await readXlsxTable(excelExport(), { sheet: 'Avtal', locale: 'sv' });
    expect(rows[2].cells).toEqual([
      'RS-2024-0001',
      'Undersökningshandskar', // rich text runs joined
      'Nordmedica AB', // trimmed
      '0556677-8899', // text with its leading zero
      '33141420', // CPV stored as a number
      '2025-01-01', // serial with the built-in date format 14
      '2026-12-31', // serial with time of day and a custom yyyy-mm-dd format
      '45658', // a serial in a General column stays a number
      '1250000.5',
      'true',
      'Avtalssidan', // a hyperlink's text
    ]);
    expect(rows[3].cells).toEqual([
      'RS-2023-0002',
      'Bärbara datorer', // a formula's cached text result
      '',
      '556677-8899', // a number with the format 000000-0000
      '30213100', // a formula's cached number
      '2023-03-01',
      '2026-02-28',
      '0.3', // 15 significant digits, as Excel shows it
      '0.00000015', // no exponent
      'false',
      'https://avtal.example.org/RS-2023-0002', // a hyperlink on an empty cell: its address
    ]);
  });

  it('reads the first sheet when no sheet is named', async () => {
    const table = await readXlsxTable(excelExport(), { locale: 'en' });
    expect(table).toEqual({ sheetName: 'Info', rows: [{ line: 1, cells: ['Exporterad från avtalsdatabasen'] }], ignored: { cells: 0, first: null } });
  });

  it('names the sheets when the one asked for does not exist', async () => {
    const sv = await fatal(readXlsxTable(excelExport(), { sheet: 'Avtal 2024', locale: 'sv' }));
    expect(sv.message).toBe('Arbetsboken har ingen flik som heter Avtal 2024. Flikarna heter: Info, Avtal.');
    const en = await fatal(readXlsxTable(excelExport(), { sheet: 'Avtal 2024', locale: 'en' }));
    expect(en.message).toBe('The workbook has no sheet named Avtal 2024. Its sheets are: Info, Avtal.');
  });

  it('reads dates of the 1904 date system', async () => {
    const buf = workbook({ date1904: true, sheets: [{ name: 'Mac', rows: '<row r="2"><c r="B2" s="2"><v>44196</v></c><c r="C2"><v>44196</v></c></row>' }] });
    const { rows } = await readXlsxTable(buf, { locale: 'sv' });
    expect(rows).toEqual([{ line: 2, cells: ['', '2025-01-01', '44196'] }]);
  });

  // Jest gives tests a copy of process.env, so a time zone only takes effect in a process of its own:
  // the compiled reader (built by the global setup) runs in a child with TZ set.
  it.each([
    ['Pacific/Kiritimati', -840],
    ['America/Los_Angeles', 480],
    ['Europe/Stockholm', -60],
  ])('never moves a date a day in time zone %s', (tz, offset) => {
    const reader = path.join(__dirname, '..', '..', 'dist', 'src', 'contracts', 'xlsx-read.js');
    const script = `const { readXlsxTable } = require(${JSON.stringify(reader)});
      const chunks = [];
      process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
        const table = await readXlsxTable(Buffer.concat(chunks), { locale: 'sv' });
        process.stdout.write(JSON.stringify({ offset: new Date(2025, 0, 1).getTimezoneOffset(), cells: table.rows[0].cells }));
      });`;
    const buf = oneSheet('<row r="1"><c r="A1" s="1"><v>45658</v></c><c r="B1" s="2"><v>45657.999999</v></c><c r="C1" s="2"><v>61</v></c></row>');
    const child = spawnSync(process.execPath, ['-e', script], { input: buf, env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ offset, cells: ['2025-01-01', '2024-12-31', '1900-03-01'] });
  });
});

describe('readXlsxTable: a workbook written by SheetJS', () => {
  it('reads numbers, UTC dates, booleans and decimals', async () => {
    const { sheetName, rows } = await readXlsxTable(libraryWorkbook(3), { locale: 'sv' });
    expect(sheetName).toBe('Avtal');
    expect(rows.map((r) => r.cells)).toEqual([
      ['Avtalsnummer', 'CPV', 'Giltig från', 'Aktiv', 'Värde'],
      ['RS-1001', '33140001', '2025-01-01', 'true', '1.25'],
      ['RS-1002', '33140002', '2025-01-02', 'false', '2.5'],
      ['RS-1003', '33140003', '2025-01-03', 'true', '3.75'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });
});

describe('readXlsxTable: errors in cells', () => {
  const withError = (error: string) =>
    oneSheet(
      Array.from({ length: 13 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('') +
        `<row r="14"><c r="A14"><v>1</v></c><c r="C14" t="e"><f>Blad2!#REF!</f><v>${error}</v></c></row>`,
    );

  it('refuses the whole file at the first #REF!, naming the cell, in Swedish and English', async () => {
    const sv = await fatal(readXlsxTable(withError('#REF!'), { locale: 'sv' }));
    expect(sv.message).toBe('Cell C14 på fliken Avtal innehåller felet #REF!. Rätta formeln eller ersätt den med ett värde och försök igen. Inget har importerats.');
    expect(sv.line).toBe(14);
    const en = await fatal(readXlsxTable(withError('#REF!'), { locale: 'en' }));
    expect(en.message).toMatch(/^Cell C14 on the sheet Avtal holds the error #REF!\./);
  });

  it.each(['#DIV/0!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'])('refuses %s', async (error) => {
    expect((await fatal(readXlsxTable(withError(error), { locale: 'en' }))).message).toContain(`C14 on the sheet Avtal holds the error ${error}.`);
  });
});

describe('readXlsxTable: files that are not a readable workbook', () => {
  it('refuses an encrypted workbook or an old .xls (OLE files)', async () => {
    for (const streams of [['EncryptionInfo', 'EncryptedPackage'], ['Workbook']]) {
      const sv = await fatal(readXlsxTable(cfbFile(streams), { locale: 'sv' }));
      expect(sv.message).toBe('Filen är lösenordsskyddad eller sparad i det gamla .xls-formatet. Spara den som .xlsx utan lösenord och försök igen.');
    }
    expect((await fatal(readXlsxTable(cfbFile(['EncryptionInfo']), { locale: 'en' }))).message).toContain('password-protected or in the old .xls format');
  });

  it('refuses random bytes, a CSV renamed .xlsx and a zip that is no workbook', async () => {
    const random = randomBytes(4096);
    random[0] = 0x42;
    const csv = Buffer.from('contract_id;title\nRS-1;Handskar\n', 'utf8');
    const notWorkbook = zip([{ name: 'content.xml', data: Buffer.from('<office:document/>') }, { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), method: 0 }]);
    for (const buf of [random, csv, notWorkbook]) {
      expect((await fatal(readXlsxTable(buf, { locale: 'en' }))).message).toBe(
        'The file is not an Excel workbook (.xlsx). Save it from Excel as "Excel Workbook (*.xlsx)" or "CSV UTF-8 (comma delimited)" and try again.',
      );
    }
    expect((await fatal(readXlsxTable(Buffer.alloc(0), { locale: 'sv' }))).message).toBe('Filen är tom.');
  });

  it('refuses a cut-off workbook, encrypted zip entries and lying sizes as damaged or protected', async () => {
    const good = excelExport();
    const damaged = 'The workbook is damaged and cannot be read. Open it in Excel, save it as .xlsx and try again. Nothing was imported.';
    expect((await fatal(readXlsxTable(good.subarray(0, good.length - 200), { locale: 'en' }))).message).toBe(damaged);
    const xml = Buffer.from('<workbook/>');
    const lying = zip([{ name: 'xl/workbook.xml', data: xml, centralSize: xml.length - 1, localSize: xml.length - 1 }]);
    expect((await fatal(readXlsxTable(lying, { locale: 'en' }))).message).toBe(damaged);
    const encrypted = zip([{ name: 'xl/workbook.xml', data: xml, flags: 1 }]);
    expect((await fatal(readXlsxTable(encrypted, { locale: 'en' }))).message).toContain('password-protected');
  });

  it('refuses a workbook without sheets and an empty sheet', async () => {
    const none = workbook({ sheets: [] });
    expect((await fatal(readXlsxTable(none, { locale: 'sv' }))).message).toBe('Arbetsboken har inga flikar. Inget har importerats.');
    const blank = oneSheet('<row r="1"><c r="A1" s="1"/></row><row r="2"><c r="B2" t="inlineStr"><is><t>   </t></is></c></row>', 'Tom');
    expect((await fatal(readXlsxTable(blank, { locale: 'sv' }))).message).toBe('Fliken Tom är tom. Inget har importerats.');
    expect((await fatal(readXlsxTable(oneSheet('', 'Tom'), { locale: 'en' }))).message).toBe('The sheet Tom is empty. Nothing was imported.');
  });
});

describe('readXlsxTable: limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_XLSX_LIMITS).toEqual({ maxFileBytes: 20 * MiB, maxUnpackedBytes: 200 * MiB, maxRows: 200_000, maxColumns: 256, maxCells: 4_000_000 });
  });

  it('refuses a file over maxFileBytes, and reads one at it', async () => {
    const buf = libraryWorkbook(5);
    const err = await fatal(readXlsxTable(buf, { locale: 'sv', limits: { maxFileBytes: buf.length - 1 } }));
    expect(err.message).toMatch(/^Filen är 0,0\d+ MB, men högst 0,0\d+ MB kan importeras\. Dela upp den\. Inget har importerats\.$/);
    const big = await fatal(readXlsxTable(Buffer.alloc(21 * MiB, 'PK\x03\x04'), { locale: 'en' }));
    expect(big.message).toBe('The file is 21 MB, but at most 20 MB can be imported. Split it up. Nothing was imported.');
    expect((await readXlsxTable(buf, { locale: 'sv', limits: { maxFileBytes: buf.length } })).rows).toHaveLength(6);
  });

  it('refuses more non-empty rows than maxRows, and reads exactly maxRows', async () => {
    const buf = libraryWorkbook(29); // 30 rows with the header
    const err = await fatal(readXlsxTable(buf, { locale: 'en', limits: { maxRows: 29 } }));
    expect(err.message).toBe('The sheet Avtal has more than 29 rows. Split it up. Nothing was imported.');
    expect((await fatal(readXlsxTable(buf, { locale: 'sv', limits: { maxRows: 29 } }))).message).toBe('Fliken Avtal har fler än 29 rader. Dela upp den. Inget har importerats.');
    expect((await readXlsxTable(buf, { locale: 'en', limits: { maxRows: 30 } })).rows).toHaveLength(30);
  });

  it('refuses a workbook that unpacks to more than maxUnpackedBytes, and reads one that fits', async () => {
    const buf = libraryWorkbook(200);
    const unpacked = await fatal(readXlsxTable(buf, { locale: 'en', limits: { maxUnpackedBytes: 20_000 } }));
    expect(unpacked.message).toBe(
      'The workbook unpacks to more than 0.019 MB and is not read. Save only the sheet with the contracts in a workbook of its own and try again. Nothing was imported.',
    );
    expect((await readXlsxTable(buf, { locale: 'en', limits: { maxUnpackedBytes: 1 * MiB } })).rows).toHaveLength(201);
  });
});

describe('readXlsxTable: zip bombs', () => {
  const BOMB = 1024 * MiB;
  let bomb: { deflated: Buffer; size: number };
  beforeAll(async () => {
    bomb = await deflatedBomb(BOMB);
  });

  /** Reads buf sampling the resident set size; returns the error and the peak growth in bytes. */
  async function readMeasured(buf: Buffer): Promise<{ err: ImportFatalError; growth: number }> {
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    try {
      const err = await fatal(readXlsxTable(buf, { locale: 'sv' }));
      peak = Math.max(peak, process.memoryUsage().rss);
      return { err, growth: peak - start };
    } finally {
      clearInterval(timer);
    }
  }

  const refusal = 'Arbetsboken blir större än 200 MB uppackad och läses inte. Spara bara fliken med avtalen i en egen arbetsbok och försök igen. Inget har importerats.';

  it('is small on disk and huge unpacked (the fixture is a real bomb)', () => {
    expect(bomb.deflated.length).toBeLessThan(bomb.size / 300);
    expect(bomb.size).toBeGreaterThan(DEFAULT_XLSX_LIMITS.maxUnpackedBytes * 5);
  });

  it.each([
    ['that declares its true size', { centralSize: BOMB, localSize: BOMB }],
    ['that lies about its size', { centralSize: 4096, localSize: 4096 }],
    ['with zero local sizes and a data descriptor', { centralSize: 4096, localSize: 0, flags: 8 }],
  ])('refuses one %s without unpacking it into memory', async (_what, sizes) => {
    const { err, growth } = await readMeasured(bombWorkbook(bomb, sizes));
    expect(err.message).toBe(refusal);
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('refuses a huge size declared only in a ZIP64 extra field of the local header', async () => {
    const buf = bombWorkbook(bomb, { centralSize: 4096, localSize: 0xffffffff, localExtra: zip64Extra(8 * 1024 * MiB, bomb.deflated.length) });
    expect((await readMeasured(buf)).err.message).toBe(refusal);
  });
});

describe('cell values', () => {
  it('writes numbers as plain decimal text', () => {
    expect(plainNumber(33140000)).toBe('33140000');
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(-2.5e21)).toBe('-2500000000000000000000');
    expect(plainNumber(1234567.891)).toBe('1234567.891');
    expect(plainNumber(-0)).toBe('0');
  });

  it('turns serials into dates with the 1900 leap-year bug and the 1904 system', () => {
    expect(serialToIsoDate(1, false)).toBe('1900-01-01');
    expect(serialToIsoDate(59, false)).toBe('1900-02-28');
    expect(serialToIsoDate(60, false)).toBe('1900-02-29');
    expect(serialToIsoDate(61, false)).toBe('1900-03-01');
    expect(serialToIsoDate(45658, false)).toBe('2025-01-01');
    expect(serialToIsoDate(45657.99999999999, false)).toBe('2025-01-01');
    expect(serialToIsoDate(45658.9999, false)).toBe('2025-01-01');
    expect(serialToIsoDate(0, true)).toBe('1904-01-01');
    expect(serialToIsoDate(44196, true)).toBe('2025-01-01');
    expect(serialToIsoDate(0, false)).toBeNull();
    expect(serialToIsoDate(3_000_000, false)).toBeNull();
  });

  it('recognises zip and OLE magic', () => {
    expect(looksLikeXlsx(excelExport())).toBe(true);
    expect(looksLikeXlsx(cfbFile([]))).toBe(false);
    expect(looksLikeCfb(cfbFile([]))).toBe(true);
    expect(looksLikeCfb(excelExport())).toBe(false);
    expect(looksLikeXlsx(Buffer.from('PK'))).toBe(false);
  });
});

describe('readXlsxTable: a workbook read within a bound', () => {
  it('a note typed in XFD1 neither widens the rows nor pads them: it is counted and left', async () => {
    const table = await readXlsxTable(strayCellWorkbook(300), { locale: 'sv' });
    expect(table.rows).toHaveLength(301);
    expect(Math.max(...table.rows.map((r) => r.cells.length))).toBe(16);
    expect(table.ignored).toEqual({ cells: 1, first: 'XFD1' });
  });

  it('the import reads the file and its report names the cell it left (sv/en)', async () => {
    const sv = await parseContractFile(strayCellWorkbook(50), [], { locale: 'sv' });
    expect(sv.rows).toHaveLength(50);
    expect(sv.rejected).toEqual([]);
    expect(sv.warnings).toContain('1 ifyllda celler till höger om sista namngivna kolumnen (P) ignorerades, den första i XFD1. Bara kolumner med en rubrik läses.');
    const en = await parseContractFile(strayCellWorkbook(50), [], { locale: 'en' });
    expect(en.warnings).toContain('1 filled cells right of the last named column (P) were ignored, the first in XFD1. Only the columns under a header are read.');
  });

  it('cells right of the last named header are not read, in a data row too, and a row holding only such a note is no row', async () => {
    const header = ['Avtalsnummer', 'Titel', 'Giltig från', 'Giltig till'].map((h, i) => `<c r="${'ABCD'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
    const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>RS-${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>Avtal ${r}</t></is></c><c r="C${r}"><v>45658</v></c><c r="D${r}"><v>46387</v></c></row>`;
    const note = '<row r="4"><c r="G4" t="inlineStr"><is><t>fråga Eva</t></is></c></row>';
    const buf = oneSheet(`<row r="1">${header}</row>${row(2)}${row(3)}${note}${row(5)}`);
    const parsed = await parseContractFile(buf, [], { locale: 'sv' });
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.warnings).toContain('1 ifyllda celler till höger om sista namngivna kolumnen (D) ignorerades, den första i G4. Bara kolumner med en rubrik läses.');
  });

  it('refuses a sheet over the memory budget (cells kept) with a clear message, in the reader’s language', async () => {
    const buf = strayCellWorkbook(100);
    const sv = await fatal(readXlsxTable(buf, { locale: 'sv', limits: { maxCells: 500 } }));
    expect(sv.message).toMatch(/^Fliken Avtal har fler celler än en import får läsa \(500, nått på rad 32\)/);
    const en = await fatal(readXlsxTable(buf, { locale: 'en', limits: { maxCells: 500 } }));
    expect(en.message).toMatch(/^The sheet Avtal holds more cells than one import may read/);
    expect(DEFAULT_XLSX_LIMITS.maxCells).toBeGreaterThanOrEqual(200_000 * 16);
  });

  it('never visits the empty width of a far row: a note in every row right of the columns read is counted, not padded', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x${i}</t></is></c><c r="XFD${i + 1}" t="inlineStr"><is><t>n</t></is></c></row>`).join('');
    const table = await readXlsxTable(oneSheet(rows), { locale: 'sv' });
    expect(table.rows.every((r) => r.cells.length === 1)).toBe(true);
    expect(table.ignored).toEqual({ cells: 2000, first: 'XFD1' });
  });
});
