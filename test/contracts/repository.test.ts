import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { Db } from '../../src/db';
import { createTestDb } from '../helpers/db';
import { FIXTURE_CONTRACTS, FIXTURE_TODAY } from '../fixtures/contracts';

let db: Db;
let repo: ContractRepository;
const today = FIXTURE_TODAY;
const ids = async (q: string, extra: object = {}) => (await repo.search({ q, today, limit: 10, ...extra })).items.map((c) => c.contractId);

beforeAll(async () => {
  db = await createTestDb();
  repo = createContractRepository(db);
  await db.transaction((tx) => repo.upsertMany(tx, FIXTURE_CONTRACTS));
});
afterAll(async () => {
  await db.close();
});

describe('contract search', () => {
  it('finds compound words from their last part ("handskar" → Undersökningshandskar)', async () => {
    expect((await ids('handskar'))[0]).toBe('RS-2024-0001');
  });

  it('finds a word inside a compound in the other direction too ("dator" → Bärbara datorer)', async () => {
    expect(await ids('dator')).toContain('RS-2023-0003');
  });

  it('ignores missing diacritics ("lakemedel")', async () => {
    expect((await ids('lakemedel'))[0]).toBe('RS-2021-0006');
  });

  it('tolerates a typo ("konsultjänster")', async () => {
    expect((await ids('konsultjänster'))[0]).toBe('RS-2022-0005');
  });

  it('matches prefixes ("tolk")', async () => {
    expect((await ids('tolk'))[0]).toBe('RV-2025-0004');
  });

  it('finds supplier names, keywords and CPV codes', async () => {
    expect((await ids('datavärn'))[0]).toBe('RS-2023-0003');
    expect((await ids('laptop'))[0]).toBe('RS-2023-0003');
    expect((await ids('33141420-0'))[0]).toBe('RS-2024-0001');
  });

  it('puts an exact contract id first, in any case', async () => {
    expect((await ids('rs-2021-0006'))[0]).toBe('RS-2021-0006');
    expect((await ids('RS-2021-0006'))[0]).toBe('RS-2021-0006');
  });

  it('ranks a title match above a description match, and active above expired', async () => {
    const hits = await ids('handskar');
    expect(hits.indexOf('RS-2024-0001')).toBeLessThan(hits.indexOf('RS-2024-0007'));
    expect(hits.indexOf('RS-2024-0007')).toBeLessThan(hits.indexOf('RS-2020-0002'));
    expect(hits[hits.length - 1]).toBe('RS-2020-0002');
  });

  it('computes statuses against today', async () => {
    const all = await repo.search({ today, limit: 50 });
    const status = Object.fromEntries(all.items.map((c) => [c.contractId, c.status]));
    expect(status['RS-2024-0001']).toBe('active');
    expect(status['RS-2020-0002']).toBe('expired');
    expect(status['RS-2022-0005']).toBe('expiring');
    expect(status['RS-2027-0008']).toBe('upcoming');
  });

  it('filters by category, region, supplier and status', async () => {
    expect(await ids('', { category: 'it-telekom' })).toEqual(['RS-2023-0003']);
    expect((await ids('', { region: 'Västmanland' })).sort()).not.toContain('RS-2024-0007');
    expect(await ids('', { supplier: 'tolkcentrum malardalen' })).toEqual(['RV-2025-0004']);
    expect(await ids('', { status: 'expired' })).toEqual(['RS-2020-0002']);
    expect(await ids('', { status: 'expiring' })).toEqual(['RS-2022-0005']);
    expect(await ids('handskar', { status: 'active' })).not.toContain('RS-2020-0002');
  });

  it('pages with a stable total', async () => {
    const first = await repo.search({ today, limit: 3, offset: 0 });
    const second = await repo.search({ today, limit: 3, offset: 3 });
    const beyond = await repo.search({ today, limit: 3, offset: 100 });
    expect(first.total).toBe(FIXTURE_CONTRACTS.length);
    expect(second.total).toBe(FIXTURE_CONTRACTS.length);
    expect(beyond).toEqual({ total: FIXTURE_CONTRACTS.length, items: [] });
    const seen = [...first.items, ...second.items].map((c) => c.contractId);
    expect(new Set(seen).size).toBe(6);
  });

  it('falls back to any word when no contract has them all', async () => {
    expect(await ids('handskar hörapparater')).toEqual(expect.arrayContaining(['RS-2024-0001', 'RS-2027-0008']));
  });

  it('returns nothing, without errors, for words it does not know or pure syntax', async () => {
    expect(await ids('xylofonreparation')).toEqual([]);
    expect(await ids("'); DROP TABLE contracts; --")).toEqual([]);
    expect(await ids('!!! & | :* <->')).toEqual([]);
  });
});

describe('contract repository', () => {
  it('gets one contract by id, case-insensitively', async () => {
    const c = await repo.get('rs-2024-0001', today);
    expect(c?.title).toBe('Undersökningshandskar');
    expect(c?.categoryName).toEqual({ sv: 'Vård- och omsorgsmaterial', en: 'Care and nursing supplies' });
    expect(await repo.get('nope', today)).toBeNull();
  });

  it('upserts by id: a second import updates instead of duplicating', async () => {
    const changed = { ...FIXTURE_CONTRACTS[5], contractId: 'rs-2021-0006', title: 'Läkemedel slutenvård och öppenvård' };
    const res = await db.transaction((tx) => repo.upsertMany(tx, [changed]));
    expect(res).toEqual({ inserted: 0, updated: 1 });
    expect(await repo.count()).toBe(FIXTURE_CONTRACTS.length);
    expect((await repo.get('RS-2021-0006', today))?.title).toBe('Läkemedel slutenvård och öppenvård');
    expect((await ids('öppenvård'))[0]).toBe('rs-2021-0006');
  });

  it('counts contracts per category', async () => {
    const cats = await repo.categories(today);
    expect(cats).toHaveLength(11);
    expect(cats.find((c) => c.slug === 'vard-omsorgsmaterial')).toMatchObject({ count: 2, active: 1 });
  });
});
