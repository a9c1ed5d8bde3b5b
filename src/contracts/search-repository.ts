import { Db, Queryable } from '../db';
import { ContractRow, RENEWAL_JOIN, SELECT_COLUMNS, toView } from './contract-row';
import { ContractView, StatusFilter, EXPIRING_WITHIN_DAYS } from './model';
import { ParsedQuery, WordQueries, buildTsQueries, parseQuery } from './search-query';
import { toSwedish } from './glossary';
import { SearchCache, cacheFor, estimatedHits, expand, vocabulary } from './search-vocabulary-repository';

export { VOCABULARY_CHECK_MS, estimatedHits, invalidateSearchCache } from './search-vocabulary-repository';
import { addDays } from '../core/dates';
import { lruGet, lruSet } from '../util/lru';
import { cleanInput, foldText } from '../util/text';

export interface SearchParams {
  q?: string;
  category?: string;
  region?: string;
  supplier?: string;
  status?: StatusFilter;
  limit?: number;
  offset?: number;
  /** ISO day that statuses are computed against (default: today in Sweden). */
  today: string;
  /** 'en': the words go through the glossary first; else only when they find nothing and it knows them all ("gloves"). */
  lang?: 'sv' | 'en';
  /** Answer repeated searches from memory until the contracts change (default true; benchmarks turn it off). */
  useCache?: boolean;
  /** parseQuery(q), when the caller has read it already: a turn parses its query once. */
  parsed?: ParsedQuery;
}

export interface SearchResult {
  total: number;
  items: ContractView[];
  /**
   * Set on a broad query (see BROAD_HITS): `total` counts only the contracts that hold a query word in
   * the title, keywords or CPV codes, so more match in all (the card says "over …").
   */
  totalAtLeast?: true;
}

const RESULT_CACHE_MAX = 1000;
const RANK_WEIGHTS = '{0.1, 0.25, 0.45, 1.0}';
/** Stage 2 ranks this many hits beyond the requested page. */
const POOL_MARGIN = 40;
/**
 * A query the vocabulary says this many contracts may hold (its words' expansions together, an upper
 * bound) is broad: it is ranked among the current contracts that hold a query word in the title,
 * keywords or CPV codes (the "head" fields, weights A and B), and only those are counted. Scoring costs
 * CPU per hit, and at 100 000 contracts "läkemedel" is held by 9 757, of which 2 393 are such head hits.
 */
export const BROAD_HITS = 3000;
/**
 * A broad query falls back to ranking every hit when fewer head hits than this (or than its page needs)
 * are found: "more than 400" still says much where thousands match, a smaller figure would not.
 */
export const BROAD_MIN_HEAD_HITS = 400;
/** The fields a broad query's candidates hold a word in: title (A), keywords and CPV codes (B). Migration 024 indexes this expression. */
export const HEAD_VECTOR = `ts_filter(c.search_vector, '{a,b}')`;

/** What one search pass matches: the whole query's tsquery, each word's field queries, an exact contract id. */
interface Match {
  tsquery: string | null;
  words: WordQueries[];
  idKey: string | null;
  /**
   * Broad queries: a hit must also hold one of the query's words, as a strong match or its split reading,
   * in its head fields, and (unless expired ones are asked for) not be expired, since expired contracts
   * rank after every current one.
   */
  head?: string | null;
}

/** Appends a value to the query's parameters and returns its placeholder. */
type AddParam = (v: unknown) => string;

function statusClause(p: SearchParams, add: AddParam): string | null {
  switch (p.status ?? 'all') {
    case 'active':
      return 'c.valid_from <= $1::date AND c.valid_to >= $1::date';
    case 'expiring':
      return `c.valid_from <= $1::date AND c.valid_to >= $1::date AND c.valid_to <= ${add(addDays(p.today, EXPIRING_WITHIN_DAYS))}::date`;
    case 'expired':
      return 'c.valid_to < $1::date';
    default:
      return null;
  }
}

const ORG_NR = /^(\d{6})-?(\d{4})$/;

/**
 * The category, region, supplier and status filters ($1 is the day statuses are computed against), over
 * contract_search (migration 022), which holds only the catalogue: a contract a full export removed is history.
 */
