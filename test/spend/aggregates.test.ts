import { Db } from '../../src/db';
import { kronor } from '../../src/spend/model';
import { SpendService } from '../../src/spend/service';
import { SupplierContract, addSupplierContract, importLedger, openLedgerDb, spendService } from '../helpers/ledger';
import { LEDGER, specCsv } from './ledgers';

/**
 * The yearly figures come from aggregates kept at import; they must stay what a classification at query
 * time would give. The fixture is spend.test.ts's 2025 ledger; the catalogue changes after the import
 * (a contract added, then extended) and the account ranges change, and each time the figures are
 * computed by hand again. Sörmland's influenceable postings: V1 10 000 and V2 5 000 (Medico AB), V3
 * 800 000 and V4 −50 000 (Kontorab), V5 120 000 (Städ AB, account 5410), V10 1 000 (Medico AB by name only).
 */
const K1: SupplierContract = { id: 'K1', title: 'Förbrukning', category: 'medicinteknik', supplier: { name: 'Medico AB', orgNr: '556111-1111' }, regions: ['Sörmland'], from: '2024-01-01', to: '2025-06-30' };

describe('figures kept per region and year', () => {
  let db: Db;
  let spend: SpendService;
  const suppliers = async (s: SpendService, forvaltning?: string) =>
    (await s.figures('Sörmland', 2025, forvaltning)).suppliers.map((x) => [x.orgNr ?? x.name, kronor(x.ore), x.invoices, x.endedContractId, x.nameMatch]);

  beforeAll(async () => {
    ({ db, spend } = await openLedgerDb({ ledgers: [specCsv(LEDGER)] }));
  });
  afterAll(() => db.close());

  test('with no contract nothing is contracted, and the year is kept', async () => {
    const f = await spend.figures('Sörmland', 2025);
    expect(f.total).toMatchObject({ influenceableOre: 88_600_000, contractedOre: 0, maskedOre: 500_000, publicOre: 4_000_000, excludedOre: 999_900, nameMatchOre: 0, rows: 10 });
    expect(await spend.years('Sörmland')).toEqual([2025]);
    const [kept] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM spend_year_figures WHERE region = 'Sörmland' AND year = 2025`);
    expect(kept.n).toBeGreaterThan(0);
  });

  test('a contract added after the import counts at the next read', async () => {
    await addSupplierContract(db, K1);
    const f = await spend.figures('Sörmland', 2025);
    // V1 (10 March) under K1; V2 (10 August) after K1 ended; V10 names Medico AB on 3 June, a name match.
    expect(f.total).toMatchObject({ influenceableOre: 88_600_000, contractedOre: 1_000_000, nameMatchOre: 100_000 });
    expect(f.byCategory).toEqual([{ category: 'medicinteknik', ore: 1_000_000 }]);
    expect(await suppliers(spend)).toEqual([
      ['556222-2222', '750000.00', 2, null, false],
      ['556333-3333', '120000.00', 1, null, false],
      ['556111-1111', '5000.00', 1, 'K1', false],
      ['Medico AB', '1000.00', 1, null, true],
    ]);
    // Västmanland's year is not touched by a Sörmland contract.
    expect((await spend.figures('Västmanland', 2025)).total).toMatchObject({ influenceableOre: 200_000, contractedOre: 0 });
  });

  test('an extension recorded after the import covers the later posting', async () => {
    await db.query(`UPDATE contracts SET valid_to = '2025-12-31' WHERE contract_id = 'K1'`);
    const f = await spend.figures('Sörmland', 2025);
    expect(f.total).toMatchObject({ contractedOre: 1_500_000, nameMatchOre: 100_000 });
    expect(f.byMonth[7]).toMatchObject({ month: 8, contractedOre: 500_000, influenceableOre: 500_000 });
    expect((await suppliers(spend)).map((s) => s[0])).toEqual(['556222-2222', '556333-3333', 'Medico AB']);
  });

  test('other account ranges build the year again, and the first ranges build it back', async () => {
    // Without 5000–5799, Städ AB's 120 000 kr on 5410 is an excluded account.
    const narrow = spendService(db, { accounts: [[6000, 7999]] });
    expect((await narrow.figures('Sörmland', 2025)).total).toMatchObject({ influenceableOre: 76_600_000, excludedOre: 12_999_900, contractedOre: 1_500_000 });
    expect((await spend.figures('Sörmland', 2025)).total).toMatchObject({ influenceableOre: 88_600_000, excludedOre: 999_900 });
  });

  test("an administration's figures and suppliers, whatever the case of its name", async () => {
    const f = await spend.figures('Sörmland', 2025, 'hälso- och sjukvård');
    expect(f.total).toMatchObject({ influenceableOre: 13_600_000, contractedOre: 1_500_000, maskedOre: 500_000, excludedOre: 999_900, rows: 7 });
    expect(await suppliers(spend, 'HÄLSO- OCH SJUKVÅRD')).toEqual([
      ['556333-3333', '120000.00', 1, null, false],
      ['Medico AB', '1000.00', 1, null, true],
    ]);
    expect(f.areas).toEqual([
      { accountText: 'Städtjänster', ore: 12_000_000 },
      { accountText: 'Förbrukningsmaterial', ore: 100_000 },
    ]);
  });

  test('a dry run changes no figure; an overlapping file adds only its new posting', async () => {
    const extra = { ...LEDGER[2], voucher: 'V11', day: '2025-09-01', amount: 500 };
    const earlier = { ...LEDGER[2], voucher: 'V12', day: '2024-12-30', amount: 700 };
    expect(await importLedger(spend, specCsv([LEDGER[2], extra, earlier]), true)).toMatchObject({ added: 2, already: 1 });
    expect(await spend.years()).toEqual([2025]);
    expect((await suppliers(spend))[0]).toEqual(['556222-2222', '750000.00', 2, null, false]);
    expect(await importLedger(spend, specCsv([LEDGER[2], extra, earlier]))).toMatchObject({ added: 2, already: 1 });
    expect(await spend.years('Sörmland')).toEqual([2025, 2024]);
    expect((await suppliers(spend))[0]).toEqual(['556222-2222', '750500.00', 3, null, false]);
    expect((await spend.figures('Sörmland', 2024)).total).toMatchObject({ influenceableOre: 70_000, rows: 1 });
  });

  test('postings imported before the aggregates existed are matched and built when first read', async () => {
    // As the migration leaves a database that had postings: years known, nothing matched or built.
    await db.query('UPDATE spend_postings SET contract_id = NULL, category = NULL, ended_contract_id = NULL, name_match = false');
    await db.query('UPDATE spend_years SET catalogue = NULL, accounts = NULL');
    for (const table of ['spend_year_figures', 'spend_year_suppliers', 'spend_year_areas']) await db.query(`DELETE FROM ${table}`);
    expect(await spend.findForvaltning('regionstab')).toEqual([{ region: 'Sörmland', forvaltning: 'Regionstab' }]);
    expect((await spend.figures('Sörmland', 2025)).total).toMatchObject({ influenceableOre: 88_650_000, contractedOre: 1_500_000, nameMatchOre: 100_000 });
  });
});

describe('figures added batch by batch', () => {
  test('the ledger, then one posting at a time: the kept figures are what a build of the whole year gives', async () => {
    const { db, spend } = await openLedgerDb({ contracts: [K1] });
    try {
      // Besides the ledger: a second line of Kontorab's invoice V3 (one invoice, not two), and Medico AB after K1
      // ended in another administration.
      const files = [LEDGER, [{ ...LEDGER[2], account: 6541, amount: 100 }], [{ ...LEDGER[1], voucher: 'V13', day: '2025-09-01', forvaltning: 'Regionstab' }]];
      for (const rows of files) await importLedger(spend, specCsv(rows));
      const kept = [await spend.figures('Sörmland', 2025), await spend.figures('Sörmland', 2025, 'Regionstab')];
      expect(kept[0].suppliers.map((x) => [x.orgNr ?? x.name, kronor(x.ore), x.invoices, x.forvaltningar, x.endedContractId])).toEqual([
        ['556222-2222', '750100.00', 2, ['Regionstab'], null],
        ['556333-3333', '120000.00', 1, ['Hälso- och sjukvård'], null],
        ['556111-1111', '10000.00', 2, ['Hälso- och sjukvård', 'Regionstab'], 'K1'],
        ['Medico AB', '1000.00', 1, ['Hälso- och sjukvård'], null],
      ]);
      await db.query('UPDATE spend_years SET accounts = NULL');
      const built = [await spend.figures('Sörmland', 2025), await spend.figures('Sörmland', 2025, 'Regionstab')];
      expect(built).toEqual(kept);
    } finally {
      await db.close();
    }
  });
});
