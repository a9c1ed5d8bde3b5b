import { Db } from '../../src/db';
import { SpendImportError, SpendService } from '../../src/spend/service';
import { kronor, spendCsvRows, supplierCsvRows, SPEND_CSV_HEADER, SUPPLIERS_CSV_HEADER } from '../../src/spend/model';
import { parseLedger } from '../../src/spend/read/parse';
import { isLedgerFile } from '../../src/spend/read/parse';
import { importLedger, openLedgerDb } from '../helpers/ledger';
import { LEDGER, crOnlyCsv, ledgerXlsx, specCsv, swedishCsv, utf16Csv } from './ledgers';

const VARIANTS: [string, () => Buffer][] = [
  ['specification (; UTF-8 LF)', () => specCsv(LEDGER)],
  ['CR-only, bokforingsdatum/nettobelopp, Windows-1252', () => crOnlyCsv(LEDGER)],
  ['UTF-16 LE with BOM, comma-separated, decimal comma', () => utf16Csv(LEDGER, 'le')],
  ['UTF-16 BE with BOM', () => utf16Csv(LEDGER, 'be')],
  ['Swedish headers, tab, org numbers without hyphen', () => swedishCsv(LEDGER)],
  ['Excel workbook', () => ledgerXlsx(LEDGER)],
];

describe('reading a ledger in every variant publishers use', () => {
  test.each(VARIANTS)('%s: every posting read with the same values', async (_name, make) => {
    const buf = make();
    expect(await isLedgerFile(buf)).toBe(true);
    const l = await parseLedger(buf, { maxBytes: 10_000_000 });
    expect(l.rows).toBe(11);
    expect(l.postings.day).toHaveLength(11);
    // Masked by the publisher (V6) and a personnummer masked at the door (V7): neither name nor number kept.
    expect(l.masked).toBe(2);
    expect(l.maskedAtImport).toBe(1);
    const v7 = l.postings.voucher.indexOf('V7');
    expect([l.postings.name[v7], l.postings.orgNr[v7]]).toEqual([null, null]);
    expect(JSON.stringify(l.postings)).not.toMatch(/Anna|198501011234|850101/);
    // Org numbers with or without hyphen read alike; an internal supplier number is no org number.
    expect(l.postings.orgNr[1]).toBe('556111-1111');
    expect(l.postings.orgNr[l.postings.voucher.indexOf('V10')]).toBeNull();
    expect(l.postings.amountOre.reduce((a, b) => a + b, 0)).toBe(Math.round(LEDGER.reduce((a, r) => a + r.amount, 0) * 100));
    expect(l.postings.amountOre[3]).toBe(-5_000_000);
    expect(l.postings.day[0]).toBe('2025-03-10');
    expect(l.postings.region).toEqual([...Array(10).fill('Sörmland'), 'Västmanland']);
  });

  test('a contract export is not taken for a ledger', async () => {
    expect(await isLedgerFile(Buffer.from('contract_id;title;valid_from;valid_to\nA1;Handskar;2025-01-01;2026-01-01\n'))).toBe(false);
  });
});

