import { Db } from '../db';
import { Vocabulary, VocabularyTerm, quoteLexeme } from '../contracts/api';
import { SEARCH_CONFIG } from './knowledge';
import { Language, languageFromFileName, questionLanguage, translationGroup } from './language';
import { ParsedQuestion, parseQuestion } from './query';
import { answerKind, hasCue, quoteQuery, selectQuote } from './quote';

export interface Passage {
  docPath: string;
  docTitle: string;
  sourceDocument: string;
  documentNumber: string;
  validFrom: string;
  url: string;
  section: string;
  body: string;
  /** The sentence or two that answer the question. */
  excerpt: string;
  /** The language the passage is written in (an organisation's own document may differ from the question's); Swedish when not given. */
  language?: Language;
  rank: number;
  /** Share of the question's words found in the passage. */
  coverage: number;
}

export interface Retrieval {
  question: string;
  /** The language of the question, which the answer is given in (the turn's locale when not given). */
  language?: Language;
  passages: Passage[];
  /** True when the best passage is good enough to answer from; otherwise offer a person. */
  reliable: boolean;
}

/**
 * When a passage is good enough to answer from (tuned on test/policy/question-set.ts): it holds at
 * least half of the question's words with some density, or a third of them (two words at least) with a
 * high density. When none of the passages found is, the bot says it has no reliable answer and offers a person.
 */
export function isReliable(p: { rank: number; coverage: number; matched?: number } | undefined): boolean {
  if (!p) return false;
  // One word of three or more is not enough, however dense ("When does the football season start?").
  return (p.coverage >= 0.5 && p.rank >= 0.05) || (p.coverage >= 0.3 && p.rank >= 0.2 && (p.matched ?? 2) >= 2);
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
  /** English documents (everything else is searched as Swedish, including rows other code adds). */
  english: string[];
  /** Per question language: documents to leave out because a version in that language exists. */
  shadowed: Record<Language, string[]>;
  vocabulary: Record<Language, Vocabulary>;
  /** Passages holding each term, and passages in all, per language: a word nearly every passage holds does not rank them. */
  ndoc: Record<Language, Map<string, number>>;
  passages: Record<Language, number>;
  stems: Map<string, string>;
}
const caches = new WeakMap<Db, Cache>();

/** Documents that have a version in `lang` and are themselves in the other language. */
function shadowedBy(lang: Language, languages: Map<string, Language>): string[] {
  const groups = new Set([...languages].filter(([, l]) => l === lang).map(([p]) => translationGroup(p)));
  return [...languages].filter(([p, l]) => l !== lang && groups.has(translationGroup(p))).map(([p]) => p);
}