function filterClauses(p: SearchParams, add: AddParam): string[] {
  const where: string[] = [];
  if (p.category) where.push(`c.category = ${add(p.category)}`);
  if (p.region) where.push(`${add(p.region)} = ANY (c.regions)`);
  if (p.supplier) {
    const orgNr = ORG_NR.exec(p.supplier.trim());
    // An organisation number is looked for among the suppliers' numbers, anything else in their names.
    // (the side table has no supplier numbers: they are looked up in contracts, a rare and narrow query)
    if (orgNr) where.push(`c.contract_id IN (SELECT k.contract_id FROM contracts k WHERE k.suppliers::text LIKE ${add(`%"${orgNr[1]}-${orgNr[2]}"%`)})`);
    else where.push(`c.supplier_key LIKE ${add('%' + foldText(cleanInput(p.supplier)).replace(/[\\%_]/g, (ch) => '\\' + ch) + '%')}`);
  }
  const status = statusClause(p, add);
  if (status) where.push(status);
  return where;
}

/** The WHERE conditions, plus the placeholders of the tsquery and the id that scoring refers to again. */
function whereClauses(p: SearchParams, match: Match, add: AddParam): { where: string[]; tsParam: string; idParam: string } {
  const matchParts: string[] = [];
  let tsParam = 'NULL::tsquery';
  if (match.tsquery) {
    tsParam = `${add(match.tsquery)}::tsquery`;
    // A broad query finds its hits by the head index: one word's head match implies the word; with more
    // words, the others are tested on those rows only (IS TRUE keeps the planner from scanning the large
    // index for them as well).
    if (!match.head) matchParts.push(`c.search_vector @@ ${tsParam}`);
    else if (match.words.length > 1) matchParts.push(`(c.search_vector @@ ${tsParam}) IS TRUE`);
    else matchParts.push(`${tsParam} IS NOT NULL`);
  }
  let idParam = 'NULL::text';
  if (match.idKey) {
    idParam = add(match.idKey);
    matchParts.push(`c.id_key = ${idParam}`);
  }
  const where: string[] = [];
  const hasQuery = p.q !== undefined && p.q.trim() !== '';
  if (hasQuery) where.push(matchParts.length > 0 ? `(${matchParts.join(' OR ')})` : 'false');
  if (match.head) {
    where.push(`${HEAD_VECTOR} @@ ${add(match.head)}::tsquery`);
    if (p.status !== 'expired') where.push('c.valid_to >= $1::date');
  }
  where.push(...filterClauses(p, add));
  return { where, tsParam, idParam };
}

/**
 * How each group of a word's expansions scores, by ts_rank with weights {D, C, B, A}: description,
 * suppliers and category, keywords and CPV codes, title. A strong match (exact, prefix, compound head)
 * is worth 6 in the title, 3 in keywords, 1.5 in a supplier's or the category's name, 0.5 in the
 * description; a weak one (modifier inside a compound, typo) 2.5 / 2.5 / 1.5 / 0.5. The exact stem
 * adds 2 in the title, 1 in keywords. `cap` bounds the rank (1 = one match in the best field) so
 * that many compounds of one word ("etikettskrivare och armbandsskrivare") count as one match with a
 * bonus, not as several words.
 */
const GROUPS = {
  strong: { weights: '{0.0833, 0.25, 0.5, 1}', scale: 6, cap: 1.2 },
  weak: { weights: '{0.2, 0.6, 1, 1}', scale: 2.5, cap: 1.2 },
  exact: { weights: '{0, 0, 0.5, 1}', scale: 2, cap: 1.2 },
} as const;
/** A compound written apart, all its parts in the title or keywords. */
const SPLIT_SCORE = 4.5;
/**
 * ts_rank of an OR query: per matched lexeme, (its best weight + each further occurrence's weight
 * / (j+1)²) / this constant, summed and divided by the number of operands. Multiplying both back
 * gives "best field + a quarter of the next, a ninth of the one after".
 */
const RANK_OR_NORM = 1.64493406685;

function groupSql(w: WordQueries, key: keyof typeof GROUPS, add: AddParam): string | null {
  const query = w[key];
  if (!query) return null;
  const { weights, scale, cap } = GROUPS[key];
  const factor = (w.operands[key] * RANK_OR_NORM).toFixed(6);
  return `${scale} * LEAST(${factor} * ts_rank('${weights}', c.search_vector, ${add(query)}::tsquery), ${cap})`;
}

