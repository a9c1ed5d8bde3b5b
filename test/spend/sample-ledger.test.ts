import fs from 'node:fs';
import { generateSampleLedger, ledgerCsv, readSampleContracts } from '../../scripts/sample-data/ledger';
import { loadConfig } from '../../src/config';
import { contractsModule } from '../../src/contracts/module';
import { SeedContext, seedModules } from '../../src/core/module';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { spendModule } from '../../src/spend/module';
import { SAMPLE_LEDGER_FILE, seedSampleLedger } from '../../src/spend/seed';
import { createSpendService, SpendService } from '../../src/spend/service';
import { createTestDb } from '../helpers/db';

const silent = createLogger('silent');
const DIRECT_LIMIT_ORE = 700_000 * 100;

/**
 * The sample ledger the demo starts with (data/sample-ledger.csv), loaded once into a fresh database by the
 * modules' seed hooks in list order (spend before contracts), the way a start with SEED_SAMPLE_DATA does it.
 */
describe('the sample ledger', () => {
  let db: Db;
  let spend: SpendService;
  let seeded: { module: string; added: number }[];
  let ctx: SeedContext;
  beforeAll(async () => {
    db = await createTestDb();
    ctx = { config: loadConfig({ LOG_LEVEL: 'silent' }, [spendModule]), db, logger: silent };
    seeded = await seedModules([spendModule, contractsModule], ctx);
    spend = createSpendService({ db, config: { accounts: [[5000, 5799], [6000, 7999]], maxFileBytes: 10 * 1024 * 1024 }, logger: silent });
  });
  afterAll(() => db.close());

  test('is what the generator writes from the sample contracts, under 1 MB', () => {
    const file = fs.readFileSync(SAMPLE_LEDGER_FILE, 'utf8');
    expect(file).toBe(ledgerCsv(generateSampleLedger(readSampleContracts())));
    expect(Buffer.byteLength(file)).toBeLessThan(1024 * 1024);
  });

  test('imports whole: every row a new posting, no warnings, both regions, 2025 and 2026', async () => {
    const lines = fs.readFileSync(SAMPLE_LEDGER_FILE, 'utf8').trim().split('\n').length - 1;
    expect(lines).toBeGreaterThanOrEqual(3000);
    expect(lines).toBeLessThanOrEqual(6000);
    expect(seeded.map((s) => s.module)).toEqual(['spend', 'contracts']);
    expect(seeded[0].added).toBe(lines);
    expect(seeded[1].added).toBeGreaterThan(0);
    const ledger = await spend.parse(fs.readFileSync(SAMPLE_LEDGER_FILE), 'sv');
    expect(ledger.warnings).toEqual([]);
    expect(ledger.rows).toBe(lines);
    expect(ledger.regions.sort()).toEqual(['Sörmland', 'Västmanland']);
    expect([ledger.firstDay?.slice(0, 7), ledger.lastDay?.slice(0, 7)]).toEqual(['2025-01', '2026-11']);
    for (const region of ['Sörmland', 'Västmanland']) expect(await spend.years(region)).toEqual([2026, 2025]);
  });

  test.each(['Sörmland', 'Västmanland'])('%s: a plausible share, rising into 2026, with flags, an ended contract, and every bucket filled', async (region) => {
    const [y25, y26] = [await spend.figures(region, 2025), await spend.figures(region, 2026)];
    for (const f of [y25, y26]) {
      expect(f.total.share).toBeGreaterThan(0.5);
      expect(f.total.share).toBeLessThan(0.9);
      expect(f.total.maskedOre).toBeGreaterThan(0);
      expect(f.total.publicOre).toBeGreaterThan(0);
      expect(f.total.excludedOre).toBeGreaterThan(0);
      expect(f.byForvaltning.length).toBeGreaterThanOrEqual(4);
      expect(f.suppliers.filter((s) => s.flag === 'over-direct-limit').length).toBeGreaterThanOrEqual(1);
      expect(f.suppliers.filter((s) => s.flag === 'documentation-duty').length).toBeGreaterThanOrEqual(1);
      for (const s of f.suppliers) expect(s.flag === 'over-direct-limit').toBe(s.ore >= DIRECT_LIMIT_ORE);
      expect(f.suppliers.every((s) => s.orgNr === null || !s.orgNr.startsWith('2'))).toBe(true);
    }
    expect(y26.total.share!).toBeGreaterThan(y25.total.share!);
    expect([...y25.suppliers, ...y26.suppliers].some((s) => s.endedContractId !== null)).toBe(true);
  });

  test('a second start finds the data and seeds nothing', async () => {
    const again = await seedModules([spendModule, contractsModule], ctx);
    expect(again.map((s) => [s.module, s.added])).toEqual([['spend', 0], ['contracts', 0]]);
    await expect(seedSampleLedger(spend, silent)).resolves.toBe(0);
    const rows = await db.query<{ source: string }>(`SELECT source FROM spend_imports WHERE file_name = 'sample-ledger.csv'`);
    expect(rows.map((r) => r.source)).toEqual(['seed']);
  });
});
