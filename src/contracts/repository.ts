import { Db, Queryable } from '../db';
import { Contract, ContractView, StatusFilter, Supplier, addDays, contractStatus, EXPIRING_WITHIN_DAYS } from './model';
import { Expansion, WordQueries, buildTsQueries, parseQuery } from './search-query';
import { cleanInput, foldText } from './text';
import { Vocabulary, VocabularyTerm } from './vocabulary';

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
  /** Answer repeated searches from memory until the contracts change (default true; benchmarks turn it off). */
  useCache?: boolean;
}

export interface SearchResult {
  total: number;
  items: ContractView[];
}

export interface CategoryCount {
  slug: string;
  name: { sv: string; en: string };
  count: number;
  active: number;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
}

interface ContractRow {
  contract_id: string;
  title: string;
  description: string;
  category: string;
  category_sv: string;
  category_en: string;
  suppliers: Supplier[];
  keywords: string[];
  cpv_codes: string[];
  valid_from: string;
  valid_to: string;
  max_extension_to: string | null;
  regions: string[];
  ordering_method: string;
  contact_name: string | null;
  contact_email: string | null;
  url: string | null;
  contract_type: string;
  total?: number;
}

const SELECT_COLUMNS = `c.contract_id, c.title, c.description, c.category, cat.name_sv AS category_sv, cat.name_en AS category_en,
  c.suppliers, c.keywords, c.cpv_codes, c.valid_from, c.valid_to, c.max_extension_to, c.regions, c.ordering_method,
  c.contact_name, c.contact_email, c.url, c.contract_type`;

function toView(r: ContractRow, today: string): ContractView {
  const contract = {
    contractId: r.contract_id,
    title: r.title,
    description: r.description,
    category: r.category,
    suppliers: r.suppliers,
    keywords: r.keywords,
    cpvCodes: r.cpv_codes,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxExtensionTo: r.max_extension_to,
    regions: r.regions,
    orderingMethod: r.ordering_method,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    url: r.url,
    contractType: r.contract_type,
  } as Contract;
  return { ...contract, status: contractStatus(contract, today), categoryName: { sv: r.category_sv, en: r.category_en } };
}

/** How often an instance asks whether another instance has rebuilt the vocabulary. */
export const VOCABULARY_CHECK_MS = 2000;
const STEM_CACHE_MAX = 20_000;

