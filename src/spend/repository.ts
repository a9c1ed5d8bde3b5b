import { Queryable, Tx, countTouched } from '../db';
import { Postings } from './read/ledger';
import { AccountRange, FigureRow, SupplierRow, AreaRow } from './model';
import { monthBounds } from './year-build-repository';

/** All SQL of the spend capability: postings, the import log and the yearly figures (ledgers waiting for their preview card's button are in src/imports/). */

/**
 * The contract catalogue as one row per contract, supplier and region it covers, for the matching:
 * the supplier's org number and its name as a key (lower case, trimmed).
 */
const CATALOGUE_ROWS = `
  SELECT r.region, c.contract_id, c.category, c.valid_from, c.valid_to, s->>'orgNr' AS orgnr, lower(trim(s->>'name')) AS name_key
  FROM contracts c CROSS JOIN LATERAL jsonb_array_elements(c.suppliers) s CROSS JOIN LATERAL unnest(c.regions) r(region)
  WHERE r.region = ANY ($1::text[])`;

/** A region's catalogue as a fingerprint: any change to a contract, supplier, date or region that covers it changes it. */
const fingerprintOf = (source: string) => `
  SELECT region, md5(string_agg(line, E'\\n' ORDER BY line)) AS v FROM (
    SELECT region, concat_ws('|', contract_id, category, valid_from::text, valid_to::text, coalesce(orgnr, ''), coalesce(name_key, '')) AS line FROM (${source}) c
  ) x GROUP BY region`;

/** The fingerprint a region without contracts has. */
const NO_CATALOGUE = 'none';

function fingerprints(rows: { region: string; v: string }[], regions: readonly string[]): Map<string, string> {
  const m = new Map(regions.map((r) => [r, NO_CATALOGUE]));
  for (const r of rows) m.set(r.region, r.v);
  return m;
}

/** The current catalogue's fingerprint for each region given. */
export async function catalogueFingerprints(q: Queryable, regions: readonly string[]): Promise<Map<string, string>> {
  return fingerprints(await q.query<{ region: string; v: string }>(fingerprintOf(CATALOGUE_ROWS), [regions]), regions);
}

/**
 * The catalogue of the regions given, in a temporary table of the caller's transaction (indexed and
 * analysed, so a posting's match is a few index look-ups), and the fingerprint of what it holds (one
 * snapshot: the postings are matched against exactly what the fingerprint names). dropCatalogue removes it.
 * `pause` is awaited between its statements (see insertPostings).
 * The rest of the transaction joins by hash or merge, not by nested loops.
 */
export async function prepareCatalogue(tx: Tx, regions: readonly string[], pause: () => Promise<void> = async () => undefined): Promise<Map<string, string>> {
  // The planner cannot estimate the matching CTEs' sizes (an unnest, a year's postings); a nested loop over them is quadratic.
  // Without nested loops its cost estimates are huge, and PostgreSQL would compile each statement with JIT (seconds).
  await tx.query('SET LOCAL enable_nestloop = off');
  await tx.query(`SELECT set_config('jit', 'off', true) WHERE current_setting('jit', true) IS NOT NULL`);
  await tx.query(`CREATE TEMP TABLE spend_catalogue ON COMMIT DROP AS ${CATALOGUE_ROWS}`, [regions]);
  await pause();
  await tx.query('CREATE INDEX ON spend_catalogue (orgnr, region)');
  await tx.query('CREATE INDEX ON spend_catalogue (name_key, region)');
  await tx.query('ANALYZE spend_catalogue');
  await pause();
  return fingerprints(await tx.query<{ region: string; v: string }>(fingerprintOf('SELECT * FROM spend_catalogue')), regions);
}

export async function dropCatalogue(tx: Tx): Promise<void> {
  await tx.query('DROP TABLE IF EXISTS spend_catalogue');
}

