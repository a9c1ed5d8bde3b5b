import { Db, Queryable, Tx, countTouched } from '../db';
import { SearchAggregate, personHash } from './search-log';
import { keyedText, periodKey } from './search-log-secret';

/**
 * The search log's tables (migrations 014, 016, 017): counts per day and folded query, people as keyed
 * hashes for searches without a hit (with the number of the key period that made them). No key is stored:
 * each is derived from the secret outside the database. A stem is always stored as its keyed hash, and a
 * query's text only once at least `minPeople` people searched its stem (until then its keyed hash), so text
 * few people typed is never written. Days and periods follow the database clock, in Sweden.
 */
const TODAY = `(now() AT TIME ZONE 'Europe/Stockholm')::date`;
/** The number of the key period today falls in ($1 = the period's length in days). */
const PERIOD = `((${TODAY} - date '2000-01-01') / $1::int)`;
/**
 * People rows hashed under one key (alias p): one person has one hash per stem and key, so distinct hashes
 * are counted per key, never across keys. Rows from before migration 016 (no key id) count per day.
 */
const PER_KEY = `p.stem, p.key_id, CASE WHEN p.key_id IS NULL THEN p.day END`;

/**
 * The query's Swedish stems from the configuration that built the index and stems the search's own
 * query words (inkop_sv: stop words, unaccent, swedish_stem), sorted and without repeats; the query
 * itself when nothing is left.
 */
async function stemsOf(q: Queryable, queries: string[]): Promise<Map<string, string>> {
  const rows = await q.query<{ query: string; stem: string }>(
    `SELECT w AS query, coalesce(nullif(array_to_string(tsvector_to_array(to_tsvector('inkop_sv', w)), ' '), ''), w) AS stem
     FROM unnest($1::text[]) AS w`,
    [queries],
  );
  return new Map(rows.map((r) => [r.query, r.stem]));
}

export interface SearchLogWrite {
  /** The secret outside the database that every hash is keyed with. */
  secret: Buffer;
  /** The people count's key period in days. */
  periodDays: number;
  /** UNMET_MIN_PEOPLE: from this many people on, a stem's queries are written as text. */
  minPeople: number;
  /** The report window: people counted towards minPeople within it. */
  windowDays: number;
}

/**
 * Adds a flush's aggregates to today's counts and people, in one transaction: people first, then the
 * counts, each query as text when its stem has reached `minPeople` people under one key in the window
 * (turning that query's earlier hashed rows into text too), else as its keyed hash.
 */
