import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Db } from '../../src/db';
import { policyAnswerCard } from '../../src/policy/cards';
import { indexKnowledge, loadKnowledge, parseMarkdown } from '../../src/policy/knowledge';
import { detectLanguage, languageFromFileName, questionLanguage, translationGroup } from '../../src/policy/language';
import { retrieve } from '../../src/policy/retrieval';
import { createTestDb } from '../helpers/db';
import { cardText } from '../helpers/teams';

/** Questions are answered in their own language: from the English versions, the Swedish originals, or an organisation's own documents as written. */
let db: Db;
let extra: string;
const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
beforeAll(async () => {
  db = await createTestDb();
  extra = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-lang-'));
  fs.writeFileSync(
    path.join(extra, 'parkering.md'),
    '---\ntitle: "Parkering för personal"\nsource_document: "Riktlinje för parkering"\n---\n\n## Var parkerar personalen vid lasarettet?\n\nPersonalen parkerar i parkeringshuset P3 vid lasarettet. Parkeringstillstånd beställs hos servicecenter.\n',
  );
  await indexKnowledge(db, [KNOWLEDGE, extra]);
});
afterAll(async () => {
  await db.close();
  fs.rmSync(extra, { recursive: true, force: true });
});

describe('the language of a question', () => {
  it.each([
    ['Hur tidigt ska jag höra av mig inför en upphandling över EU-tröskeln?', 'sv'],
    ['Vem ansvarar för avtalstroheten?', 'sv'],
    ['Får jag direktupphandla?', 'sv'],
    ['Who is responsible for following the contracts?', 'en'],
    ['What is the direct procurement limit?', 'en'],
    ['How do I order consumables?', 'en'],
    ['NKI?', null],
    ['LOU', null],
  ])('%s → %s', (q, lang) => expect(detectLanguage(q)).toBe(lang));

  it('falls back to the given language when the words do not tell', () => {
    expect(questionLanguage('Proceedo', 'en')).toBe('en');
    expect(questionLanguage('Proceedo')).toBe('sv');
    expect(questionLanguage('Vad är Proceedo?', 'en')).toBe('sv');
  });

  it('reads a document\'s language and translation group from its name and front matter', () => {
    expect(languageFromFileName('knowledge/nki.en.md')).toBe('en');
    expect(languageFromFileName('knowledge/nki.md')).toBeNull();
    expect(translationGroup('knowledge/nki.en.md')).toBe(translationGroup('knowledge/nki.md'));
    expect(parseMarkdown('kb/a.md', '---\ntitle: A\nlanguage: en\n---\n\n## X\n\nText.\n')[0].language).toBe('en');
    expect(parseMarkdown('kb/b.md', '## Vad gäller?\n\nDet här är en text på svenska om avtal.\n')[0].language).toBe('sv');
    expect(parseMarkdown('kb/c.md', '## What applies?\n\nThis is a text in English about the contracts.\n')[0].language).toBe('en');
    expect(() => parseMarkdown('kb/d.en.md', '---\ntitle: D\nlanguage: sv\n---\n\n## X\n\nY.\n')).toThrow(/language/);
  });

  it('indexes every built-in document in both languages', () => {
    const chunks = loadKnowledge([KNOWLEDGE]).chunks;
    const en = chunks.filter((c) => c.language === 'en');
    const sv = chunks.filter((c) => c.language === 'sv');
    expect(en.length).toBe(sv.length);
    expect(new Set(en.map((c) => c.docPath.replace('.en.md', '.md')))).toEqual(new Set(sv.map((c) => c.docPath)));
  });
});

describe('answers in the language asked', () => {
  it('answers an English question with an English quote and an English source line', async () => {
    const r = await retrieve(db, 'Who is responsible for following the contracts?');
    expect(r.language).toBe('en');
    expect(r.reliable).toBe(true);
    expect(r.passages.every((p) => p.language === 'en' && p.docPath.endsWith('.en.md'))).toBe(true);
    expect(r.passages[0].section).toBe('Who is responsible for contract compliance?');
    expect(r.passages[0].excerpt).toMatch(/every unit is responsible/);
    const text = cardText(policyAnswerCard('en', r).content);
    expect(text).toMatch(/Source: Inköpspolicy, Region Sörmland och Region Västmanland, section "Who is responsible for contract compliance\?"/);
    expect(text).toMatch(/every unit is responsible/);
    expect(text).not.toMatch(/original language|ansvarar/);
  });

  it('answers a Swedish question from Swedish passages even when the client says en-US', async () => {
    const r = await retrieve(db, 'Vem ansvarar för avtalstroheten?', 3, { locale: 'en' });
    expect(r.language).toBe('sv');
    expect(r.passages.every((p) => p.language === 'sv' && !p.docPath.endsWith('.en.md'))).toBe(true);
    expect(r.passages[0].excerpt).toMatch(/varje verksamhet/);
    const text = cardText(policyAnswerCard('en', r).content);
    expect(text).toMatch(/Svar från regionernas styrdokument/);
    expect(text).toMatch(/Källa: Inköpspolicy/);
    expect(text).not.toMatch(/Source:/);
  });

  it('uses the locale only when the words do not tell', async () => {
    expect((await retrieve(db, 'Proceedo', 3, { locale: 'en' })).language).toBe('en');
    expect((await retrieve(db, 'Proceedo', 3)).language).toBe('sv');
  });

  it('quotes an organisation\'s Swedish-only document to an English question as written, with the note', async () => {
    const r = await retrieve(db, 'Where does the staff park at the hospital (lasarettet, parkeringshuset)?');
    const parking = r.passages.find((p) => p.docPath.endsWith('parkering.md'));
    expect(parking?.language).toBe('sv');
    expect(parking?.excerpt).toMatch(/P3/);
    const text = cardText(policyAnswerCard('en', { ...r, reliable: true }).content);
    expect(text).toMatch(/\(in Swedish\)/);
    expect(text).toMatch(/exist only in another language are quoted in the original language/);
  });
});
