import { Db } from '../db';
import { Vocabulary, VocabularyTerm, quoteLexeme } from '../contracts/api';
import { parseQuestion, excerpt } from './query';

export interface Passage {
  docPath: string;
  docTitle: string;
  sourceDocument: string;
  documentNumber: string;
  validFrom: string;
  url: string;
  section: string;
  body: string;
  excerpt: string;
  rank: number;
  /** Share of the question's words found in the passage. */
  coverage: number;
}

export interface Retrieval {
  question: string;
  passages: Passage[];
  /** True when the best passage is good enough to answer from; otherwise offer a person. */
  reliable: boolean;
}

/**
 * When the best passage is good enough to answer from (tuned on test/policy/question-set.ts): it holds
 * at least half of the question's words with some density, or a third of them with a high density.
 * Below that the bot says it has no reliable answer and offers a person.
 */
export function isReliable(p: { rank: number; coverage: number } | undefined): boolean {
  if (!p) return false;
  return (p.coverage >= 0.5 && p.rank >= 0.05) || (p.coverage >= 0.3 && p.rank >= 0.2);
}

interface Row {
  doc_path: string;
  doc_title: string;
  source_document: string;
  document_number: string;
  valid_from: string;
  url: string;
  section: string;
  body: string;
  rank: number;
  matched: number;
  heading: number;
  intro: boolean;
}

interface Cache {
  hash: string;
  vocabulary: Vocabulary;
  stems: Map<string, string>;
}
const caches = new WeakMap<Db, Cache>();

/** The knowledge base's own vocabulary, rebuilt in memory whenever the index changes. */
async function knowledgeVocabulary(db: Db): Promise<Cache> {
  const [state] = await db.query<{ value: string }>(`SELECT value FROM knowledge_state WHERE key = 'hash'`);
  const hash = state?.value ?? '';
  const cached = caches.get(db);
  if (cached && cached.hash === hash) return cached;
  const terms = await db.query<VocabularyTerm>(`SELECT word AS term, ndoc FROM ts_stat('SELECT search_vector FROM knowledge_chunks')`);
  const fresh = { hash, vocabulary: new Vocabulary(terms), stems: cached?.stems ?? new Map<string, string>() };
  caches.set(db, fresh);
  return fresh;
}

async function stemsOf(db: Db, cache: Cache, words: string[]): Promise<string[]> {
  const missing = words.filter((w) => !cache.stems.has(w));
  if (missing.length > 0) {
    const rows = await db.query<{ word: string; stem: string }>(
      `SELECT w AS word, coalesce((SELECT v.lexeme FROM unnest(to_tsvector('inkop_sv', w)) v LIMIT 1), '') AS stem FROM unnest($1::text[]) AS w`,
      [missing],
    );
    for (const r of rows) cache.stems.set(r.word, r.stem);
  }
  return words.map((w) => cache.stems.get(w) ?? '');
}

/**
 * Finds the passages that answer a question. Each question word is stemmed by the index's Swedish
 * configuration and expanded against the knowledge base's vocabulary (exact, prefix, compound head:
 * "kategorier" finds "inköpskategorier"). A passage scores by cover density, plus how many question
 * words its heading holds (headings are written as the questions staff ask) and how many it holds at all.
 */
export async function retrieve(db: Db, question: string, limit = 3): Promise<Retrieval> {
  const parsed = parseQuestion(question);
  if (parsed.words.length === 0) return { question: parsed.text, passages: [], reliable: false };
  const cache = await knowledgeVocabulary(db);
  const stems = await stemsOf(db, cache, parsed.words);
  const groups = parsed.words
    .map((w, i) => cache.vocabulary.expandWord(i + 1, w, stems[i]).filter((e) => e.kind !== 'part' && e.kind !== 'typo'))
    .filter((g) => g.length > 0)
    .map((g) => [...new Set(g.map((e) => quoteLexeme(e.term)))]);
  if (groups.length === 0) return { question: parsed.text, passages: [], reliable: false };
  const any = groups.map((g) => `(${g.join(' | ')})`).join(' | ');
  const perWord = groups.map((g) => `(${g.join(' | ')})`);
  const perWordHeading = groups.map((g) => `(${g.map((t) => `${t}:A`).join(' | ')})`);
  const rows = await db.query<Row>(
    `SELECT k.doc_path, k.doc_title, k.source_document, k.document_number, k.valid_from, k.url, k.section, k.body,
            ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', k.search_vector, $1::tsquery, 1)::float8 AS rank,
            (SELECT count(*)::int FROM unnest($2::text[]) w WHERE k.search_vector @@ w::tsquery) AS matched,
            (SELECT count(*)::int FROM unnest($3::text[]) w WHERE k.search_vector @@ w::tsquery) AS heading,
            (k.section = k.doc_title) AS intro
     FROM knowledge_chunks k
     WHERE k.search_vector @@ $1::tsquery`,
    [any, perWord, perWordHeading],
  );
  const n = groups.length;
  const scored = rows
    .map((r) => ({ r, score: (Number(r.rank) + 0.5 * (r.heading / n) + 0.3 * (r.matched / n)) * (r.intro ? 0.6 : 1) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  const stemList = stems.filter(Boolean);
  const passages = scored.map(({ r }) => ({
    docPath: r.doc_path,
    docTitle: r.doc_title,
    sourceDocument: r.source_document,
    documentNumber: r.document_number,
    validFrom: r.valid_from,
    url: r.url,
    section: r.section,
    body: r.body,
    excerpt: excerpt(r.body, stemList),
    rank: Number(r.rank),
    coverage: r.matched / parsed.words.length,
  }));
  return { question: parsed.text, passages, reliable: isReliable(passages[0]) };
}
