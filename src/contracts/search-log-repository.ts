import { randomBytes } from 'node:crypto';
import { Db, Queryable, Tx, countTouched } from '../db';
import { SearchAggregate, personHash } from './search-log';

/**
 * The search log's tables (migrations 014, 016): counts per day and folded query, people as keyed hashes
 * for searches without a hit (with the id of the key that made them), and one key per period. Days and
 * periods follow the database clock, in Sweden.
 */
const TODAY = `(now() AT TIME ZONE 'Europe/Stockholm')::date`;
/** The first day of the key period today falls in ($1 = the period's length in days). */
const PERIOD_START = `(date '2000-01-01' + ((${TODAY} - date '2000-01-01') / $1::int) * $1::int)`;
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

/**
 * The current period's key: created by the first instance that needs it (the others read the same row);
 * every other key is deleted, so hashes of an earlier period can be neither recomputed nor linked.
 */
async function currentKey(tx: Queryable, periodDays: number): Promise<{ id: number; key: Buffer }> {
  await tx.query(`DELETE FROM search_log_keys WHERE period_start <> ${PERIOD_START}`, [periodDays]);
  await tx.query(
    `INSERT INTO search_log_keys (period_start, period_end, key) VALUES (${PERIOD_START}, ${PERIOD_START} + $1::int, $2)
     ON CONFLICT (period_start) DO NOTHING`,
    [periodDays, randomBytes(32)],
  );
  const [row] = await tx.query<{ id: number; key: Uint8Array }>(`SELECT id::int, key FROM search_log_keys WHERE period_start = ${PERIOD_START}`, [periodDays]);
  return { id: row.id, key: Buffer.from(row.key) };
}

/** Adds a flush's aggregates to today's counts and people, in one transaction. */
export async function writeSearches(db: Db, rows: readonly SearchAggregate[], periodDays: number): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    const stems = await stemsOf(tx, [...new Set(rows.map((r) => r.query))]);
    const stemOf = (query: string) => stems.get(query) ?? query;
    await tx.query(
      `INSERT INTO search_counts (day, query, stem, source, found, searches)
       SELECT ${TODAY}, r.query, r.stem, r.source, r.found, r.searches
       FROM jsonb_to_recordset($1::jsonb) AS r(query text, stem text, source text, found boolean, searches int)
       ON CONFLICT (day, query, source, found) DO UPDATE SET searches = search_counts.searches + EXCLUDED.searches`,
      [JSON.stringify(rows.map((r) => ({ query: r.query, stem: stemOf(r.query), source: r.source, found: r.found, searches: r.searches })))],
    );
    const people = rows.flatMap((r) => r.people.map((aadId) => ({ stem: stemOf(r.query), aadId })));
    if (people.length === 0) return;
    const { id, key } = await currentKey(tx, periodDays);
    const hashes = new Map(people.map(({ stem, aadId }) => {
      const h = personHash(key, stem, aadId).toString('hex');
      return [`${stem}|${h}`, { stem, h }];
    }));
    await tx.query(
      `INSERT INTO search_people (day, stem, person_hash, key_id)
       SELECT ${TODAY}, r.stem, decode(r.h, 'hex'), $2 FROM jsonb_to_recordset($1::jsonb) AS r(stem text, h text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify([...hashes.values()]), id],
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
       SELECT stem, sum(searches)::int AS searches, max(last_day) AS last_day, (array_agg(query ORDER BY searches DESC, query))[1] AS query
       FROM unmet GROUP BY stem
     ), people AS (
       SELECT stem, max(n)::int AS people FROM (
         SELECT p.stem, count(DISTINCT p.person_hash) AS n
         FROM search_people p, win WHERE p.day BETWEEN win.lo AND win.hi GROUP BY ${PER_KEY}
       ) per_key GROUP BY stem
     )
     SELECT g.query, g.searches, p.people
     FROM groups g JOIN people p ON p.stem = g.stem, win
     WHERE p.people >= $4
       AND NOT EXISTS (SELECT 1 FROM search_counts f WHERE f.found AND f.stem = g.stem AND f.day >= g.last_day AND f.day <= win.hi)
     ORDER BY p.people DESC, g.searches DESC, g.query
     LIMIT $5`,
    [from, to, days, minPeople, limit],
  );
}

/**
 * The contracts module's search-log purge: counts and people hashes older than the retention period,
 * and keys of ended periods (or older than the period). Without a key no hash can be recomputed.
 */
export async function purgeSearchLog(tx: Tx, days: number): Promise<Record<string, number>> {
  const before = `${TODAY} - $1::int`;
  return {
    searchCountsDeleted: await countTouched(tx, `DELETE FROM search_counts WHERE day < ${before}`, [days]),
    searchPeopleDeleted: await countTouched(tx, `DELETE FROM search_people WHERE day < ${before}`, [days]),
    searchKeysDeleted: await countTouched(
      tx,
      `DELETE FROM search_log_keys WHERE period_end <= ${TODAY} OR created_at < now() - ($1::int * interval '1 day')`,
      [days],
    ),
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