/** The index's documents, their languages and each language's vocabulary, rebuilt in memory whenever the index changes. */
async function knowledgeCache(db: Db): Promise<Cache> {
  const state = await db.query<{ key: string; value: string }>(`SELECT key, value FROM knowledge_state WHERE key IN ('hash', 'languages', 'published')`);
  // The files' hash and the published answers' version (bumped on every publish and withdrawal, on any instance).
  const hash = `${state.find((s) => s.key === 'hash')?.value ?? ''}:${state.find((s) => s.key === 'published')?.value ?? ''}`;
  const cached = caches.get(db);
  if (cached && cached.hash === hash) return cached;
  let declared: Record<string, string> = {};
  try {
    declared = JSON.parse(state.find((s) => s.key === 'languages')?.value ?? '{}') as Record<string, string>;
  } catch {
    declared = {};
  }
  // An officer's published answer (src/policy/published-repository.ts) declares its language in its own row.
  const paths = await db.query<{ doc_path: string; published: string | null }>(
    'SELECT DISTINCT k.doc_path, p.language AS published FROM knowledge_chunks k LEFT JOIN published_answers p ON p.id = k.published_answer_id',
  );
  for (const p of paths) if (p.published) declared[p.doc_path] = p.published;
  const languages = new Map<string, Language>(paths.map((p) => [p.doc_path, declared[p.doc_path] === 'en' || (!declared[p.doc_path] && languageFromFileName(p.doc_path) === 'en') ? 'en' : 'sv']));
  const english = [...languages].filter(([, l]) => l === 'en').map(([p]) => p);
  // ts_stat per language (much faster than unnesting every vector); format() quotes the list of paths.
  const stat = (where: string) =>
    db.query<VocabularyTerm>(`SELECT word AS term, ndoc FROM ts_stat(format('SELECT search_vector FROM knowledge_chunks WHERE ${where}', $1::text[]))`, [english]);
  const [svTerms, enTerms] = [await stat('NOT (doc_path = ANY(%L::text[]))'), await stat('doc_path = ANY(%L::text[])')];
  const terms = [...svTerms.map((t) => ({ ...t, english: false })), ...enTerms.map((t) => ({ ...t, english: true }))];
  const counts = await db.query<{ english: boolean; n: number }>(
    `SELECT (doc_path = ANY($1::text[])) AS english, count(*)::int AS n FROM knowledge_chunks GROUP BY 1`,
    [english],
  );
  const ndoc = (en: boolean) => new Map(terms.filter((t) => t.english === en).map((t) => [t.term, t.ndoc]));
  const fresh: Cache = {
    hash,
    english,
    ndoc: { sv: ndoc(false), en: ndoc(true) },
    passages: { sv: counts.find((c) => !c.english)?.n ?? 0, en: counts.find((c) => c.english)?.n ?? 0 },
    shadowed: { sv: shadowedBy('sv', languages), en: shadowedBy('en', languages) },
    vocabulary: { sv: new Vocabulary(terms.filter((t) => !t.english)), en: new Vocabulary(terms.filter((t) => t.english)) },
    stems: cached?.stems ?? new Map<string, string>(),
  };
  caches.set(db, fresh);
  return fresh;
}

async function stemsOf(db: Db, cache: Cache, lang: Language, words: string[]): Promise<string[]> {
  const key = (w: string) => `${lang}:${w}`;
  const missing = words.filter((w) => !cache.stems.has(key(w)));
  if (missing.length > 0) {
    const rows = await db.query<{ word: string; stem: string }>(
      `SELECT w AS word, coalesce((SELECT v.lexeme FROM unnest(to_tsvector($2::regconfig, w)) v LIMIT 1), '') AS stem FROM unnest($1::text[]) AS w`,
      [missing, SEARCH_CONFIG[lang]],
    );
    for (const r of rows) cache.stems.set(key(r.word), r.stem);
  }
  return words.map((w) => cache.stems.get(key(w)) ?? '');
}

/** One search: documents in one language, with the question's words for that language. */
interface Scope {
  lang: Language;
  words: string[];
  /** Only these documents (null: all but `except`). */
  only: string[] | null;
  except: string[];
}

/** How much a passage gains when its quote gives the kind of answer asked for. */
const ANSWER_BONUS = 0.3;

interface Hit {
  row: Row;
  score: number;
  coverage: number;
  lang: Language;
}

async function search(db: Db, cache: Cache, scope: Scope): Promise<Hit[]> {
  if (scope.words.length === 0 || (scope.only && scope.only.length === 0)) return [];
  const stems = await stemsOf(db, cache, scope.lang, scope.words);
  const vocabulary = cache.vocabulary[scope.lang];
  const expanded = scope.words
    .map((w, i) => vocabulary.expandWord(i + 1, w, stems[i]).filter((e) => e.kind !== 'part' && e.kind !== 'typo'))
    .filter((g) => g.length > 0);
  if (expanded.length === 0) return [];
  const groups = expanded.map((g) => [...new Set(g.map((e) => quoteLexeme(e.term)))]);
  // The rank is taken over the distinctive words: one that most passages hold ("Inköp") only counts as matched.
  const total = cache.passages[scope.lang];
  const common = (g: { term: string }[]) => total >= 20 && Math.max(...g.map((e) => cache.ndoc[scope.lang].get(e.term) ?? 0)) > total * 0.4;
  const ranked = groups.filter((_, i) => !common(expanded[i]));
  const anyOf = (gs: string[][]) => gs.map((g) => `(${g.join(' | ')})`).join(' | ');
  const perWord = groups.map((g) => `(${g.join(' | ')})`);
  const perWordHeading = groups.map((g) => `(${g.map((t) => `${t}:A`).join(' | ')})`);
  const rows = await db.query<Row>(
    `SELECT k.doc_path, k.doc_title, k.source_document, k.document_number, k.valid_from, k.url, k.section, k.body,
            ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', k.search_vector, $1::tsquery, 1)::float8 AS rank,
            (SELECT count(*)::int FROM unnest($2::text[]) w WHERE k.search_vector @@ w::tsquery) AS matched,
            (SELECT count(*)::int FROM unnest($3::text[]) w WHERE k.search_vector @@ w::tsquery) AS heading,
            (k.section = k.doc_title) AS intro
     FROM knowledge_chunks k
     WHERE k.search_vector @@ $6::tsquery AND ($4::text[] IS NULL OR k.doc_path = ANY($4::text[])) AND NOT (k.doc_path = ANY($5::text[]))`,
    [anyOf(ranked.length > 0 ? ranked : groups), perWord, perWordHeading, scope.only, scope.except, anyOf(groups)],
  );
  const n = groups.length;
  return rows.map((r) => ({
    row: r,
    score: (Number(r.rank) + 0.5 * (r.heading / n) + 0.3 * (r.matched / n)) * (r.intro ? 0.6 : 1),
    coverage: r.matched / scope.words.length,
    lang: scope.lang,
  }));
}