describe('bad ledgers are refused whole, with line numbers', () => {
  let db: Db;
  let spend: SpendService;
  beforeAll(async () => {
    ({ db, spend } = await openLedgerDb());
  });
  afterAll(() => db.close());

  test('unreadable amounts and dates name their lines', async () => {
    const rows = [LEDGER[0], { ...LEDGER[1], amount: NaN }, { ...LEDGER[2], day: '2025-13-45' }];
    const text = specCsv(rows).toString('utf8').replace('NaN', 'tolv kronor');
    const err = await spend.parse(Buffer.from(text), 'sv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpendImportError);
    expect((err as Error).message).toMatch(/rad 3.*belopp.*tolv kronor/);
    expect((err as Error).message).toMatch(/rad 4.*datum/);
  });

  test('an unknown buyer, no recognisable columns, a too large file', async () => {
    await expect(spend.parse(specCsv([{ ...LEDGER[0], kopareId: '212000-0100' }]), 'en')).rejects.toThrow(/212000-0100/);
    await expect(spend.parse(Buffer.from('a;b;c\n1;2;3\n'), 'en')).rejects.toThrow(/columns/);
    await expect(spend.parse(Buffer.alloc(5_000_001, 0x41), 'en')).rejects.toThrow(/5 MB/);
    expect(await db.query('SELECT 1 FROM spend_postings')).toHaveLength(0);
  });
});

describe('figures for a region and year, computed by hand', () => {
  let db: Db;
  let spend: SpendService;
  beforeAll(async () => {
    ({ db, spend } = await openLedgerDb({
      maxFileBytes: 10_000_000,
      contracts: [
        { id: 'K1', supplier: { name: 'Medico AB', orgNr: '556111-1111' }, regions: ['Sörmland'], from: '2024-01-01', to: '2025-06-30', category: 'medicinteknik' },
        { id: 'K2', supplier: { name: 'Kontorab', orgNr: '556222-2222' }, regions: ['Västmanland'], from: '2024-01-01', to: '2026-12-31', category: 'it-telekom' },
        { id: 'K3', supplier: { name: 'Städ AB', orgNr: '556333-3333' }, regions: ['Sörmland'], from: '2023-01-01', to: '2024-12-31' },
        { id: 'K0', supplier: { name: 'Städ AB', orgNr: '556333-3333' }, regions: ['Sörmland'], from: '2020-01-01', to: '2022-12-31' },
      ],
    }));
  });
  afterAll(() => db.close());

  test('the same ledger in every format, and again, never counts a posting twice', async () => {
    const reports = [];
    for (const [, make] of VARIANTS) reports.push(await importLedger(spend, make()));
    expect(reports[0]).toMatchObject({ added: 11, already: 0, rows: 11, masked: 2 });
    for (const r of reports.slice(1)) expect(r).toMatchObject({ added: 0, already: 11 });
    // An overlapping monthly file: two known postings and one new.
    const extra = { ...LEDGER[0], voucher: 'V11', day: '2025-09-01', amount: 500 };
    const overlap = await importLedger(spend, specCsv([LEDGER[0], LEDGER[1], extra]), true);
    expect(overlap).toMatchObject({ added: 1, already: 2, dryRun: true });
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM spend_postings');
    expect(n).toBe(11);
    const log = await db.query<{ outcome: string }>('SELECT outcome FROM spend_imports');
    expect(log).toHaveLength(VARIANTS.length);
    const names = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM spend_postings WHERE supplier_name LIKE 'Anna%' OR supplier_orgnr LIKE '850101%' OR supplier_orgnr LIKE '198501%'`);
    expect(names[0].n).toBe(0);
  });

  test('buckets, share, administrations, suppliers and flags', async () => {
    const f = await spend.figures('Sörmland', 2025);
    // Influenceable: 10 000 + 5 000 + 800 000 − 50 000 + 120 000 + 1 000 = 886 000; contracted: V1's 10 000.
    expect(f.total).toMatchObject({ influenceableOre: 88_600_000, contractedOre: 1_000_000, maskedOre: 500_000, publicOre: 4_000_000, excludedOre: 999_900, nameMatchOre: 100_000, rows: 10 });
    expect(f.total.share).toBeCloseTo(10_000 / 886_000, 10);
    const hs = f.byForvaltning.find((r) => r.forvaltning === 'Hälso- och sjukvård');
    expect(hs).toMatchObject({ influenceableOre: 13_600_000, contractedOre: 1_000_000, maskedOre: 500_000, excludedOre: 999_900, rows: 7 });
    expect(f.byMonth[2]).toMatchObject({ month: 3, contractedOre: 1_000_000, influenceableOre: 1_000_000 });
    expect(f.byCategory).toEqual([{ category: 'medicinteknik', ore: 1_000_000 }]);
    expect(f.suppliers.map((s) => [s.orgNr, kronor(s.ore), s.invoices, s.flag, s.endedContractId, s.nameMatch])).toEqual([
      ['556222-2222', '750000.00', 2, 'over-direct-limit', null, false],
      ['556333-3333', '120000.00', 1, 'documentation-duty', 'K3', false],
      ['556111-1111', '5000.00', 1, 'below', 'K1', false],
      [null, '1000.00', 1, 'below', null, true],
    ]);
    const v = await spend.figures('Västmanland', 2025);
    expect(v.total).toMatchObject({ influenceableOre: 200_000, contractedOre: 200_000, share: 1 });
  });

  test('the CSV files, exactly as specified', async () => {
    const cell = (s: string) => s;
    const s = await spend.figures('Sörmland', 2025);
    const v = await spend.figures('Västmanland', 2025);
    const spendCsv = [SPEND_CSV_HEADER, ...spendCsvRows(s, cell), ...spendCsvRows(v, cell)];
    expect(spendCsv).toEqual([
      'region;forvaltning;influenceable_sek;contracted_sek;share_contracted;masked_sek;public_sek;excluded_sek;rows',
      'Sörmland;Hälso- och sjukvård;136000.00;10000.00;0.0735;5000.00;0.00;9999.00;7',
      'Sörmland;Regionstab;750000.00;0.00;0.0000;0.00;40000.00;0.00;3',
      'Sörmland;;886000.00;10000.00;0.0113;5000.00;40000.00;9999.00;10',
      'Västmanland;Vuxenpsykiatri;2000.00;2000.00;1.0000;0.00;0.00;0.00;1',
      'Västmanland;;2000.00;2000.00;1.0000;0.00;0.00;0.00;1',
    ]);
    expect([SUPPLIERS_CSV_HEADER, ...supplierCsvRows(s, cell)]).toEqual([
      'region;supplier_orgnr;supplier_name;spend_sek;invoices;forvaltningar;flag;expired_contract_id',
      'Sörmland;556222-2222;Kontorab;750000.00;2;Regionstab;over-direct-limit;',
      'Sörmland;556333-3333;Städ AB;120000.00;1;Hälso- och sjukvård;documentation-duty;K3',
      'Sörmland;556111-1111;Medico AB;5000.00;1;Hälso- och sjukvård;below;K1',
      'Sörmland;;Medico AB;1000.00;1;Hälso- och sjukvård;below;',
    ]);
  });
});