/**
 * The match of the postings in a CTE named t (columns r region, nr org number, nm name, d day, and `key`,
 * which tells its rows apart) against spend_catalogue, as three CTEs joined by hash on the org number or
 * name: hit, the contract that covers the supplier on the day (an extension counts once recorded as the
 * new valid_to; the latest started first); ended, the supplier's most recently ended contract; nh, a row
 * without an org number that names a supplier under contract that day (a name match).
 */
const matchCtes = (key: string) => `
  hit AS (SELECT DISTINCT ON (${key}) ${key}, c.contract_id, c.category FROM t JOIN spend_catalogue c ON c.orgnr = t.nr AND c.region = t.r
    WHERE t.d BETWEEN c.valid_from AND c.valid_to ORDER BY ${key}, c.valid_from DESC, c.contract_id),
  ended AS (SELECT DISTINCT ON (${key}) ${key}, c.contract_id FROM t JOIN spend_catalogue c ON c.orgnr = t.nr AND c.region = t.r
    WHERE c.valid_to < t.d ORDER BY ${key}, c.valid_to DESC, c.contract_id),
  nh AS (SELECT DISTINCT ${key}, true AS yes FROM t JOIN spend_catalogue c ON c.name_key = lower(trim(t.nm)) AND c.region = t.r
    WHERE t.nr IS NULL AND t.d BETWEEN c.valid_from AND c.valid_to)`;

export interface InsertedPostings {
  added: number;
  /** New postings by region and calendar year. */
  byYear: { region: string; year: number; added: number }[];
}

/**
 * Writes the postings (all or nothing: the caller's transaction), each matched against spend_catalogue
 * (prepareCatalogue), in statements of `chunk` rows with `pause` awaited before each (on the embedded
 * database, which runs on the main thread, a turn of the event loop so the server keeps answering). A
 * posting already there (same region, voucher, day, account and amount) is left as it is.
 */
export async function insertPostings(tx: Tx, importId: number, p: Postings, opts: { chunk: number; pause?: () => Promise<void> }): Promise<InsertedPostings> {
  const byYear = new Map<string, { region: string; year: number; added: number }>();
  let added = 0;
  for (let i = 0; i < p.day.length; i += opts.chunk) {
    await opts.pause?.();
    const s = <T>(a: T[]) => a.slice(i, i + opts.chunk);
    const rows = await tx.query<{ region: string; y: number; n: number }>(
      `WITH t AS MATERIALIZED (
         SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[])
           WITH ORDINALITY AS t(r, v, d, a, o, nr, nm, m, f, at, n)),
       ${matchCtes('n')},
       ins AS (
         INSERT INTO spend_postings (region, voucher, posted_on, account, amount_ore, supplier_orgnr, supplier_name, masked, forvaltning, account_text, import_id,
           contract_id, category, ended_contract_id, name_match)
         SELECT t.r, t.v, t.d, t.a, t.o, t.nr, t.nm, t.m, t.f, t.at, $11, hit.contract_id, hit.category, ended.contract_id, coalesce(nh.yes, false)
         FROM t LEFT JOIN hit USING (n) LEFT JOIN ended USING (n) LEFT JOIN nh USING (n)
         ON CONFLICT DO NOTHING RETURNING region, posted_on)
       SELECT region, extract(year FROM posted_on)::int AS y, count(*)::int AS n FROM ins GROUP BY 1, 2`,
      [s(p.region), s(p.voucher), s(p.day), s(p.account), s(p.amountOre).map(String), s(p.orgNr), s(p.name), s(p.masked), s(p.forvaltning), s(p.accountText), importId],
    );
    for (const r of rows) {
      const key = `${r.region}|${r.y}`;
      const y = byYear.get(key) ?? { region: r.region, year: Number(r.y), added: 0 };
      y.added += Number(r.n);
      added += Number(r.n);
      byYear.set(key, y);
    }
  }
  return { added, byYear: [...byYear.values()] };
}


/** The account ranges as the key the aggregates were built with. */
export const accountsKey = (ranges: readonly AccountRange[]) => ranges.map(([lo, hi]) => `${Math.trunc(lo)}-${Math.trunc(hi)}`).join(',');

