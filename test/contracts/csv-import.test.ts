import iconv from 'iconv-lite';
import { ImportFatalError, parseContractsCsv, parseSupplier, toCsv } from '../../src/contracts/csv-import';
import { Contract } from '../../src/contracts/model';
import { FIXTURE_CATEGORIES } from '../fixtures/categories';

const CATS = FIXTURE_CATEGORIES;
const HEADER =
  'contract_id;title;description;category;suppliers;keywords;cpv_codes;valid_from;valid_to;max_extension_to;regions;ordering_method;contact_name;contact_email;url;contract_type';

const ROW_GLOVES =
  'RS-2024-0001;Undersökningshandskar;Handskar av nitril för vården;vard-omsorgsmaterial;Nordmedica AB (559001-0001) #1|Vårdhandske Norden AB #2;handskar|nitril;33141420-0;2024-01-01;2027-12-31;2028-12-31;Sörmland|Västmanland;varuförsörjningen;Anna Lindqvist;anna.lindqvist@inkop.example.org;https://avtal.example.org/RS-2024-0001;ramavtal';
const ROW_LAPTOPS =
  'RS-2023-0002;Bärbara datorer;"Datorer; dockningsstationer och ""tillbehör""";IT och telekom;Datavärn AB;dator|laptop;30213100-6;2023-03-01;2026-02-28;;Region Västmanland;e-handel;;;;avtal';

const parse = (csv: string, locale: 'sv' | 'en' = 'sv') => parseContractsCsv(Buffer.from(csv), CATS, locale);

