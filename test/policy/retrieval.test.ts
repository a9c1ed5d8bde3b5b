import path from 'node:path';
import { Db } from '../../src/db';
import { indexKnowledge } from '../../src/policy/knowledge';
import { detectLanguage } from '../../src/policy/language';
import { retrieve } from '../../src/policy/retrieval';
import { createTestDb } from '../helpers/db';
import { ENGLISH_QUESTIONS, QUESTION_SET, SWEDISH_QUESTIONS } from './question-set';

let db: Db;
const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
beforeAll(async () => {
  db = await createTestDb();
  await indexKnowledge(db, [KNOWLEDGE]);
});
afterAll(async () => {
  await db.close();
});

const key = (p: { docPath: string; section: string }) => `${p.docPath.replace(/^knowledge\//, '')}#${p.section}`;
const matches = (expected: string[], got: string) => expected.some((e) => got.startsWith(e));

describe('policy retrieval on the knowledge base', () => {
  it('has at least 80 questions, in Swedish and English, each expecting sections that exist in its language', async () => {
    expect(QUESTION_SET.length).toBeGreaterThanOrEqual(80);
    expect(SWEDISH_QUESTIONS.length).toBeGreaterThanOrEqual(40);
    expect(ENGLISH_QUESTIONS.length).toBeGreaterThanOrEqual(40);
    for (const c of SWEDISH_QUESTIONS) expect([c.q, detectLanguage(c.q), c.expected.every((e) => !e.includes('.en.md'))]).toEqual([c.q, 'sv', true]);
    for (const c of ENGLISH_QUESTIONS) expect([c.q, detectLanguage(c.q), c.expected.every((e) => e.includes('.en.md'))]).toEqual([c.q, 'en', true]);
    const rows = await db.query<{ doc_path: string; section: string }>('SELECT doc_path, section FROM knowledge_chunks');
    const all = rows.map((r) => key({ docPath: r.doc_path, section: r.section }));
    for (const c of QUESTION_SET) for (const e of c.expected) expect([c.q, e, all.some((a) => a.startsWith(e))]).toEqual([c.q, e, true]);
  });

  it('finds an expected section in the top three for at least 90 % of the questions (hit@3), and quotes the fact the answer must carry', async () => {
    let hit = 0;
    let first = 0;
    let carried = 0;
    const misses: string[] = [];
    for (const c of QUESTION_SET) {
      const r = await retrieve(db, c.q, 3);
      const found = r.passages.filter((p) => matches(c.expected, key(p)));
      if (found.length > 0) hit++;
      if (r.passages[0] && matches(c.expected, key(r.passages[0]))) first++;
      if (found.some((p) => c.fact.test(p.excerpt))) carried++;
      else misses.push(`${c.q}\n   expected ${c.expected.join(' | ')} carrying ${c.fact}\n   got ${r.passages.map((p) => `${key(p)}: "${p.excerpt}"`).join('\n       ')}`);
    }
    const rate = hit / QUESTION_SET.length;
    const factRate = carried / QUESTION_SET.length;
    console.log(`policy retrieval: ${QUESTION_SET.length} questions (${SWEDISH_QUESTIONS.length} Swedish, ${ENGLISH_QUESTIONS.length} English), hit@3 ${rate.toFixed(3)} (hit@1 ${(first / QUESTION_SET.length).toFixed(3)}), quote carries the fact ${factRate.toFixed(3)}\n${misses.join('\n')}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
    expect(factRate).toBeGreaterThanOrEqual(0.85);
  });

  it('says it has no reliable answer to questions the documents do not cover', async () => {
    for (const q of ['Vad kostar en glass i kiosken på lasarettet?', 'When does the football season start?', '']) {
      expect((await retrieve(db, q)).reliable).toBe(false);
    }
  });

  it('answers with a short excerpt, the section and the source', async () => {
    const r = await retrieve(db, 'Vad är gränsen för direktupphandling?');
    expect(r.reliable).toBe(true);
    const top = r.passages[0];
    expect(top.excerpt.length).toBeLessThanOrEqual(322);
    expect(top.excerpt).toMatch(/700 000/);
    expect(top.sourceDocument).toMatch(/2016:1145/);
    expect(top.url).toMatch(/^https:\/\//);
  });
});