// Score in two stages. Stage 1, over every hit, per query word: the best of its strong, weak and
// split matches, plus the exact-stem bonus. ts_rank's further occurrences add the bonus for more
// fields (title and description > title alone > category alone). Its cost per contract grows with
// its operands, so the groups stay small: a prefix family is one operand, and a word thousands of
// contracts hold is scored by its commonest expansions (SCORING_BUDGET). The split reading is one
// @@ test, which stops at its first missing part.
// Stage 2, over a pool just larger than the page: ts_rank over the whole query breaks ties.
function scoreSql(match: Match, add: AddParam): string {
  const words = match.words.map((w) => {
    const best = [groupSql(w, 'strong', add), groupSql(w, 'weak', add)].filter((x) => x !== null);
    if (w.split) best.push(`CASE WHEN c.search_vector @@ ${add(w.split)}::tsquery THEN ${SPLIT_SCORE} ELSE 0 END`);
    const exact = groupSql(w, 'exact', add);
    const main = best.length > 1 ? `GREATEST(${best.join(', ')})` : (best[0] ?? '0');
    return exact ? `${main} + ${exact}` : main;
  });
  return words.length > 0 ? words.map((x) => `(${x})`).join(' + ') : '0';
}

/**
 * Stage 1 scores every hit into a pool, stage 2 ranks the pool, cuts the page and joins its columns.
 * Stage 1 reads the narrow side table contract_search (a few hundred bytes a row, against over a
 * kilobyte in contracts), so a broad query reads far fewer pages; only the page's rows are read from
 * contracts. The hits are fenced (OFFSET 0) so that only their narrow rows, not the tsvectors, pass
 * through the window that counts them and the top-N sort.
 */
function pageSql(q: { where: string[]; idParam: string; score: string; rank: string; limit: number; offset: number }, add: AddParam): string {
  const whereSql = q.where.length > 0 ? 'WHERE ' + q.where.join(' AND ') : '';
  const poolSize = add(q.offset + q.limit + POOL_MARGIN);
  const limitParam = add(q.limit);
  const offsetParam = add(q.offset);
  const order = 'pool.exact_id DESC, pool.expired ASC, pool.score DESC';
  return `
      WITH hits AS (
        SELECT c.contract_id, c.title, (c.id_key = ${q.idParam}) IS TRUE AS exact_id, (c.valid_to < $1::date) AS expired,
               (${q.score})::float8 AS score
        FROM contract_search c ${whereSql}
        OFFSET 0
      ), pool AS (
        SELECT hits.*, count(*) OVER ()::int AS total
        FROM hits
        ORDER BY exact_id DESC, expired ASC, score DESC, title ASC, contract_id ASC
        LIMIT ${poolSize}
      )
      SELECT ${SELECT_COLUMNS}, pool.total
      FROM pool JOIN contracts c ON c.contract_id = pool.contract_id JOIN categories cat ON cat.slug = c.category ${RENEWAL_JOIN}
      ORDER BY ${order}, ${q.rank} DESC, pool.title ASC, pool.contract_id ASC
      LIMIT ${limitParam} OFFSET ${offsetParam}`;
}

