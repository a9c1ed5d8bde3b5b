import iconv from 'iconv-lite';
import { ImportFatalError, parseContractsCsv, parseSupplier, toCsv } from '../../src/contracts/csv-import';
import { Contract } from '../../src/contracts/model';

const HEADER =
  'contract_id;title;description;category;suppliers;keywords;cpv_codes;valid_from;valid_to;max_extension_to;regions;ordering_method;contact_name;contact_email;url;contract_type';

const ROW_GLOVES =
  'RS-2024-0001;Undersökningshandskar;Handskar av nitril för vården;vard-omsorgsmaterial;Nordmedica AB (559001-0001) #1|Vårdhandske Norden AB #2;handskar|nitril;33141420-0;2024-01-01;2027-12-31;2028-12-31;Sörmland|Västmanland;varuförsörjningen;Anna Lindqvist;anna.lindqvist@inkop.example.org;https://avtal.example.org/RS-2024-0001;ramavtal';
const ROW_LAPTOPS =
  'RS-2023-0002;Bärbara datorer;"Datorer; dockningsstationer och ""tillbehör""";IT och telekom;Datavärn AB;dator|laptop;30213100-6;2023-03-01;2026-02-28;;Region Västmanland;e-handel;;;;avtal';

describe('parseContractsCsv', () => {
  it('reads Swedish Excel CSV: semicolons, BOM, CRLF, quotes with ; and ""', () => {
    const csv = '\ufeff' + [HEADER, ROW_GLOVES, ROW_LAPTOPS].join('\r\n') + '\r\n';
    const res = parseContractsCsv(Buffer.from(csv, 'utf8'));
    expect(res.encoding).toBe('utf-8');
    expect(res.delimiter).toBe(';');
    expect(res.rejected).toEqual([]);
    expect(res.rows.map((r) => r.line)).toEqual([2, 3]);
    const gloves = res.rows[0].contract;
    expect(gloves.suppliers).toEqual([
      { name: 'Nordmedica AB', orgNr: '559001-0001', rank: 1 },
      { name: 'Vårdhandske Norden AB', rank: 2 },
    ]);
    expect(gloves.regions).toEqual(['Sörmland', 'Västmanland']);
    expect(gloves.maxExtensionTo).toBe('2028-12-31');
    const laptops = res.rows[1].contract;
    expect(laptops.description).toBe('Datorer; dockningsstationer och "tillbehör"');
    expect(laptops.category).toBe('it-telekom');
    expect(laptops.regions).toEqual(['Västmanland']);
    expect(laptops.maxExtensionTo).toBeNull();
    expect(laptops.contactEmail).toBeNull();
  });

  it('accepts commas, LF, no BOM and any column order and case', () => {
    const header = 'TITLE,Contract_ID,category,suppliers,valid_from,valid_to,regions,ordering_method,contract_type';
    const csv = `${header}\nTolktjänster,RS-2022-0003,tjanster,Tolkcentrum AB,2022-01-01,2027-01-01,Sörmland,avrop,avtal\n`;
    const res = parseContractsCsv(Buffer.from(csv));
    expect(res.delimiter).toBe(',');
    expect(res.rows).toHaveLength(1);
    expect(res.rows[0].contract.title).toBe('Tolktjänster');
    expect(res.rows[0].contract.contractId).toBe('RS-2022-0003');
  });

  it('detects Windows-1252 and converts it, with a warning', () => {
    const csv = [HEADER, ROW_GLOVES].join('\r\n');
    const res = parseContractsCsv(iconv.encode(csv, 'win1252'));
    expect(res.encoding).toBe('windows-1252');
    expect(res.rows[0].contract.title).toBe('Undersökningshandskar');
    expect(res.rows[0].contract.regions).toEqual(['Sörmland', 'Västmanland']);
    expect(res.warnings.join(' ')).toMatch(/Windows-1252/);
  });

  it('rejects bad rows by line number with reasons, and keeps the good ones', () => {
    const bad = [
      'RS-2024-0010;;x;vard-omsorgsmaterial;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0011;Titel;x;okänd-kategori;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0012;Titel;x;tjanster;A AB;;;2024-13-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0013;Titel;x;tjanster;A AB;;;2025-01-01;2024-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0014;Titel;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Gotland;faxa;;inte-en-adress;ftp://x;avtal',
      'RS-2024-0001;Dubblett;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
    ];
    const csv = [HEADER, ROW_GLOVES, ...bad].join('\n');
    const res = parseContractsCsv(Buffer.from(csv), 'sv');
    expect(res.rows).toHaveLength(1);
    expect(res.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const byLine = new Map(res.rejected.map((r) => [r.line, r.problems.map((p) => `${p.field}: ${p.message}`).join(' | ')]));
    expect(byLine.get(3)).toMatch(/title saknas/);
    expect(byLine.get(4)).toMatch(/category.*Tillåtna värden: medicinteknik/);
    expect(byLine.get(5)).toMatch(/valid_from.*ÅÅÅÅ-MM-DD/);
    expect(byLine.get(6)).toMatch(/valid_to/);
    const line7 = byLine.get(7) ?? '';
    expect(line7).toMatch(/regions/);
    expect(line7).toMatch(/ordering_method/);
    expect(line7).toMatch(/contact_email/);
    expect(line7).toMatch(/url/);
    expect(byLine.get(8)).toMatch(/rad 2/);
  });

  it('explains problems in English when asked', () => {
    const csv = [HEADER, 'RS-1;;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal'].join('\n');
    const res = parseContractsCsv(Buffer.from(csv), 'en');
    expect(res.rejected[0].problems.map((p) => p.message).join(' ')).toMatch(/title is missing/);
  });

  it('refuses a file with broken quoting as a whole, naming the line', () => {
    const csv = [HEADER, ROW_GLOVES, 'RS-2024-0020;"Titel utan slut;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal'].join('\n');
    expect(() => parseContractsCsv(Buffer.from(csv))).toThrow(ImportFatalError);
    try {
      parseContractsCsv(Buffer.from(csv));
    } catch (err) {
      expect((err as ImportFatalError).message).toMatch(/rad/);
    }
  });

  it('refuses UTF-16, an empty file, and a file without the required columns', () => {
    expect(() => parseContractsCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]))).toThrow(/UTF-16/);
    expect(() => parseContractsCsv(Buffer.from('  \n'))).toThrow(/tom/);
    expect(() => parseContractsCsv(Buffer.from('contract_id;title\nA-1;x\n'))).toThrow(/saknar kolumnerna: category/);
    expect(() => parseContractsCsv(Buffer.from('hello;world\n1;2\n'))).toThrow(/rubrikrad/);
  });

  it('warns about unknown columns but imports the rest', () => {
    const csv = [HEADER + ';intern_notering', ROW_GLOVES + ';hemligt'].join('\n');
    const res = parseContractsCsv(Buffer.from(csv));
    expect(res.rows).toHaveLength(1);
    expect(res.warnings.join(' ')).toMatch(/intern_notering/);
  });

  it('round-trips through toCsv', () => {
    const res = parseContractsCsv(Buffer.from([HEADER, ROW_GLOVES, ROW_LAPTOPS].join('\n')));
    const contracts: Contract[] = res.rows.map((r) => r.contract);
    const again = parseContractsCsv(Buffer.from(toCsv(contracts), 'utf8'));
    expect(again.rows.map((r) => r.contract)).toEqual(contracts);
  });
});

describe('parseSupplier', () => {
  it.each([
    ['Nordmedica AB', { name: 'Nordmedica AB' }],
    ['Nordmedica AB (556677-8899)', { name: 'Nordmedica AB', orgNr: '556677-8899' }],
    ['Nordmedica AB #2', { name: 'Nordmedica AB', rank: 2 }],
    [' Nordmedica AB (556677-8899) #1 ', { name: 'Nordmedica AB', orgNr: '556677-8899', rank: 1 }],
  ])('%p', (raw, expected) => {
    expect(parseSupplier(raw)).toEqual(expected);
  });
});
