import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { YearFacts, buildYear, hashPieces, monthBounds, prepareCatalogue, rematchYear, yearFacts } from '../../src/spend/repository';
import { createSpendService } from '../../src/spend/service';
import { createTestDb } from '../helpers/db';
import { Posting, SORMLAND, specCsv } from './ledgers';

/**
 * A year's aggregates built in pieces (a statement per month for the figures, per range of supplier
 * hashes for the suppliers and the account texts) must be what one statement over the year gives. The
 * fixture's year is built both ways (in pieces: a piece for about every posting), and the kept facts are
 * compared, and checked against sums made by hand.
 *
 * Alfa AB's contract K2 ended in 2024; its voucher A1 has a posting on 31 January and one on 1 February
 * (one invoice), and its administration is written both "Vård" and "vård". Lokala Bageriet has no org
 * number and is written in two cases (one supplier by name). Medico AB is under contract (K1).
 */
const silent = createLogger('silent');
const PURCHASE: [number, number][] = [
  [5000, 5799],
  [6000, 7999],
];

const row = (voucher: string, supplier: string, supplierId: string, account: number, accountText: string, amount: number, day: string, forvaltning: string): Posting => ({
  kopareId: SORMLAND,
  voucher,
  supplier,
  supplierId,
  account,
  accountText,
  amount,
  day,
  forvaltning,
});

const LEDGER: Posting[] = [
  row('A1', 'Alfa AB', '556100-0001', 6110, 'Förbrukningsmaterial', 1000, '2025-01-31', 'Vård'),
  row('A1', 'Alfa AB', '556100-0001', 6540, 'IT-tjänster', 250, '2025-02-01', 'Vård'),
  row('A2', 'Alfa AB', '556100-0001', 6110, 'Förbrukningsmaterial', 400, '2025-12-31', 'vård'),
  row('X1', 'Alfa AB', '556100-0001', 4010, 'Personalkostnad', 999, '2025-04-04', 'Vård'),
  row('B1', 'Beta AB', '556200-0002', 6110, 'Förbrukningsmaterial', 300, '2025-03-15', 'Vård'),
  row('B2', 'Beta AB', '556200-0002', 6110, 'Förbrukningsmaterial', -100, '2025-03-20', 'Vård'),
  row('C1', 'Gamma AB', '556300-0003', 6540, 'IT-tjänster', 700, '2025-06-30', 'Regionstab'),
  row('C1', 'Gamma AB', '556300-0003', 6990, 'Övriga tjänster', 50, '2025-07-01', 'Regionstab'),
  row('D1', 'Delta AB', '556400-0004', 6110, 'Förbrukningsmaterial', 900, '2025-09-09', 'Regionstab'),
  row('E1', 'Epsilon AB', '556500-0005', 5410, 'Städtjänster', 1200, '2025-10-10', 'Vård'),
  row('F1', 'Lokala Bageriet', 'L1', 6110, 'Förbrukningsmaterial', 80, '2025-11-11', 'Vård'),
  row('F2', 'LOKALA BAGERIET', 'L2', 6110, 'Förbrukningsmaterial', 20, '2025-11-12', 'Vård'),
  row('M1', 'Medico AB', '556111-1111', 6110, 'Förbrukningsmaterial', 5000, '2025-05-05', 'Vård'),
  row('P1', 'Region Västmanland', '232100-0172', 6200, 'Köpt vård', 400, '2025-06-01', 'Regionstab'),
  row('S1', '[innehåller personuppgifter]', '', 6990, 'Övriga tjänster', 30, '2025-08-08', 'Vård'),
  row('N1', 'Alfa AB', '556100-0001', 6110, 'Förbrukningsmaterial', 7000, '2026-01-01', 'Vård'),
];

/** The facts in a fixed order (the tables keep no order). */
function sorted(f: YearFacts): YearFacts {
  const by = <T>(a: T[]) => [...a].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  return { figures: by(f.figures), suppliers: by(f.suppliers), areas: by(f.areas) };
}

