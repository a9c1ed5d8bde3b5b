import fs from 'node:fs';
import path from 'node:path';
import { readingSearch, searchReading } from '../../src/contracts/command';
import { ContractRepository, createContractRepository } from '../../src/contracts/repository';
import { seedSampleContracts } from '../../src/contracts/seed';
import { findCommands } from '../../src/core/commands';
import { readMessage } from '../../src/core/reading';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { MODULES } from '../../src/modules';
import { REFERENCE_DAY } from '../../scripts/sample-data/generate';
import { createTestDb } from '../helpers/db';
import { SWEDISH_QUESTIONS, ENGLISH_QUESTIONS } from '../policy/question-set';
import { FRONT_DOOR_SET, FrontDoorCase } from './frontdoor-set';
import { EXPORT_CATEGORIES } from './relevance-export';
import { BASE_GLOSSARY, toSwedish } from '../../src/contracts/glossary';

/**
 * The front door measured: every labelled question goes through the chat's own path (one reading, the
 * router's choice of who answers, the search the catalogue would run) against the sample contracts.
 * Figures per label and language go to the console and to test-results/frontdoor.json.
 */
const SPECS = MODULES.flatMap((m) => m.commands);
const CONTRACT_ANSWERS = new Set(['contracts.anything', 'contracts.search']);

interface Outcome {
  c: FrontDoorCase;
  right: boolean;
  why: string;
}

async function judge(repo: ContractRepository, c: FrontDoorCase): Promise<Outcome> {
  const { specs, reading } = findCommands(c.q, SPECS, readMessage(c.q));
  const ids = specs.map((s) => s.id);
  if (c.label === 'policy') {
    const right = ids.length > 0 && ids.every((id) => id.startsWith('policy.'));
    return { c, right, why: `answered by ${ids.join(', ') || 'nobody'} (${reading.intent}, "${reading.product}")` };
  }
  if (!CONTRACT_ANSWERS.has(ids[0] ?? '')) return { c, right: false, why: `answered first by ${ids[0] ?? 'nobody'} (${reading.intent})` };
  if (c.label === 'amount' && !ids.includes('policy.free-question')) return { c, right: false, why: `no calculator after the contracts (${ids.join(', ')})` };
  const search = readingSearch(reading, c.lang);
  const top = (await searchReading((p) => repo.search(p), search, { limit: 3, today: REFERENCE_DAY })).items.map((i) => i.contractId);
  const right = top.some((id) => (c.expected ?? []).includes(id));
  return { c, right, why: `searched "${search.supplier ? `supplier ${search.supplier}` : search.q}" (${search.lang}): ${top.join(', ') || 'nothing'}` };
}

type Figures = Record<string, { n: number; right: number; share: number }>;

function figures(outcomes: Outcome[], key: (o: Outcome) => string): Figures {
  const out: Figures = {};
  for (const o of outcomes) {
    const f = (out[key(o)] ??= { n: 0, right: 0, share: 0 });
    f.n++;
    if (o.right) f.right++;
  }
  for (const f of Object.values(out)) f.share = Math.round((f.right / f.n) * 1000) / 1000;
  return out;
}

describe('the front door: everyday questions reach the right answer', () => {
  let db: Db;
  let repo: ContractRepository;
  let outcomes: Outcome[];
  beforeAll(async () => {
    db = await createTestDb();
    await seedSampleContracts(db, createLogger('silent'));
    repo = createContractRepository(db);
    outcomes = [];
    for (const c of FRONT_DOOR_SET) outcomes.push(await judge(repo, c));
    const buying = (o: Outcome) => (o.c.label === 'policy' ? 'policy' : 'contract');
    const report = {
      questions: outcomes.length,
      byGroup: figures(outcomes, buying),
      byGroupAndLanguage: figures(outcomes, (o) => `${buying(o)}/${o.c.lang}`),
      byLabelAndLanguage: figures(outcomes, (o) => `${o.c.label}/${o.c.lang}`),
      misses: outcomes.filter((o) => !o.right).map((o) => `[${o.c.label}/${o.c.lang}/${o.c.tag}] ${o.c.q} → ${o.why}`),
    };
    const dir = path.join(__dirname, '..', '..', 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'frontdoor.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`front door: ${JSON.stringify({ byGroupAndLanguage: report.byGroupAndLanguage, byLabelAndLanguage: report.byLabelAndLanguage }, null, 1)}\nmisses:\n${report.misses.join('\n')}`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has at least 150 questions, Swedish and English, of every label, each expecting contracts that exist', async () => {
    expect(FRONT_DOOR_SET.length).toBeGreaterThanOrEqual(150);
    for (const label of ['contract', 'supplier', 'amount', 'policy'] as const) {
      for (const lang of ['sv', 'en'] as const) expect([label, lang, FRONT_DOOR_SET.some((c) => c.label === label && c.lang === lang)]).toEqual([label, lang, true]);
    }
    for (const c of FRONT_DOOR_SET.filter((x) => x.label !== 'policy')) {
      expect(c.expected?.length).toBeGreaterThan(0);
      for (const id of c.expected ?? []) expect([c.q, (await repo.get(id, REFERENCE_DAY))?.contractId]).toEqual([c.q, id]);
    }
  });

  it('brings a right contract into the top three for at least 95 % of the buying questions, in each language', () => {
    const f = figures(outcomes.filter((o) => o.c.label !== 'policy'), (o) => o.c.lang);
    expect(f.sv.share).toBeGreaterThanOrEqual(0.95);
    expect(f.en.share).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps at least 95 % of the policy questions with policy guidance, in each language', () => {
    const f = figures(outcomes.filter((o) => o.c.label === 'policy'), (o) => o.c.lang);
    expect(f.sv.share).toBeGreaterThanOrEqual(0.95);
    expect(f.en.share).toBeGreaterThanOrEqual(0.95);
  });

  it('finds every category of the sample catalogue by its English name, and reads the export\'s English category names', async () => {
    const categories = await db.query<{ slug: string; name_en: string }>('SELECT DISTINCT cat.slug, cat.name_en FROM contracts c JOIN categories cat ON cat.slug = c.category');
    expect(categories.length).toBeGreaterThanOrEqual(11);
    for (const c of categories) {
      const top = (await repo.search({ q: c.name_en, lang: 'en', limit: 5, today: REFERENCE_DAY })).items.map((i) => i.category);
      expect([c.name_en, top.includes(c.slug)]).toEqual([c.name_en, true]);
    }
    for (const c of EXPORT_CATEGORIES) expect([c.nameEn, toSwedish(c.nameEn, BASE_GLOSSARY).translated]).toEqual([c.nameEn, true]);
  });

  it('sends the policy question set (test/policy/question-set.ts) to policy guidance, bar the few that name a product to buy', () => {
    const all = [...SWEDISH_QUESTIONS, ...ENGLISH_QUESTIONS];
    const toCatalogue = all.filter((q) => !findCommands(q.q, SPECS, readMessage(q.q)).specs.some((s) => s.id.startsWith('policy.')));
    console.log(`policy set: ${all.length - toCatalogue.length} of ${all.length} answered by policy guidance; to the catalogue only:\n${toCatalogue.map((q) => q.q).join('\n')}`);
    expect(toCatalogue.length / all.length).toBeLessThanOrEqual(0.05);
  });
});