export async function writeSearches(db: Db, rows: readonly SearchAggregate[], opts: SearchLogWrite): Promise<void> {
  if (rows.length === 0) return;
  const { secret } = opts;
  await db.transaction(async (tx) => {
    const stems = await stemsOf(tx, [...new Set(rows.map((r) => r.query))]);
    const stemOf = (query: string) => keyedText(secret, 'stem', stems.get(query) ?? query);
    const people = rows.flatMap((r) => r.people.map((aadId) => ({ stem: stemOf(r.query), aadId })));
    if (people.length > 0) {
      const [{ period }] = await tx.query<{ period: number }>(`SELECT ${PERIOD}::int AS period`, [opts.periodDays]);
      const key = periodKey(secret, period);
      const hashes = new Map(people.map(({ stem, aadId }) => {
        const h = personHash(key, stem, aadId).toString('hex');
        return [`${stem}|${h}`, { stem, h }];
      }));
      await tx.query(
        `INSERT INTO search_people (day, stem, person_hash, key_id)
         SELECT ${TODAY}, r.stem, decode(r.h, 'hex'), $2 FROM jsonb_to_recordset($1::jsonb) AS r(stem text, h text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify([...hashes.values()]), period],
      );
    }
    const reachedRows = await tx.query<{ stem: string }>(
      `SELECT stem FROM (
         SELECT p.stem, count(DISTINCT p.person_hash) AS n FROM search_people p
         WHERE p.stem = ANY($1::text[]) AND p.day > ${TODAY} - $2::int GROUP BY ${PER_KEY}
       ) per_key WHERE n >= $3 GROUP BY stem`,
      [[...new Set(rows.map((r) => stemOf(r.query)))], opts.windowDays, opts.minPeople],
    );
    const reached = new Set(reachedRows.map((r) => r.stem));
    const shown = (query: string) => (reached.has(stemOf(query)) ? query : keyedText(secret, 'query', query));
    const nowText = [...new Set(rows.map((r) => r.query).filter((q) => reached.has(stemOf(q))))];
    if (nowText.length > 0) {
      await tx.query(
        `UPDATE search_counts c SET query = r.query
         FROM jsonb_to_recordset($1::jsonb) AS r(query text, h text) WHERE c.query = r.h`,
        [JSON.stringify(nowText.map((query) => ({ query, h: keyedText(secret, 'query', query) })))],
      );
    }
    await tx.query(
      `INSERT INTO search_counts (day, query, stem, source, found, searches)
       SELECT ${TODAY}, r.query, r.stem, r.source, r.found, r.searches
       FROM jsonb_to_recordset($1::jsonb) AS r(query text, stem text, source text, found boolean, searches int)
       ON CONFLICT (day, query, source, found) DO UPDATE SET searches = search_counts.searches + EXCLUDED.searches`,
      [JSON.stringify(rows.map((r) => ({ query: shown(r.query), stem: stemOf(r.query), source: r.source, found: r.found, searches: r.searches })))],
    );
  });
}

/** Which days a report covers: the last `days` days up to today, or from … to (both ISO days). */
export type ReportPeriod = { days: number } | { from: string; to: string };

export interface UnmetSearch {
  /** The group's commonest folded query. */
  query: string;
  /** Searches without a hit in the period (chat, message extension and REST). */
  searches: number;
  /**
   * Different people who searched without a hit in Teams: the most under any one key in the period (a
   * person's hash changes when the key rotates), so it may fall short at a rotation but never over-counts.
   */
  people: number;
}

/**
 * Queries, grouped by stem, that at least `minPeople` different people searched without a hit in the
 * period, most people first. A group whose search found contracts on or after its last unmet day (a
 * contract has come since) is left out.
 */
export async function unmetSearches(q: Queryable, period: ReportPeriod, minPeople: number, limit: number | null = null): Promise<UnmetSearch[]> {
  const [from, to, days] = 'days' in period ? [null, null, period.days] : [period.from, period.to, null];
  return q.query<UnmetSearch>(
    `WITH win AS (
       SELECT coalesce($1::date, ${TODAY} - ($3::int - 1)) AS lo, coalesce($2::date, ${TODAY}) AS hi
     ), unmet AS (
       SELECT c.stem, c.query, sum(c.searches)::int AS searches, max(c.day) AS last_day
       FROM search_counts c, win WHERE NOT c.found AND c.day BETWEEN win.lo AND win.hi GROUP BY c.stem, c.query
     ), groups AS (
       SELECT stem, sum(searches)::int AS searches, max(last_day) AS last_day,
              (array_agg(query ORDER BY searches DESC, query) FILTER (WHERE query NOT LIKE '#%'))[1] AS query
       FROM unmet GROUP BY stem
     ), people AS (
       SELECT stem, max(n)::int AS people FROM (
         SELECT p.stem, count(DISTINCT p.person_hash) AS n
         FROM search_people p, win WHERE p.day BETWEEN win.lo AND win.hi GROUP BY ${PER_KEY}
       ) per_key GROUP BY stem
     )
     SELECT g.query, g.searches, p.people
     FROM groups g JOIN people p ON p.stem = g.stem, win
     WHERE p.people >= $4 AND g.query IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM search_counts f WHERE f.found AND f.stem = g.stem AND f.day >= g.last_day AND f.day <= win.hi)
     ORDER BY p.people DESC, g.searches DESC, g.query
     LIMIT $5`,
    [from, to, days, minPeople, limit],
  );
}

/**
 * The contracts module's search-log purge: counts and people hashes older than the retention period
 * (no key is stored: each is derived from the secret outside the database).
 */
export async function purgeSearchLog(tx: Tx, days: number): Promise<Record<string, number>> {
  const before = `${TODAY} - $1::int`;
  return {
    searchCountsDeleted: await countTouched(tx, `DELETE FROM search_counts WHERE day < ${before}`, [days]),
    searchPeopleDeleted: await countTouched(tx, `DELETE FROM search_people WHERE day < ${before}`, [days]),
  };
}

/**
 * Forgets the query text of searches too few people made, once they are older than the report window
 * (`windowDays`): counts and people rows of every stem that fewer than `minPeople` people searched for
 * without a hit under any one key (found and REST-only searches have no people). Such a query may be a
 * name typed by mistake; no report could list it. Stems that reached `minPeople` keep their history.
 */
export async function forgetRareSearches(q: Queryable, windowDays: number, minPeople: number): Promise<{ counts: number; people: number }> {
  const [row] = await q.query<{ counts: number; people: number }>(
    `WITH common AS (
       SELECT stem FROM (SELECT p.stem, count(DISTINCT p.person_hash) AS n FROM search_people p GROUP BY ${PER_KEY}) per_key
       WHERE n >= $2 GROUP BY stem
     ), counts AS (
       DELETE FROM search_counts c WHERE c.day <= ${TODAY} - $1::int AND c.stem NOT IN (SELECT stem FROM common) RETURNING 1
     ), people AS (
       DELETE FROM search_people p WHERE p.day <= ${TODAY} - $1::int AND p.stem NOT IN (SELECT stem FROM common) RETURNING 1
     )
     SELECT (SELECT count(*) FROM counts)::int AS counts, (SELECT count(*) FROM people)::int AS people`,
    [windowDays, minPeople],
  );
  return row;
}