describe('parseContractsCsv', () => {
  it('reads Swedish Excel CSV: semicolons, BOM, CRLF, quotes with ; and ""', () => {
    const csv = '\ufeff' + [HEADER, ROW_GLOVES, ROW_LAPTOPS].join('\r\n') + '\r\n';
    const res = parseContractsCsv(Buffer.from(csv, 'utf8'), CATS);
    expect(res).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', rejected: [], newCategories: [] });
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
    const res = parse(`${header}\nTolktjänster,RS-2022-0003,tjanster,Tolkcentrum AB,2022-01-01,2027-01-01,Sörmland,avrop,avtal\n`);
    expect(res.delimiter).toBe(',');
    expect(res.rows).toHaveLength(1);
    expect(res.rows[0].contract).toMatchObject({ title: 'Tolktjänster', contractId: 'RS-2022-0003' });
  });

  it("reads the regions' own Swedish headers below a title row", () => {
    const csv = [
      'Avtalsdatabas Inköp – export 2026-11-30;;;;;',
      ';;;;;',
      'Avtalsnummer;Benämning;Kategori;Leverantör;Startdatum;Slutdatum;Beställningssätt;Avtalstyp;Region',
      'RV-2025-0100;Städtjänster;Fastighet och service;Städbolaget AB;2025-01-01;2027-12-31;Beställningsuppdrag;Eget ramavtal;Båda',
    ].join('\r\n');
    const res = parse(csv);
    expect(res.rejected).toEqual([]);
    expect(res.rows[0].line).toBe(4);
    expect(res.rows[0].contract).toMatchObject({
      contractId: 'RV-2025-0100',
      title: 'Städtjänster',
      category: 'fastighet-och-service',
      orderingMethod: 'beställningsuppdrag',
      contractType: 'ramavtal',
      regions: ['Sörmland', 'Västmanland'],
    });
  });

  it("maps the organisation's category names and aliases, and creates the ones it does not know", () => {
    const row = (id: string, category: string) => `${id};Titel ${id};;${category};A AB;;;2024-01-01;2026-01-01;;Sörmland;e-handel;;;;avtal`;
    const res = parse([HEADER, row('A-1', 'IT/Telekom'), row('A-2', 'it och TELEKOM'), row('A-3', 'Fastighet och bygg'), row('A-4', 'Fastighet och service'), row('A-5', 'fastighet & service'), row('A-6', 'Hälso- och sjukvårdsmaterial')].join('\n'));
    expect(res.rejected).toEqual([]);
    expect(res.rows.map((r) => r.contract.category)).toEqual(['it-telekom', 'it-telekom', 'fastighet-bygg', 'fastighet-och-service', 'fastighet-och-service', 'halso-och-sjukvardsmaterial']);
    expect(res.newCategories).toEqual([
      { slug: 'fastighet-och-service', name: 'Fastighet och service', rows: 2 },
      { slug: 'halso-och-sjukvardsmaterial', name: 'Hälso- och sjukvårdsmaterial', rows: 1 },
    ]);
    expect(res.warnings.join(' ')).toMatch(/Ny kategori skapas: "Fastighet och service"/);
  });

  it('keeps ordering methods and contract types it does not know, as written, with one warning per value', () => {
    const row = (id: string, ordering: string, type: string) => `${id};Titel;;tjanster;A AB;;;2024-01-01;2026-01-01;;Sörmland;${ordering};;;;${type}`;
    const res = parse([HEADER, row('B-1', 'Leverantörsportal', 'Adda'), row('B-2', 'Leverantörsportal', 'Hyresavtal'), row('B-3', 'E-handel', 'Externt ramavtal')].join('\n'), 'en');
    expect(res.rows.map((r) => [r.contract.orderingMethod, r.contract.contractType])).toEqual([
      ['Leverantörsportal', 'externt-ramavtal'],
      ['Leverantörsportal', 'Hyresavtal'],
      ['e-handel', 'externt-ramavtal'],
    ]);
    expect(res.warnings).toEqual([
      expect.stringMatching(/ordering method "Leverantörsportal".*\(2 rows\)/),
      expect.stringMatching(/contract type "Hyresavtal".*\(1 rows\)/),
    ]);
  });

  it('reads regions the way people write them', () => {
    const row = (id: string, regions: string) => `${id};Titel;;tjanster;A AB;;;2024-01-01;2026-01-01;;${regions};e-handel;;;;avtal`;
    const res = parse([HEADER, row('C-1', 'Region Sörmland'), row('C-2', 'region västmanland'), row('C-3', 'Sörmland och Västmanland'), row('C-4', 'Gotland'), row('C-5', '')].join('\n'));
    expect(res.rows.map((r) => r.contract.regions)).toEqual([['Sörmland'], ['Västmanland'], ['Sörmland', 'Västmanland'], ['Sörmland', 'Västmanland'], ['Sörmland', 'Västmanland']]);
    const notes = res.notes.map((n) => `${n.contractId}: ${n.message}`);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^C-4: .*okänd region "Gotland"/), expect.stringMatching(/^C-5: Ingen region angiven/)]));
  });

  it('rejects a row only when id, title or dates are missing or unreadable, and says why by line', () => {
    const bad = [
      'RS-2024-0010;;x;vard-omsorgsmaterial;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
      ';Titel;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0012;Titel;x;tjanster;A AB;;;2024-13-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0013;Titel;x;tjanster;A AB;;;2025-01-01;2024-01-01;;Sörmland;e-handel;;;;avtal',
      'RS-2024-0001;Dubblett;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal',
    ];
    const res = parse([HEADER, ROW_GLOVES, ...bad].join('\n'));
    expect(res.rows.map((r) => r.contract.contractId)).toEqual(['RS-2024-0001']);
    expect(res.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    const byLine = new Map(res.rejected.map((r) => [r.line, r.problems.map((p) => `${p.field}: ${p.message}`).join(' | ')]));
    expect(byLine.get(3)).toMatch(/title saknas/);
    expect(byLine.get(4)).toMatch(/contract_id saknas/);
    expect(byLine.get(5)).toMatch(/valid_from.*ÅÅÅÅ-MM-DD/);
    expect(byLine.get(6)).toMatch(/valid_to/);
    expect(byLine.get(7)).toMatch(/rad 2/);
  });

  it('keeps a row with unusable optional cells, dropping them with a note', () => {
    const row = 'RS-2024-0014;Titel;x;tjanster;;;3314142|03000000;2024-01-01;2025-01-01;2023-01-01;Sörmland;;;inte-en-adress;ftp://x;avtal';
    const res = parse([HEADER, row].join('\n'));
    expect(res.rejected).toEqual([]);
    expect(res.rows[0].contract).toMatchObject({ contactEmail: null, url: null, maxExtensionTo: null, suppliers: [], cpvCodes: ['03314142', '03000000'], orderingMethod: 'kontakta-inköp' });
    const fields = res.notes.map((n) => n.field).sort();
    expect(fields).toEqual(['contact_email', 'max_extension_to', 'ordering_method', 'suppliers', 'url']);
    expect(res.notes.every((n) => n.line === 2 && n.contractId === 'RS-2024-0014')).toBe(true);
  });

  it('reads dates as spreadsheets write them: serial days, with a time, or without dashes', () => {
    const row = (id: string, from: string, to: string) => `${id};Titel;;tjanster;A AB;;;${from};${to};;Sörmland;e-handel;;;;avtal`;
    const res = parse([HEADER, row('D-1', '45658', '46752'), row('D-2', '2025-01-01 00:00:00', '2027/12/31'), row('D-3', '20250101', '2027-12-31T00:00:00')].join('\n'));
    expect(res.rejected).toEqual([]);
    expect(res.rows.map((r) => [r.contract.validFrom, r.contract.validTo])).toEqual([
      ['2025-01-01', '2027-12-31'],
      ['2025-01-01', '2027-12-31'],
      ['2025-01-01', '2027-12-31'],
    ]);
  });

  it('detects Windows-1252 and converts it, with a warning', () => {
    const res = parseContractsCsv(iconv.encode([HEADER, ROW_GLOVES].join('\r\n'), 'win1252'), CATS);
    expect(res.encoding).toBe('windows-1252');
    expect(res.rows[0].contract.title).toBe('Undersökningshandskar');
    expect(res.rows[0].contract.regions).toEqual(['Sörmland', 'Västmanland']);
    expect(res.warnings.join(' ')).toMatch(/Windows-1252/);
  });

  it('explains problems in English when asked', () => {
    const res = parse([HEADER, 'RS-1;;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal'].join('\n'), 'en');
    expect(res.rejected[0].problems.map((p) => p.message).join(' ')).toMatch(/title is missing/);
  });

  it('refuses a file with broken quoting as a whole, naming the line', () => {
    const csv = [HEADER, ROW_GLOVES, 'RS-2024-0020;"Titel utan slut;x;tjanster;A AB;;;2024-01-01;2025-01-01;;Sörmland;e-handel;;;;avtal'].join('\n');
    expect(() => parse(csv)).toThrow(ImportFatalError);
    expect(() => parse(csv)).toThrow(/rad/);
  });

  it('refuses UTF-16, an empty file, and a file without the required columns', () => {
    expect(() => parseContractsCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]), CATS)).toThrow(/UTF-16/);
    expect(() => parse('  \n')).toThrow(/tom/);
    expect(() => parse('contract_id;title;category\nA-1;x;y\n')).toThrow(/saknar kolumnerna: valid_from, valid_to/);
    expect(() => parse('hello;world\n1;2\n')).toThrow(/rubrikrad/);
  });

  it('warns about unknown columns but imports the rest', () => {
    const res = parse([HEADER + ';intern_notering', ROW_GLOVES + ';hemligt'].join('\n'));
    expect(res.rows).toHaveLength(1);
    expect(res.warnings.join(' ')).toMatch(/intern_notering/);
  });

  it('round-trips through toCsv', () => {
    const res = parse([HEADER, ROW_GLOVES, ROW_LAPTOPS].join('\n'));
    const contracts: Contract[] = res.rows.map((r) => r.contract);
    const again = parseContractsCsv(Buffer.from(toCsv(contracts), 'utf8'), CATS);
    expect(again.rows.map((r) => r.contract)).toEqual(contracts);
  });
});

