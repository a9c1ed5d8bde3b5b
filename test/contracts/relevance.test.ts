import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { seedSampleContracts } from '../../src/contracts/seed';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { REFERENCE_DAY } from '../../scripts/sample-data/generate';
import { createTestDb } from '../helpers/db';
import { RELEVANCE_SET, RelevanceCase } from './relevance-set';
import { EXPORT_CATEGORIES, EXPORT_CONTRACTS, EXPORT_RELEVANCE_SET } from './relevance-export';

/**
 * Relevance on two sets: recall@5 (share of the expected contracts in the top five, averaged over
 * queries) and MRR (1 / rank of the first expected contract, averaged). Both are measured from what
 * the search returns; the misses are printed so that a drop shows which queries caused it.
 */
async function measure(repo: ContractRepository, set: RelevanceCase[], name: string): Promise<{ recall: number; mrr: number }> {
  let recallSum = 0;
  let rrSum = 0;
  const misses: string[] = [];
  for (const c of set) {
    const top = (await repo.search({ q: c.q, limit: 5, today: REFERENCE_DAY })).items.map((i) => i.contractId);
    const found = c.expected.filter((id) => top.includes(id)).length;
    recallSum += found / c.expected.length;
    const firstRank = top.findIndex((id) => c.expected.includes(id));
    rrSum += firstRank === -1 ? 0 : 1 / (firstRank + 1);
    if (found < c.expected.length || firstRank !== 0) misses.push(`${c.q} [${c.tag}]: expected ${c.expected.join(',')} got ${top.join(',')}`);
  }
  const recall = recallSum / set.length;
  const mrr = rrSum / set.length;
  console.log(`relevance (${name}): ${set.length} queries, recall@5 ${recall.toFixed(3)}, MRR ${mrr.toFixed(3)}\n${misses.join('\n')}`);
  return { recall, mrr };
}

async function expectAllExist(repo: ContractRepository, set: RelevanceCase[]): Promise<void> {
  for (const c of set) {
    for (const id of c.expected) expect([c.q, id, (await repo.get(id, REFERENCE_DAY))?.contractId]).toEqual([c.q, id, id]);
  }
}

describe('search relevance on the sample contracts', () => {
  let db: Db;
  let repo: ContractRepository;
  beforeAll(async () => {
    db = await createTestDb();
    await seedSampleContracts(db, createLogger('silent'));
    repo = createContractRepository(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has at least 40 queries, each expecting contracts that exist', async () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(40);
    await expectAllExist(repo, RELEVANCE_SET);
  });

  it('reaches recall@5 ≥ 0.95 and MRR ≥ 0.85', async () => {
    const { recall, mrr } = await measure(repo, RELEVANCE_SET, 'sample contracts');
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
  });
});

describe('search relevance on an export with the organisation\'s own categories', () => {
  let db: Db;
  let repo: ContractRepository;
  beforeAll(async () => {
    db = await createTestDb();
    // Categories are data: the export's own names, indexed with each contract through the trigger.
    for (const [i, c] of EXPORT_CATEGORIES.entries()) {
      await db.query('INSERT INTO categories (slug, name_sv, name_en, sort_order) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING', [c.slug, c.nameSv, c.nameEn, 100 + i]);
    }
    repo = createContractRepository(db);
    await db.transaction((tx) => repo.upsertMany(tx, EXPORT_CONTRACTS));
  });
  afterAll(async () => {
    await db.close();
  });

  it('has at least 25 queries, each expecting contracts that exist, in the export\'s own categories', async () => {
    expect(EXPORT_RELEVANCE_SET.length).toBeGreaterThanOrEqual(25);
    await expectAllExist(repo, EXPORT_RELEVANCE_SET);
    const names = await db.query<{ name_sv: string }>('SELECT DISTINCT cat.name_sv FROM contracts c JOIN categories cat ON cat.slug = c.category');
    expect(names.map((n) => n.name_sv).sort()).toEqual(EXPORT_CATEGORIES.map((c) => c.nameSv).sort());
  });

  it('reaches recall@5 ≥ 0.95 and MRR ≥ 0.85', async () => {
    const { recall, mrr } = await measure(repo, EXPORT_RELEVANCE_SET, 'export');
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
  });
});