/** Serialises the work on one region's year (an import, a rebuild) within the caller's transaction. */
export async function lockYear(tx: Tx, region: string, year: number): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(4711026, hashtext($1 || ':' || $2::text))`, [region, year]);
}

export interface YearState {
  /** The catalogue fingerprint the year's postings were matched against (null: not yet). */
  catalogue: string | null;
  /** The account ranges the aggregates were built with (null: not yet built). */
  accounts: string | null;
}

export async function yearState(q: Queryable, region: string, year: number): Promise<YearState | null> {
  const [r] = await q.query<{ catalogue: string | null; accounts: string | null }>('SELECT catalogue, accounts FROM spend_years WHERE region = $1 AND year = $2', [region, year]);
  return r ? { catalogue: r.catalogue, accounts: r.accounts } : null;
}

export async function setYearState(tx: Tx, region: string, year: number, s: YearState): Promise<void> {
  await tx.query(
    `INSERT INTO spend_years (region, year, catalogue, accounts, built_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (region, year) DO UPDATE SET catalogue = EXCLUDED.catalogue, accounts = EXCLUDED.accounts, built_at = EXCLUDED.built_at`,
    [region, year, s.catalogue, s.accounts],
  );
}

/** Every region and year with postings. */
export async function allYears(q: Queryable): Promise<{ region: string; year: number }[]> {
  const rows = await q.query<{ region: string; year: number }>('SELECT region, year FROM spend_years ORDER BY region, year');
  return rows.map((r) => ({ region: r.region, year: Number(r.year) }));
}

/** A region's days from $2 to the day before $3 ($1 the region). */
const inDays = (alias: string) => `${alias}.region = $1 AND ${alias}.posted_on >= $2::date AND ${alias}.posted_on < $3::date`;

/** A posting within a region's year: the rest of its key. */
const YEAR_KEY = 'voucher, posted_on, account, amount_ore';

/**
 * Matches a region's year's postings again against spend_catalogue (prepareCatalogue), writing only those
 * whose match changed: one statement per half month (opts.pieces; else one over the year), with `pause`
 * awaited between them (see insertPostings).
 */
export async function rematchYear(tx: Tx, region: string, year: number, opts: { pieces: boolean; pause?: () => Promise<void> }): Promise<number> {
  const pause = opts.pause ?? (async () => undefined);
  // Half months: the 1st to the 15th, the 16th to the month's end.
  const bounds = opts.pieces ? monthBounds(year).flatMap((first, i) => (i < 12 ? [first, `${first.slice(0, 8)}16`] : [first])) : [`${year}-01-01`, `${year + 1}-01-01`];
  let touched = 0;
  for (let m = 0; m + 1 < bounds.length; m++) {
    if (m > 0) await pause();
    touched += await countTouched(
      tx,
      `WITH t AS MATERIALIZED (
         SELECT p.region AS r, p.supplier_orgnr AS nr, p.supplier_name AS nm, p.posted_on AS d, p.voucher, p.posted_on, p.account, p.amount_ore,
           p.contract_id AS was_contract, p.category AS was_category, p.ended_contract_id AS was_ended, p.name_match AS was_name
         FROM spend_postings p WHERE ${inDays('p')}),
       ${matchCtes(YEAR_KEY)},
       m AS (
         SELECT t.voucher, t.posted_on, t.account, t.amount_ore, hit.contract_id, hit.category, ended.contract_id AS ended_contract_id, coalesce(nh.yes, false) AS name_match
         FROM t LEFT JOIN hit USING (${YEAR_KEY}) LEFT JOIN ended USING (${YEAR_KEY}) LEFT JOIN nh USING (${YEAR_KEY})
         WHERE (t.was_contract, t.was_category, t.was_ended, t.was_name) IS DISTINCT FROM (hit.contract_id, hit.category, ended.contract_id, coalesce(nh.yes, false)))
       UPDATE spend_postings u SET contract_id = m.contract_id, category = m.category, ended_contract_id = m.ended_contract_id, name_match = m.name_match
       FROM m WHERE ${inDays('u')} AND u.voucher = m.voucher AND u.posted_on = m.posted_on AND u.account = m.account AND u.amount_ore = m.amount_ore`,
      [region, bounds[m], bounds[m + 1]],
    );
  }
  return touched;
}

export interface YearFacts {
  figures: FigureRow[];
  suppliers: SupplierRow[];
  areas: AreaRow[];
}

/** The kept facts of a region's year (or one administration's, case-insensitive), from which model.ts computes the figures. */
export async function yearFacts(q: Queryable, region: string, year: number, forvaltning?: string): Promise<YearFacts> {
  const params = [region, year, forvaltning ?? null];
  const ofForvaltning = '($3::text IS NULL OR lower(forvaltning) = lower($3))';
  const figures = await q.query<Record<string, unknown>>(
    `SELECT forvaltning, month, bucket, contracted, category, name_match, ore::text AS ore, rows FROM spend_year_figures WHERE region = $1 AND year = $2 AND ${ofForvaltning}`,
    params,
  );
  const suppliers = await q.query<Record<string, unknown>>(
    `SELECT orgnr, name, ore::text AS ore, invoices, forvaltningar, name_match, ended_contract_id, after_end_ore::text AS after_end_ore
     FROM spend_year_suppliers WHERE region = $1 AND year = $2 AND scope = CASE WHEN $3::text IS NULL THEN '' ELSE 'f:' || lower($3) END`,
    params,
  );
  const areas = await q.query<Record<string, unknown>>(
    `SELECT forvaltning, account_text, ore::text AS ore FROM spend_year_areas WHERE region = $1 AND year = $2 AND ${ofForvaltning}`,
    params,
  );
  return {
    figures: figures.map((r) => ({
      forvaltning: String(r.forvaltning),
      month: Number(r.month),
      bucket: r.bucket as FigureRow['bucket'],
      contracted: Boolean(r.contracted),
      category: String(r.category),
      nameMatch: Boolean(r.name_match),
      ore: Number(r.ore),
      rows: Number(r.rows),
    })),
    suppliers: suppliers.map((r) => ({
      orgNr: String(r.orgnr) || null,
      name: (r.name as string | null) ?? '',
      ore: Number(r.ore),
      invoices: Number(r.invoices),
      forvaltningar: (r.forvaltningar as string[]).filter((f) => f !== ''),
      nameMatch: Boolean(r.name_match),
      endedContractId: (r.ended_contract_id as string | null) ?? null,
      afterEndOre: Number(r.after_end_ore),
    })),
    areas: areas.map((r) => ({ forvaltning: String(r.forvaltning), accountText: String(r.account_text), ore: Number(r.ore) })),
  };
}

/** The years a region has postings in, newest first. */
export async function spendYears(q: Queryable, region?: string): Promise<number[]> {
  const rows = await q.query<{ y: number }>('SELECT DISTINCT year AS y FROM spend_years WHERE ($1::text IS NULL OR region = $1) ORDER BY 1 DESC', [region ?? null]);
  return rows.map((r) => Number(r.y));
}

/** The administrations a name could mean (case-insensitive, exact first), with their region. */
export async function findForvaltning(q: Queryable, text: string): Promise<{ region: string; forvaltning: string }[]> {
  return q.query<{ region: string; forvaltning: string }>(
    `SELECT DISTINCT region, forvaltning FROM spend_year_figures WHERE forvaltning <> '' AND (lower(forvaltning) = lower($1) OR lower(forvaltning) LIKE '%' || lower($1) || '%')
     ORDER BY region, forvaltning LIMIT 5`,
    [text],
  );
}

/**
 * Refreshes the planner's statistics of the postings (a sample of the table, a fraction of a second at a million
 * rows). Without them, a statement planned right after a large first import (before autovacuum has looked at the
 * table) can join a year's postings by a plan that runs for minutes.
 */
export async function analyzePostings(tx: Tx): Promise<void> {
  await tx.query('ANALYZE spend_postings');
}

export * from './import-log-repository';
export * from './year-build-repository';
