import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { seedSampleContracts } from '../../src/contracts/seed';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { REFERENCE_DAY } from '../../scripts/sample-data/generate';
import { createTestDb } from '../helpers/db';
import { RELEVANCE_SET } from './relevance-set';

/**
 * Relevance against the sample contracts: recall@5 (share of the expected contracts in the top five,
 * averaged over queries) and MRR (1 / rank of the first expected contract, averaged).
 */
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

describe('search relevance on the sample contracts', () => {
  it('has at least 40 queries, each expecting contracts that exist', async () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(40);
    for (const c of RELEVANCE_SET) {
      for (const id of c.expected) expect([c.q, id, (await repo.get(id, REFERENCE_DAY))?.contractId]).toEqual([c.q, id, id]);
    }
  });

  it('reaches recall@5 ≥ 0.95 and MRR ≥ 0.85', async () => {
    let recallSum = 0;
    let rrSum = 0;
    const misses: string[] = [];
    for (const c of RELEVANCE_SET) {
      const top = (await repo.search({ q: c.q, limit: 5, today: REFERENCE_DAY })).items.map((i) => i.contractId);
      const found = c.expected.filter((id) => top.includes(id)).length;
      recallSum += found / c.expected.length;
      const firstRank = top.findIndex((id) => c.expected.includes(id));
      rrSum += firstRank === -1 ? 0 : 1 / (firstRank + 1);
      if (found < c.expected.length || firstRank !== 0) misses.push(`${c.q} [${c.tag}]: expected ${c.expected.join(',')} got ${top.join(',')}`);
    }
    const recall = recallSum / RELEVANCE_SET.length;
    const mrr = rrSum / RELEVANCE_SET.length;
    console.log(`relevance: ${RELEVANCE_SET.length} queries, recall@5 ${recall.toFixed(3)}, MRR ${mrr.toFixed(3)}\n${misses.join('\n')}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
  });
});
