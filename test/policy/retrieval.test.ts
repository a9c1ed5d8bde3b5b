import path from 'node:path';
import { Db } from '../../src/db';
import { indexKnowledge } from '../../src/policy/knowledge';
import { retrieve } from '../../src/policy/retrieval';
import { createTestDb } from '../helpers/db';
import { QUESTION_SET } from './question-set';

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
const hits = (expected: string[], got: string[]) => got.some((g) => expected.some((e) => g.startsWith(e)));

describe('policy retrieval on the knowledge base', () => {
  it('has at least 40 questions in Swedish and English, each expecting sections that exist', async () => {
    expect(QUESTION_SET.length).toBeGreaterThanOrEqual(40);
    expect(QUESTION_SET.filter((c) => /^(May|Who|What|Do|How|Which)\b/.test(c.q)).length).toBeGreaterThanOrEqual(10);
    const rows = await db.query<{ doc_path: string; section: string }>('SELECT doc_path, section FROM knowledge_chunks');
    const all = rows.map((r) => key({ docPath: r.doc_path, section: r.section }));
    for (const c of QUESTION_SET) for (const e of c.expected) expect([c.q, e, all.some((a) => a.startsWith(e))]).toEqual([c.q, e, true]);
  });

  it('finds the expected section in the top three for at least 90 % of the questions (hit@3)', async () => {
    let hit = 0;
    const misses: string[] = [];
    for (const c of QUESTION_SET) {
      const r = await retrieve(db, c.q, 3);
      const got = r.passages.map(key);
      if (hits(c.expected, got)) hit++;
      else misses.push(`${c.q}\n   expected ${c.expected.join(' | ')}\n   got ${got.join(' | ')}`);
    }
    const rate = hit / QUESTION_SET.length;
    console.log(`policy retrieval: ${QUESTION_SET.length} questions, hit@3 ${rate.toFixed(3)}\n${misses.join('\n')}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
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