interface SearchCache {
  vocabulary?: Vocabulary;
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

const RANK_WEIGHTS = '{0.1, 0.25, 0.45, 1.0}';
/** Stage 2 ranks this many hits beyond the requested page. */
const POOL_MARGIN = 40;

export function createContractRepository(db: Db) {
  const cache: SearchCache = caches.get(db) ?? { version: -1, checkedAt: 0, stems: new Map(), results: new Map() };
  caches.set(db, cache);

  async function vocabulary(): Promise<Vocabulary> {
    const now = Date.now();
    if (cache.vocabulary && now - cache.checkedAt < VOCABULARY_CHECK_MS) return cache.vocabulary;
    if (cache.loading) return cache.loading;
    cache.loading = (async () => {
      const [meta] = await db.query<{ value: string }>(`SELECT value::text AS value FROM search_meta WHERE key = 'vocabulary_version'`);
      const version = Number(meta?.value ?? 0);
      if (!cache.vocabulary || version !== cache.version) {
        const terms = await db.query<VocabularyTerm>('SELECT term, ndoc FROM search_terms');
        cache.vocabulary = new Vocabulary(terms);
        cache.version = version;
        cache.results.clear();
      }
      cache.checkedAt = Date.now();
      return cache.vocabulary;
    })().finally(() => {
      cache.loading = undefined;
    });
    return cache.loading;
  }

  /** Swedish stems from the same text-search configuration that built the index; cached, since a word's stem never changes. */
  async function stems(words: string[]): Promise<string[]> {
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

  async function expand(tokens: string[]): Promise<Expansion[]> {
    if (tokens.length === 0) return [];
    const [vocab, stemmed] = await Promise.all([vocabulary(), stems(tokens)]);
    return tokens.flatMap((word, i) => vocab.expandWord(i + 1, word, stemmed[i]));
  }

  async function runSearch(p: SearchParams, match: { tsquery: string | null; words: WordQueries[]; idKey: string | null; fallback: boolean }) {
    const where: string[] = [];
    const params: unknown[] = [p.today];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const matchParts: string[] = [];
    let tsParam = 'NULL::tsquery';
    if (match.tsquery) {
      tsParam = `${add(match.tsquery)}::tsquery`;
      matchParts.push(`c.search_vector @@ ${tsParam}`);
    }
    let idParam = 'NULL::text';
    if (match.idKey) {
      idParam = add(match.idKey);
      matchParts.push(`c.id_key = ${idParam}`);
    }
    const hasQuery = p.q !== undefined && p.q.trim() !== '';
    if (hasQuery) where.push(matchParts.length > 0 ? `(${matchParts.join(' OR ')})` : 'false');
    if (p.category) where.push(`c.category = ${add(p.category)}`);
    if (p.region) where.push(`${add(p.region)} = ANY (c.regions)`);
    if (p.supplier) where.push(`c.supplier_key LIKE ${add('%' + foldText(cleanInput(p.supplier)).replace(/[\\%_]/g, (ch) => '\\' + ch) + '%')}`);
    switch (p.status ?? 'all') {
      case 'active':
        where.push('c.valid_from <= $1::date AND c.valid_to >= $1::date');
        break;
      case 'expiring':
        where.push(`c.valid_from <= $1::date AND c.valid_to >= $1::date AND c.valid_to <= ${add(addDays(p.today, EXPIRING_WITHIN_DAYS))}::date`);
        break;
      case 'expired':
        where.push('c.valid_to < $1::date');
        break;
      default:
        break;
    }
    const whereSql = where.length > 0 ? 'WHERE ' + where.join(' AND ') : '';
    const whereParamCount = params.length;

    // Score in two stages. Stage 1, over every hit: per query word, the best field class it appears in
    // (title 6, keywords/CPV 3, title by a typo or as a compound's modifier 2.5, supplier/category 1.5,
    // description 0.5) plus 2 for its exact stem in the title or keywords. Cheap @@ tests only, so broad words stay fast at 100 000 contracts.
    // Stage 2, over a pool just larger than the page: ts_rank breaks ties (how often, how many fields).
    const wordScores = match.words.map((w) => {
      const v = 'c.search_vector @@ ';
      const weakTitle = w.titleWeak ? ` WHEN ${v}${add(w.titleWeak)}::tsquery THEN 2.5` : '';
      const anyField = match.fallback ? ` WHEN ${v}${add(w.any)}::tsquery THEN 0.5 ELSE 0` : ' ELSE 0.5';
      const strongTitle = w.title ? ` WHEN ${v}${add(w.title)}::tsquery THEN 6` : '';
      const cls =
        `CASE${strongTitle} WHEN ${v}${add(w.keywords)}::tsquery THEN 3` +
        `${weakTitle} WHEN ${v}${add(w.supplier)}::tsquery THEN 1.5${anyField} END`;
      return w.exact ? `${cls} + CASE WHEN c.search_vector @@ ${add(w.exact)}::tsquery THEN 2 ELSE 0 END` : cls;
    });
    const score = wordScores.length > 0 ? wordScores.map((w) => `(${w})`).join(' + ') : '0';
    const rank = match.tsquery ? `ts_rank('${RANK_WEIGHTS}', c.search_vector, ${tsParam})` : '0::float4';
    const limit = p.limit ?? 10;
    const offset = p.offset ?? 0;
    const poolSize = add(offset + limit + POOL_MARGIN);
    const limitParam = add(limit);
    const offsetParam = add(offset);
    const order = 'exact_id DESC, expired ASC, score DESC';
    const sql = `
      WITH pool AS (
        SELECT c.contract_id, c.title, (c.id_key = ${idParam}) IS TRUE AS exact_id, (c.valid_to < $1::date) AS expired,
               (${score})::float8 AS score, count(*) OVER ()::int AS total
        FROM contracts c ${whereSql}
        ORDER BY ${order}, c.title ASC, c.contract_id ASC
        LIMIT ${poolSize}
      ), page AS (
        SELECT pool.*, ${rank} AS rank
        FROM pool JOIN contracts c ON c.contract_id = pool.contract_id
        ORDER BY ${order}, rank DESC, pool.title ASC, pool.contract_id ASC
        LIMIT ${limitParam} OFFSET ${offsetParam}
      )
      SELECT ${SELECT_COLUMNS}, page.total
      FROM page JOIN contracts c ON c.contract_id = page.contract_id JOIN categories cat ON cat.slug = c.category
      ORDER BY page.${order.replace(/, /g, ', page.')}, page.rank DESC, page.title ASC, page.contract_id ASC`;
    const rows = await db.query<ContractRow>(sql, params);
    if (rows.length === 0 && offset > 0) {
      // Past the last page: still report the total.
      const countRows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM contracts c WHERE ${['$1::date IS NOT NULL', ...where].join(' AND ')}`,
        params.slice(0, whereParamCount),
      );
      return { total: countRows[0]?.n ?? 0, rows };
    }
    return { total: rows[0]?.total ?? 0, rows };
  }

  return {
    async search(p: SearchParams): Promise<SearchResult> {
      const parsed = parseQuery(p.q ?? '');
      await vocabulary(); // brings cache.version up to date (and empties stale results)
      const key = JSON.stringify([cache.version, parsed.tokens, parsed.idKey, p.category, p.region, p.supplier, p.status, p.limit, p.offset, p.today]);
      const useCache = p.useCache !== false;
      const cached = useCache ? cache.results.get(key) : undefined;
      if (cached) {
        // Refresh its place in the LRU order.
        cache.results.delete(key);
        cache.results.set(key, cached);
        return cached;
      }
      const expansions = await expand(parsed.tokens);
      const q = buildTsQueries(expansions);
      let res = await runSearch(p, { tsquery: q.all, words: q.words, idKey: parsed.idKey, fallback: false });
      // Several words and nothing has them all: fall back to contracts that have any of them.
      if (res.total === 0 && q.any && q.any !== q.all) {
        res = await runSearch(p, { tsquery: q.any, words: q.words, idKey: parsed.idKey, fallback: true });
      }
      const result = { total: res.total, items: res.rows.map((r) => toView(r, p.today)) };
      if (useCache) {
        cache.results.set(key, result);
        if (cache.results.size > RESULT_CACHE_MAX) cache.results.delete(cache.results.keys().next().value as string);
      }
      return result;
    },

    async get(contractId: string, today: string): Promise<ContractView | null> {
      // PostgreSQL text cannot hold NUL or a lone surrogate: such an id matches nothing (rather than failing the query).
      if (contractId.includes('\u0000') || /\p{Surrogate}/u.test(contractId)) return null;
      const rows = await db.query<ContractRow>(
        `SELECT ${SELECT_COLUMNS} FROM contracts c JOIN categories cat ON cat.slug = c.category WHERE c.id_key = $1`,
        [contractId.trim().toLowerCase()],
      );
      return rows[0] ? toView(rows[0], today) : null;
    },

    async count(): Promise<number> {
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contracts');
      return rows[0]?.n ?? 0;
    },

    async categories(today: string): Promise<CategoryCount[]> {
      const rows = await db.query<{ slug: string; name_sv: string; name_en: string; count: number; active: number }>(
        `SELECT cat.slug, cat.name_sv, cat.name_en, count(c.contract_id)::int AS count,
                count(c.contract_id) FILTER (WHERE c.valid_from <= $1::date AND c.valid_to >= $1::date)::int AS active
         FROM categories cat LEFT JOIN contracts c ON c.category = cat.slug
         GROUP BY cat.slug, cat.name_sv, cat.name_en, cat.sort_order ORDER BY cat.sort_order`,
        [today],
      );
      return rows.map((r) => ({ slug: r.slug, name: { sv: r.name_sv, en: r.name_en }, count: r.count, active: r.active }));
    },

    /** Inserts or updates by contract id (case-insensitive), then rebuilds the search vocabulary. Run inside a transaction. */
    async upsertMany(tx: Queryable, contracts: Contract[]): Promise<UpsertResult> {
      let inserted = 0;
      let updated = 0;
      const BATCH = 1000;
      for (let i = 0; i < contracts.length; i += BATCH) {
        const batch = contracts.slice(i, i + BATCH).map((c) => ({
          contract_id: c.contractId,
          title: c.title,
          description: c.description,
          category: c.category,
          suppliers: c.suppliers,
          supplier_names: c.suppliers.map((s) => s.name),
          keywords: c.keywords,
          cpv_codes: c.cpvCodes,
          valid_from: c.validFrom,
          valid_to: c.validTo,
          max_extension_to: c.maxExtensionTo,
          regions: c.regions,
          ordering_method: c.orderingMethod,
          contact_name: c.contactName,
          contact_email: c.contactEmail,
          url: c.url,
          contract_type: c.contractType,
        }));
        const rows = await tx.query<{ inserted: boolean }>(
          `INSERT INTO contracts (contract_id, id_key, title, description, category, suppliers, supplier_names, keywords, cpv_codes,
             valid_from, valid_to, max_extension_to, regions, ordering_method, contact_name, contact_email, url, contract_type)
           SELECT r.contract_id, lower(r.contract_id), r.title, r.description, r.category, r.suppliers, r.supplier_names, r.keywords,
             r.cpv_codes, r.valid_from, r.valid_to, r.max_extension_to, r.regions, r.ordering_method, r.contact_name,
             r.contact_email, r.url, r.contract_type
           FROM jsonb_to_recordset($1::jsonb) AS r(contract_id text, title text, description text, category text, suppliers jsonb,
             supplier_names text[], keywords text[], cpv_codes text[], valid_from date, valid_to date, max_extension_to date,
             regions text[], ordering_method text, contact_name text, contact_email text, url text, contract_type text)
           ON CONFLICT (id_key) DO UPDATE SET
             contract_id = EXCLUDED.contract_id, title = EXCLUDED.title, description = EXCLUDED.description,
             category = EXCLUDED.category, suppliers = EXCLUDED.suppliers, supplier_names = EXCLUDED.supplier_names,
             keywords = EXCLUDED.keywords, cpv_codes = EXCLUDED.cpv_codes, valid_from = EXCLUDED.valid_from,
             valid_to = EXCLUDED.valid_to, max_extension_to = EXCLUDED.max_extension_to, regions = EXCLUDED.regions,
             ordering_method = EXCLUDED.ordering_method, contact_name = EXCLUDED.contact_name,
             contact_email = EXCLUDED.contact_email, url = EXCLUDED.url, contract_type = EXCLUDED.contract_type
           RETURNING (xmax = 0) AS inserted`,
          [JSON.stringify(batch)],
        );
        for (const r of rows) {
          if (r.inserted) inserted++;
          else updated++;
        }
      }
      await refreshVocabulary(tx);
      cache.checkedAt = 0;
      cache.results.clear();
      return { inserted, updated };
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
  await tx.query('ANALYZE contracts');
  await tx.query('DELETE FROM search_terms');
  await tx.query(`INSERT INTO search_terms (term, ndoc) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM contracts')`);
  await tx.query(`UPDATE search_meta SET value = value + 1 WHERE key = 'vocabulary_version'`);
}

export type ContractRepository = ReturnType<typeof createContractRepository>;
