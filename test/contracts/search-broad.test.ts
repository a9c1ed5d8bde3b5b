import { resultsCard, roundedBelow } from '../../src/contracts/cards';
import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { HEAD_VECTOR, estimatedHits } from '../../src/contracts/search-repository';
import { Expansion } from '../../src/contracts/search-query';
import { Db } from '../../src/db';
import { contractBuilder } from '../helpers/contracts';
import { createTestDb } from '../helpers/db';

/**
 * A broad query (issue 28: "läkemedel" matches some 10 000 of 100 000 contracts) is ranked among the
 * hits that hold a query word in the title, keywords or CPV codes, and the count says "more than".
 * Here the thresholds are lowered so that a handful of contracts reach that path; the default
 * repository ranks every hit, and its first page is what the broad path must show too.
 */
const TODAY = '2026-11-21';
let db: Db;
let full: ContractRepository;
let broad: ContractRepository;

const contract = contractBuilder();

const ids = (r: { items: { contractId: string }[] }) => r.items.map((i) => i.contractId);

beforeAll(async () => {
  db = await createTestDb();
  full = createContractRepository(db);
  broad = createContractRepository(db, { broad: { hits: 1, minHead: 3 } });
  await db.transaction((tx) =>
    full.upsertMany(tx, [
      // The word in the title, keywords or as the head of a compound there: head hits.
      contract('BR-1', 'Läkemedel för slutenvården'),
      contract('BR-2', 'Läkemedelsautomater'),
      contract('BR-3', 'Cytostatika', { keywords: ['läkemedel'] }),
      contract('BR-6', 'Läkemedelsvagnar', { validFrom: '2022-01-01', validTo: '2025-06-30' }),
      contract('BR-7', 'Kylskåp för läkemedel'),
      // Only in the description: hits, but not head hits.
      contract('BR-4', 'Infusionspumpar', { description: 'Pumpar som doserar läkemedel till patienter.' }),
      contract('BR-5', 'Patientlyftar', { description: 'Lyftar på avdelningar där läkemedel delas ut.' }),
      // Two words, each in a different field.
      contract('BR-8', 'Kylskåp', { description: 'Kylskåp för prover.' }),
      contract('BR-9', 'Läkemedelsförråd', { description: 'Förråd med kylskåp.' }),
    ]),
  );
});
afterAll(async () => {
  await db.close();
});

describe('a broad contract search', () => {
  it('ranks the head hits, shows the same first page as ranking every hit, and counts them as "at least"', async () => {
    const everyHit = await full.search({ q: 'läkemedel', limit: 3, today: TODAY, useCache: false });
    const head = await broad.search({ q: 'läkemedel', limit: 3, today: TODAY, useCache: false });
    expect(everyHit.totalAtLeast).toBeUndefined();
    expect(everyHit.total).toBe(8);
    expect(head.totalAtLeast).toBe(true);
    // BR-1, BR-2, BR-3, BR-7, BR-9: not the two that mention it in their descriptions only, nor the
    // expired BR-6 (expired contracts rank after every current one).
    expect(head.total).toBe(5);
    expect(ids(head)).toEqual(ids(everyHit));
    expect(ids(head)).not.toContain('BR-4');
  });

  it('ranks every hit for a page the head hits do not fill, and for a contract id', async () => {
    const deep = await broad.search({ q: 'läkemedel', limit: 3, offset: 5, today: TODAY, useCache: false });
    expect(deep.totalAtLeast).toBeUndefined();
    expect(deep.total).toBe(8);
    // What ranking every hit puts there: a description-only hit, then the expired contract (expired ones come last).
    expect(ids(deep)).toEqual(ids(await full.search({ q: 'läkemedel', limit: 3, offset: 5, today: TODAY, useCache: false })));
    expect(ids(deep)).toHaveLength(3);
    expect(ids(deep)[2]).toBe('BR-6');
    const byId = await broad.search({ q: 'BR-7', today: TODAY, useCache: false });
    expect(byId.totalAtLeast).toBeUndefined();
    expect(ids(byId)[0]).toBe('BR-7');
  });

  it('still needs every word: one of them in the head fields is enough', async () => {
    const one = createContractRepository(db, { broad: { hits: 1, minHead: 1 } });
    const res = await one.search({ q: 'läkemedel kylskåp', limit: 2, today: TODAY, useCache: false });
    expect(res.totalAtLeast).toBe(true);
    expect(ids(res).sort()).toEqual(['BR-7', 'BR-9']);
    expect(ids(await full.search({ q: 'läkemedel kylskåp', today: TODAY, useCache: false })).sort()).toEqual(['BR-7', 'BR-9']);
  });

  it('finds its head hits through the index of migration 024', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows = await tx.query<Record<string, string>>(`EXPLAIN SELECT c.contract_id FROM contract_search c WHERE ${HEAD_VECTOR} @@ 'lakemedel'::tsquery`);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('contract_search_head_idx');
  });
});

describe('estimatedHits', () => {
  const e = (token: number, term: string, ndoc: number, extra: Partial<Expansion> = {}): Expansion => ({ token, term, quality: 1, kind: 'exact', ndoc, ...extra });

  it('adds up a word’s expansions, takes the rarest word, and leaves split readings out', () => {
    expect(estimatedHits([])).toBe(0);
    expect(estimatedHits([e(1, 'lakemedel', 900, { prefix: true }), e(1, 'akutlakemedel', 300, { kind: 'head' })])).toBe(1200);
    expect(estimatedHits([e(1, 'lakemedel', 900), e(2, 'kylskap', 40), e(2, 'kyl', 5000, { part: 1 })])).toBe(40);
  });
});

describe('the results card of a broad search', () => {
  it('says "more than" a round figure below the count', async () => {
    expect([roundedBelow(2981), roundedBelow(1001), roundedBelow(1000), roundedBelow(540), roundedBelow(7)]).toEqual([2000, 1000, 900, 500, 6]);
    const res = await broad.search({ q: 'läkemedel', limit: 3, today: TODAY, useCache: false });
    const text = (locale: 'sv' | 'en') => JSON.stringify(resultsCard(locale, { ...res, total: 2981 }, { q: 'läkemedel', offset: 0, pageSize: 3 }).content);
    expect(text('sv')).toContain('Visar 1–3 av över 2000 avtal.');
    expect(text('en')).toContain('Showing 1–3 of more than 2000 contracts.');
    expect(JSON.stringify(resultsCard('sv', { total: 2981, items: res.items }, { q: 'läkemedel', offset: 0, pageSize: 3 }).content)).toContain('av 2981 avtal');
  });
});