describe('parseSupplier', () => {
  it.each([
    ['Nordmedica AB', { name: 'Nordmedica AB' }],
    ['Nordmedica AB (556677-8899)', { name: 'Nordmedica AB', orgNr: '556677-8899' }],
    ['Nordmedica AB (5566778899)', { name: 'Nordmedica AB', orgNr: '556677-8899' }],
    ['Nordmedica AB #2', { name: 'Nordmedica AB', rank: 2 }],
    [' Nordmedica AB (556677-8899) #1 ', { name: 'Nordmedica AB', orgNr: '556677-8899', rank: 1 }],
  ])('%p', (raw, expected) => {
    expect(parseSupplier(raw)).toEqual(expected);
  });

  it('reads a cell as the single pattern it replaced did, on cells built from the parts that matter', () => {
    // The old pattern (cubic in a run of spaces), run here only on short cells.
    const old = (raw: string) => {
      const m = /^(.*?)\s*(?:\((\d{6}-?\d{4})\))?\s*(?:#(\d{1,2}))?$/.exec(raw.trim());
      const orgNr = m?.[2] ? m[2].replace(/^(\d{6})-?(\d{4})$/, '$1-$2') : undefined;
      return { name: (m?.[1] ?? raw).trim(), ...(orgNr ? { orgNr } : {}), ...(m?.[3] ? { rank: Number(m[3]) } : {}) };
    };
    const parts = ['A', ' ', '  ', '#', '1', '12', '123', '(556677-8899)', '(5566778899)', '(55667-8899)', '(', ')', 'x'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const raw = Array.from({ length: 1 + (next() % 6) }, () => parts[next() % parts.length]).join('');
      expect([raw, parseSupplier(raw)]).toEqual([raw, old(raw)]);
    }
  });

  it('reads a cell with a long run of spaces at once (the old pattern was cubic in it)', () => {
    const raw = `Nordmedica${' '.repeat(50_000)}AB (556677-8899)${' '.repeat(50_000)}#1`;
    expect(parseSupplier(raw)).toEqual({ name: `Nordmedica${' '.repeat(50_000)}AB`, orgNr: '556677-8899', rank: 1 });
    expect(parseSupplier(`x${' '.repeat(50_000)}y(`).name).toBe(`x${' '.repeat(50_000)}y(`);
  });
});
