import { Db, Queryable } from '../db';
import { Expansion } from './search-query';
import { Vocabulary, VocabularyTerm } from './vocabulary';
import { BASE_GLOSSARY, Glossary, withEntries } from './glossary';
import { listGlossaryEntries } from './glossary-repository';

/**
 * What contract search keeps per database handle (./search-repository): the vocabulary of the index and
 * the glossary, reloaded when an import bumps the vocabulary version, the stems of query words, and the
 * recent results; and the query words' expansions against that vocabulary.
 */

/** How often an instance asks whether another instance has rebuilt the vocabulary. */
export const VOCABULARY_CHECK_MS = 2000;
const STEM_CACHE_MAX = 20_000;

export interface SearchCache {
  vocabulary?: Vocabulary;
  /** The glossary with the officers' entries, reloaded with the vocabulary. */
  glossary: Glossary;
  version: number;
  /** search_meta's renewal_version as last read; `epoch` moves with every drop of the results (part of their key). */
  renewalVersion: number;
  epoch: number;
  checkedAt: number;
  loading?: Promise<Vocabulary>;
  stems: Map<string, string>;
  /** Recent results; emptied whenever the vocabulary or the renewal version moves (every import bumps the first). */
  results: Map<string, unknown>;
}
/** One cache per database handle, shared by every repository built on it. */
const caches = new WeakMap<Db, SearchCache>();

export function cacheFor(db: Db): SearchCache {
  const cache: SearchCache = caches.get(db) ?? { version: -1, renewalVersion: -1, epoch: 0, checkedAt: 0, stems: new Map(), results: new Map(), glossary: BASE_GLOSSARY };
  caches.set(db, cache);
  return cache;
}

/** Reloads the vocabulary only when an import has bumped its version; a case change (renewal_version) drops the pages. */
async function reloadVocabulary(db: Queryable, cache: SearchCache): Promise<Vocabulary> {
  const meta = await db.query<{ key: string; value: string }>(`SELECT key, value::text AS value FROM search_meta WHERE key IN ('vocabulary_version', 'renewal_version')`);
  const [version, renewalVersion] = ['vocabulary_version', 'renewal_version'].map((k) => Number(meta.find((m) => m.key === k)?.value ?? 0));
  if (renewalVersion !== cache.renewalVersion) [cache.renewalVersion, cache.epoch] = [renewalVersion, cache.epoch + 1];
  if (!cache.vocabulary || version !== cache.version) {
    const terms = await db.query<VocabularyTerm>('SELECT term, ndoc FROM search_terms');
    cache.vocabulary = new Vocabulary(terms);
    cache.glossary = withEntries(BASE_GLOSSARY, await listGlossaryEntries(db));
    cache.version = version;
    cache.results.clear();
  }
  cache.checkedAt = Date.now();
  return cache.vocabulary;
}

export async function vocabulary(db: Queryable, cache: SearchCache): Promise<Vocabulary> {
  const now = Date.now();
  if (cache.vocabulary && now - cache.checkedAt < VOCABULARY_CHECK_MS) return cache.vocabulary;
  if (cache.loading) return cache.loading;
  cache.loading = reloadVocabulary(db, cache).finally(() => {
    cache.loading = undefined;
  });
  return cache.loading;
}

/** Swedish stems from the same text-search configuration that built the index; cached, since a word's stem never changes. */
async function stems(db: Queryable, cache: SearchCache, words: string[]): Promise<string[]> {
  const missing = words.filter((w) => !cache.stems.has(w));
  if (missing.length > 0) {
    const rows = await db.query<{ word: string; stem: string }>(
      `SELECT w AS word, coalesce((SELECT v.lexeme FROM unnest(to_tsvector('inkop_sv', w)) v LIMIT 1), '') AS stem
       FROM unnest($1::text[]) AS w`,
      [missing],
    );
    if (cache.stems.size + rows.length > STEM_CACHE_MAX) cache.stems.clear();
    for (const r of rows) cache.stems.set(r.word, r.stem);
  }
  return words.map((w) => cache.stems.get(w) ?? '');
}

export async function expand(db: Queryable, cache: SearchCache, tokens: string[]): Promise<Expansion[]> {
  if (tokens.length === 0) return [];
  const [vocab, stemmed] = await Promise.all([vocabulary(db, cache), stems(db, cache, tokens)]);
  return tokens.flatMap((word, i) => vocab.expandQueryWord(i + 1, word, stemmed[i]));
}

/**
 * At most how many contracts the query's words hold together, by the vocabulary: per word the sum of
 * its expansions' counts (a contract may hold several), the least of these over the words (all must match).
 */
export function estimatedHits(expansions: Expansion[]): number {
  const perWord = new Map<number, Map<string, number>>();
  for (const e of expansions) {
    if (e.part !== undefined) continue;
    const terms = perWord.get(e.token) ?? new Map<string, number>();
    terms.set(e.term, Math.max(terms.get(e.term) ?? 0, e.ndoc ?? 0));
    perWord.set(e.token, terms);
  }
  if (perWord.size === 0) return 0;
  return Math.min(...[...perWord.values()].map((terms) => [...terms.values()].reduce((a, b) => a + b, 0)));
}

/** The next search here reloads vocabulary and glossary (other instances see the version bump within VOCABULARY_CHECK_MS). */
export function invalidateSearchCache(db: Db): void {
  const cache = cacheFor(db);
  cache.checkedAt = 0;
  cache.results.clear();
}
