import { Db, Queryable } from '../db';
import { Expansion, ParsedQuery, parseQuery } from './search-query';
import { Vocabulary, VocabularyTerm } from './vocabulary';
import { BASE_GLOSSARY, Glossary, toSwedish, withEntries } from './glossary';
import { listGlossaryEntries } from './glossary-repository';
import { lruGet, lruSet } from '../util/lru';
import { BROAD_HITS, BROAD_MIN_HEAD_HITS, BroadOptions, SearchParams, SearchResult, findContracts } from './search-ranking-repository';

export type { BroadOptions, SearchParams, SearchResult } from './search-ranking-repository';

/** How often an instance asks whether another instance has rebuilt the vocabulary. */
export const VOCABULARY_CHECK_MS = 2000;
const STEM_CACHE_MAX = 20_000;

interface SearchCache {
  vocabulary?: Vocabulary;
  /** The glossary with the officers' entries, reloaded with the vocabulary. */
  glossary: Glossary;
  version: number;
  checkedAt: number;
  loading?: Promise<Vocabulary>;
  stems: Map<string, string>;
  /** Recent results; emptied whenever the vocabulary version moves (every import bumps it). */
  results: Map<string, SearchResult>;
}
const RESULT_CACHE_MAX = 1000;
/** One cache per database handle, shared by every repository built on it. */
const caches = new WeakMap<Db, SearchCache>();

function cacheFor(db: Db): SearchCache {
  const cache: SearchCache = caches.get(db) ?? { version: -1, checkedAt: 0, stems: new Map(), results: new Map(), glossary: BASE_GLOSSARY };
  caches.set(db, cache);
  return cache;
}

/** Reloads the vocabulary only when an import has bumped its version since this instance last read it. */
async function reloadVocabulary(db: Queryable, cache: SearchCache): Promise<Vocabulary> {
  const [meta] = await db.query<{ value: string }>(`SELECT value::text AS value FROM search_meta WHERE key = 'vocabulary_version'`);
  const version = Number(meta?.value ?? 0);
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

async function vocabulary(db: Queryable, cache: SearchCache): Promise<Vocabulary> {
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

async function expand(db: Queryable, cache: SearchCache, tokens: string[]): Promise<Expansion[]> {
  if (tokens.length === 0) return [];
  const [vocab, stemmed] = await Promise.all([vocabulary(db, cache), stems(db, cache, tokens)]);
  return tokens.flatMap((word, i) => vocab.expandQueryWord(i + 1, word, stemmed[i]));
}

async function searchUncached(db: Queryable, cache: SearchCache, p: SearchParams, parsed: ParsedQuery, broad: BroadOptions): Promise<SearchResult> {
  const expansions = await expand(db, cache, parsed.tokens);
  return findContracts(db, p, parsed.idKey, expansions, broad);
}

/** The next search here reloads vocabulary and glossary (other instances see the version bump within VOCABULARY_CHECK_MS). */
export function invalidateSearchCache(db: Db): void {
  const cache = cacheFor(db);
  cache.checkedAt = 0;
  cache.results.clear();
}

/** Contract search: query expansion against the in-memory vocabulary, two-stage ranking in SQL, and a result cache per database. */
export function createContractSearchRepository(db: Db, broadOptions: Partial<BroadOptions> = {}) {
  const cache = cacheFor(db);
  const broad: BroadOptions = { hits: BROAD_HITS, minHead: BROAD_MIN_HEAD_HITS, ...broadOptions };

  async function searchWords(p: SearchParams, q: string): Promise<SearchResult> {
    const parsed = parseQuery(q);
    const key = JSON.stringify([cache.version, parsed.tokens, parsed.idKey, p.category, p.region, p.supplier, p.status, p.limit, p.offset, p.today]);
    const useCache = p.useCache !== false;
    const cached = useCache ? lruGet(cache.results, key) : undefined;
    if (cached) return cached;
    const result = await searchUncached(db, cache, { ...p, q }, parsed, broad);
    if (useCache) lruSet(cache.results, key, result, RESULT_CACHE_MAX);
    return result;
  }

  return {
    async search(p: SearchParams): Promise<SearchResult> {
      await vocabulary(db, cache); // brings cache.version up to date (and empties stale results)
      const asTyped = p.q ?? '';
      const english = toSwedish(asTyped, cache.glossary);
      const first = await searchWords(p, p.lang === 'en' ? english.text : asTyped);
      // Words the glossary knows, typed without saying they are English: tried in Swedish when nothing was found.
      if (first.total === 0 && p.lang !== 'en' && english.translated && english.complete) return searchWords(p, english.text);
      return first;
    },

    /** Makes the next search reload the vocabulary (call after an import has committed). */
    invalidateVocabulary(): void {
      cache.checkedAt = 0;
      cache.results.clear();
    },
  };
}

/** Rebuilds the vocabulary the query expansion reads from the search index itself. */
export async function refreshVocabulary(tx: Queryable): Promise<void> {
  // After a bulk write: merge the GIN index's pending list (otherwise every query scans it linearly;
  // the embedded database has no autovacuum to do it) and refresh planner statistics, without which
  // the planner guesses badly and falls back to sequential scans.
  await tx.query(`SELECT gin_clean_pending_list('contracts_search_vector_idx'::regclass)`);
  await tx.query(`SELECT gin_clean_pending_list('contract_search_vector_idx'::regclass)`);
  await tx.query(`SELECT gin_clean_pending_list('contract_search_head_idx'::regclass)`);
  await tx.query('ANALYZE contracts');
  await tx.query('ANALYZE contract_search');
  await tx.query('DELETE FROM search_terms');
  // contract_search holds exactly the catalogue's rows (removed contracts left out).
  await tx.query(`INSERT INTO search_terms (term, ndoc) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM contract_search')`);
  await tx.query(`UPDATE search_meta SET value = value + 1 WHERE key = 'vocabulary_version'`);
}