describe('a year built in pieces', () => {
  let db: Db;
  let whole: { year: YearFacts; vard: YearFacts };
  let pieces: { year: YearFacts; vard: YearFacts };

  beforeAll(async () => {
    db = await createTestDb();
    for (const [id, name, orgNr, to] of [
      ['K1', 'Medico AB', '556111-1111', '2025-12-31'],
      ['K2', 'Alfa AB', '556100-0001', '2024-12-31'],
    ])
      await db.query(
        `INSERT INTO contracts (contract_id, title, category, suppliers, supplier_names, valid_from, valid_to, regions, ordering_method, contract_type)
         VALUES ($1, $1, 'tjanster', $2::jsonb, $3, '2023-01-01', $4, $5, 'avrop', 'ramavtal')`,
        [id, JSON.stringify([{ name, orgNr }]), [name], to, ['Sörmland']],
      );
    const spend = createSpendService({ db, config: { accounts: PURCHASE, maxFileBytes: 5_000_000 }, logger: silent });
    await spend.apply(await spend.parse(specCsv(LEDGER), 'sv'), { dryRun: false, actor: { source: 'cli' }, locale: 'sv' });
    const read = async () => ({ year: sorted(await yearFacts(db, 'Sörmland', 2025)), vard: sorted(await yearFacts(db, 'Sörmland', 2025, 'vård')) });
    await db.transaction((tx) => buildYear(tx, 'Sörmland', 2025, PURCHASE, { pieceRows: null }));
    whole = await read();
    await db.transaction((tx) => buildYear(tx, 'Sörmland', 2025, PURCHASE, { pieceRows: 1 }));
    pieces = await read();
  });
  afterAll(() => db.close());

  test('the suppliers fall in several pieces', async () => {
    // With a piece for about every posting without a contract (14 of them), the six uncontracted suppliers are spread out.
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM spend_postings WHERE posted_on < '2026-01-01' AND contract_id IS NULL`);
    expect(n.n).toBe(14);
    const ranges = hashPieces(14);
    const hashes = await db.query<{ h: number }>(`SELECT DISTINCT hashtext(coalesce(supplier_orgnr, lower(trim(supplier_name)), '')) AS h FROM spend_postings WHERE contract_id IS NULL AND NOT masked`);
    const used = new Set(hashes.map(({ h }) => ranges.findIndex(([lo, hi]) => Number(h) >= lo && Number(h) <= hi)));
    expect(used.has(-1)).toBe(false);
    expect(used.size).toBeGreaterThan(1);
  });

  test('the same facts as one statement over the year, for the region and for an administration', () => {
    expect(pieces.year).toEqual(whole.year);
    expect(pieces.vard).toEqual(whole.vard);
    expect(pieces.year.suppliers).toHaveLength(6);
  });

  test('a voucher across two months is one invoice, and a supplier by name is one supplier', () => {
    const bySupplier = new Map(pieces.year.suppliers.map((s) => [s.orgNr ?? s.name.toLowerCase(), s]));
    // Alfa AB: 1 000 + 250 + 400 kr, all after K2 ended; A1 and A2 are two invoices; 2026 and the excluded account not counted.
    expect(bySupplier.get('556100-0001')).toMatchObject({ ore: 165_000, invoices: 2, endedContractId: 'K2', afterEndOre: 165_000 });
    expect([...bySupplier.get('556100-0001')!.forvaltningar].sort()).toEqual(['Vård', 'vård'].sort());
    expect(bySupplier.get('556200-0002')).toMatchObject({ ore: 20_000, invoices: 2, endedContractId: null, afterEndOre: 0 });
    expect(bySupplier.get('556300-0003')).toMatchObject({ ore: 75_000, invoices: 1 });
    expect(bySupplier.get('lokala bageriet')).toMatchObject({ orgNr: null, ore: 10_000, invoices: 2 });
    expect(bySupplier.has('556111-1111')).toBe(false);
  });

  test("the account texts' sums added up over the pieces", () => {
    // Vård, Förbrukningsmaterial: Alfa 1 000 + Beta 300 − 100 + Lokala Bageriet 80 + 20 (Alfa's "vård" row apart).
    expect(pieces.year.areas).toEqual(
      sorted({
        figures: [],
        suppliers: [],
        areas: [
          { forvaltning: 'Vård', accountText: 'Förbrukningsmaterial', ore: 130_000 },
          { forvaltning: 'vård', accountText: 'Förbrukningsmaterial', ore: 40_000 },
          { forvaltning: 'Vård', accountText: 'IT-tjänster', ore: 25_000 },
          { forvaltning: 'Vård', accountText: 'Städtjänster', ore: 120_000 },
          { forvaltning: 'Regionstab', accountText: 'IT-tjänster', ore: 70_000 },
          { forvaltning: 'Regionstab', accountText: 'Övriga tjänster', ore: 5_000 },
          { forvaltning: 'Regionstab', accountText: 'Förbrukningsmaterial', ore: 90_000 },
        ],
      }).areas,
    );
  });

  test('the figures by month include the first and the last day of the year, and not the next year', () => {
    const ofMonth = (m: number) => pieces.year.figures.filter((f) => f.month === m).reduce((s, f) => s + f.ore, 0);
    expect(ofMonth(1)).toBe(100_000);
    expect(ofMonth(12)).toBe(40_000);
    expect(pieces.year.figures.reduce((s, f) => s + f.rows, 0)).toBe(15);
  });

  test('matched again by half months as over the whole year, after a contract change', async () => {
    // K2 extended to 1 February 2025: A1's two postings (31 January, 1 February) are now under contract; nothing else changes.
    await db.query(`UPDATE contracts SET valid_to = '2025-02-01' WHERE contract_id = 'K2'`);
    const rollback = new Error('rollback');
    const rematched = async (pieces: boolean) => {
      let seen: { touched: number; rows: unknown[] } | undefined;
      await db
        .transaction(async (tx) => {
          await prepareCatalogue(tx, ['Sörmland']);
          const touched = await rematchYear(tx, 'Sörmland', 2025, { pieces });
          const rows = await tx.query(`SELECT voucher, posted_on, account, contract_id, ended_contract_id, name_match FROM spend_postings WHERE region = 'Sörmland' ORDER BY 1, 2, 3`);
          seen = { touched, rows };
          throw rollback;
        })
        .catch((err: unknown) => {
          if (err !== rollback) throw err;
        });
      return seen!;
    };
    const halves = await rematched(true);
    expect(halves.touched).toBe(2);
    expect(halves.rows.filter((r) => (r as { contract_id: string | null }).contract_id === 'K2').map((r) => (r as { voucher: string }).voucher)).toEqual(['A1', 'A1']);
    expect(halves).toEqual(await rematched(false));
  });
});

describe('the pieces', () => {
  test('the months of a year, each from its first day to the next month', () => {
    expect(monthBounds(2024)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01', '2025-01-01']);
  });

  test.each([1, 3, 7, 256])('%i ranges of hashes cover every 32-bit value once', (n) => {
    const ranges = hashPieces(n);
    expect(ranges).toHaveLength(n);
    expect(ranges[0][0]).toBe(-(2 ** 31));
    expect(ranges[n - 1][1]).toBe(2 ** 31 - 1);
    for (let i = 0; i < n; i++) {
      expect(ranges[i][0]).toBeLessThanOrEqual(ranges[i][1]);
      if (i > 0) expect(ranges[i][0]).toBe(ranges[i - 1][1] + 1);
    }
  });
});