/** Where to look for a question in `lang`: its own language's documents, then others' that have no version in it. */
function scopes(cache: Cache, lang: Language, q: ParsedQuestion): Scope[] {
  const own = lang === 'en' ? q.raw : q.words;
  const shadowed = cache.shadowed[lang];
  if (lang === 'en') {
    return [
      { lang: 'en', words: own, only: cache.english, except: [] },
      { lang: 'sv', words: q.words, only: null, except: [...cache.english, ...shadowed] },
    ];
  }
  return [
    { lang: 'sv', words: own, only: null, except: cache.english },
    { lang: 'en', words: q.raw, only: cache.english.filter((p) => !shadowed.includes(p)), except: [] },
  ];
}

/**
 * Finds the passages that answer a question, in the question's language (detected from its words;
 * `locale` only when the words do not tell). Each question word is stemmed by that language's
 * text-search configuration and expanded against the knowledge base's vocabulary (exact, prefix,
 * compound head: "kategorier" finds "inköpskategorier"). A passage scores by cover density, plus how
 * many question words its heading holds (headings are written as the questions staff ask) and how
 * many it holds at all. Each passage is quoted by the sentences that answer the question.
 */
export async function retrieve(db: Db, question: string, limit = 3, opts: { locale?: Language } = {}): Promise<Retrieval> {
  const parsed = parseQuestion(question);
  const language = questionLanguage(parsed.text, opts.locale ?? 'sv');
  if (parsed.words.length === 0 && parsed.raw.length === 0) return { question: parsed.text, language, passages: [], reliable: false };
  const cache = await knowledgeCache(db);
  const hits: Hit[] = [];
  for (const scope of scopes(cache, language, parsed)) hits.push(...(await search(db, cache, scope)));
  // Each candidate is quoted; one whose quote gives the kind of answer asked for (a time, an amount, a role) moves up.
  const kind = answerKind(parsed.text);
  const quoted = hits
    .sort((a, b) => b.score - a.score)
    .slice(0, limit * 3)
    .map((h) => ({ ...h, quote: selectQuote(h.row.body, quoteQuery(parsed.text, h.lang === 'sv' ? parsed.svGroups : parsed.raw.map((w) => [w])), 320, h.row.section) }))
    .map((h) => ({ ...h, score: h.score + (kind && hasCue(kind, h.quote) ? ANSWER_BONUS : 0) }));
  const top = quoted.sort((a, b) => b.score - a.score).slice(0, limit);
  const passages = top.map(({ row: r, coverage, lang, quote }) => ({
    docPath: r.doc_path,
    docTitle: r.doc_title,
    sourceDocument: r.source_document,
    documentNumber: r.document_number,
    validFrom: r.valid_from,
    url: r.url,
    section: r.section,
    body: r.body,
    excerpt: quote,
    language: lang,
    rank: Number(r.rank),
    coverage,
  }));
  const reliable = top.some((h, i) => isReliable({ rank: passages[i].rank, coverage: h.coverage, matched: h.row.matched }));
  return { question: parsed.text, language, passages, reliable };
}