async function runSearch(db: Queryable, p: SearchParams, match: Match): Promise<{ total: number; rows: ContractRow[] }> {
  const params: unknown[] = [p.today];
  const add: AddParam = (v) => {
    params.push(v);
    return `$${params.length}`;
  };
  const { where, tsParam, idParam } = whereClauses(p, match, add);
  const whereParamCount = params.length;
  const score = scoreSql(match, add);
  const rank = match.tsquery ? `ts_rank('${RANK_WEIGHTS}', c.search_vector, ${tsParam})` : '0::float4';
  const offset = p.offset ?? 0;
  const sql = pageSql({ where, idParam, score, rank, limit: p.limit ?? 10, offset }, add);
  const rows = await db.query<ContractRow>(sql, params);
  if (rows.length === 0 && offset > 0) {
    // Past the last page: still report the total.
    const countRows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contract_search c WHERE ${['$1::date IS NOT NULL', ...where].join(' AND ')}`,
      params.slice(0, whereParamCount),
    );
    return { total: countRows[0]?.n ?? 0, rows };
  }
  return { total: rows[0]?.total ?? 0, rows };
}

/** A word's strong expansions and its split reading (each part in the title or keywords): what a head hit holds. */
function headQuery(words: WordQueries[]): string {
  return words.map((w) => [w.strong, w.split].filter((x) => x !== null).join(' | ') || w.any).join(' | ');
}

/**
 * A broad query, ranked among the hits that hold a query word in the title, keywords or CPV codes. A
 * contract that only mentions the words in its description, category or supplier name scores below one
 * that has them in its title, so the first pages are the same as when every hit is ranked. null when
 * too few hits have the words there (then every hit is ranked).
 */
async function runBroad(db: Queryable, p: SearchParams, match: Match, minHead: number): Promise<{ total: number; rows: ContractRow[] } | null> {
  const res = await runSearch(db, p, match);
  const needed = Math.max(minHead, (p.offset ?? 0) + (p.limit ?? 10));
  return res.total >= needed ? res : null;
}

async function searchUncached(db: Queryable, cache: SearchCache, p: SearchParams, parsed: ParsedQuery, broad: BroadOptions): Promise<SearchResult> {
  const expansions = await expand(db, cache, parsed.tokens);
  const q = buildTsQueries(expansions);
  if (q.all && !parsed.idKey && estimatedHits(expansions) >= broad.hits) {
    // Every word must match, and one of them strongly in the head fields.
    const head = await runBroad(db, p, { tsquery: q.all, words: q.words, idKey: null, head: headQuery(q.words) }, broad.minHead);
    if (head) return { total: head.total, items: head.rows.map((r) => toView(r, p.today)), totalAtLeast: true };
  }
  let res = await runSearch(db, p, { tsquery: q.all, words: q.words, idKey: parsed.idKey });
  // Several words and nothing has them all: fall back to contracts that have any of them.
  if (res.total === 0 && q.any && q.any !== q.all) {
    res = await runSearch(db, p, { tsquery: q.any, words: q.words, idKey: parsed.idKey });
  }
  return { total: res.total, items: res.rows.map((r) => toView(r, p.today)) };
}

/** When a query counts as broad (tests lower these to reach the broad path with a few contracts). */
export interface BroadOptions {
  /** Estimated hits from which a query is broad (default BROAD_HITS). */
  hits: number;
  /** Head hits a broad query needs, else every hit is ranked (default BROAD_MIN_HEAD_HITS). */
  minHead: number;
}

/** Contract search: query expansion against the in-memory vocabulary, two-stage ranking in SQL, and a result cache per database. */
export function createContractSearchRepository(db: Db, broadOptions: Partial<BroadOptions> = {}) {
  const cache = cacheFor(db);
  const broad: BroadOptions = { hits: BROAD_HITS, minHead: BROAD_MIN_HEAD_HITS, ...broadOptions };

  async function searchWords(p: SearchParams, q: string): Promise<SearchResult> {
    const parsed = p.parsed && q === p.q ? p.parsed : parseQuery(q);
    const key = JSON.stringify([cache.version, cache.epoch, parsed.tokens, parsed.idKey, p.category, p.region, p.supplier, p.status, p.limit, p.offset, p.today]);
    const useCache = p.useCache !== false;
    const cached = useCache ? (lruGet(cache.results, key) as SearchResult | undefined) : undefined;
    if (cached) return cached;
    const result = await searchUncached(db, cache, { ...p, q }, parsed, broad);
    if (useCache) lruSet(cache.results, key, result, RESULT_CACHE_MAX);
    return result;
  }

  return {
    async search(p: SearchParams): Promise<SearchResult> {
      await vocabulary(db, cache); // brings cache.version up to date (and empties stale results)
      const asTyped = p.q ?? '';
      const first = await searchWords(p, p.lang === 'en' ? toSwedish(asTyped, cache.glossary).text : asTyped);
      if (first.total > 0 || p.lang === 'en') return first;
      // Words the glossary knows, typed without saying they are English: tried in Swedish when nothing was found.
      const english = toSwedish(asTyped, cache.glossary);
      return english.translated && english.complete ? searchWords(p, english.text) : first;
    },

    /** Makes the next search reload the vocabulary and read its page afresh (after an import or a case change has committed). */
    invalidateVocabulary(): void {
      cache.checkedAt = 0;
      cache.results.clear();
      cache.epoch++;
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
