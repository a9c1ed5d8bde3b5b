import { randomBytes } from 'node:crypto';
import { Queryable, Tx, countTouched } from '../db';
import { Postings } from './read/ledger';
import { AccountRange, FigureRow, SupplierRow, AreaRow } from './model';

/** All SQL of the spend capability: postings, the import log, uploads kept for the preview card, and the yearly figures. */

/** Postings written per statement. */
const CHUNK = 5000;

/**
 * Writes the postings (all or nothing: the caller's transaction). A posting already there (same region,
 * voucher, day, account and amount) is left as it is. Returns how many were new.
 */
export async function insertPostings(tx: Tx, importId: number, p: Postings): Promise<number> {
  let added = 0;
  for (let i = 0; i < p.day.length; i += CHUNK) {
    const s = <T>(a: T[]) => a.slice(i, i + CHUNK);
    const rows = await tx.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO spend_postings (region, voucher, posted_on, account, amount_ore, supplier_orgnr, supplier_name, masked, forvaltning, account_text, import_id)
         SELECT r, v, d::date, a, o, nr, nm, m, f, at, $11 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[])
           AS t(r, v, d, a, o, nr, nm, m, f, at)
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [s(p.region), s(p.voucher), s(p.day), s(p.account), s(p.amountOre).map(String), s(p.orgNr), s(p.name), s(p.masked), s(p.forvaltning), s(p.accountText), importId],
    );
    added += rows[0]?.n ?? 0;
  }
  return added;
}

export interface SpendLogEntry {
  source: 'cli' | 'api' | 'teams';
  actorId: string | null;
  actorName: string | null;
  fileName: string | null;
  format: 'csv' | 'xlsx' | null;
  outcome: 'applied' | 'refused';
  rowsRead: number;
  added: number;
  already: number;
  masked: number;
  firstDay: string | null;
  lastDay: string | null;
  regions: string[];
  reason: string | null;
}
export interface SpendLogRow extends SpendLogEntry {
  id: number;
  importedAt: string;
}

export async function insertSpendLog(q: Queryable, e: SpendLogEntry): Promise<number> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO spend_imports (source, actor_id, actor_name, file_name, format, outcome, rows_read, added, already, masked, first_day, last_day, regions, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [e.source, e.actorId, e.actorName, e.fileName, e.format, e.outcome, e.rowsRead, e.added, e.already, e.masked, e.firstDay, e.lastDay, e.regions, e.reason],
  );
  return Number(row.id);
}

export async function setLogCounts(tx: Tx, id: number, added: number, already: number): Promise<void> {
  await tx.query('UPDATE spend_imports SET added = $2, already = $3 WHERE id = $1', [id, added, already]);
}

export async function latestSpendImports(q: Queryable, limit: number): Promise<SpendLogRow[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT id, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at, source, actor_id, actor_name, file_name, format, outcome,
       rows_read, added, already, masked, to_char(first_day, 'YYYY-MM-DD') AS first_day, to_char(last_day, 'YYYY-MM-DD') AS last_day, regions, reason
     FROM spend_imports ORDER BY imported_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    importedAt: String(r.imported_at),
    source: r.source as SpendLogEntry['source'],
    actorId: (r.actor_id as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    fileName: (r.file_name as string | null) ?? null,
    format: (r.format as SpendLogEntry['format']) ?? null,
    outcome: r.outcome as SpendLogEntry['outcome'],
    rowsRead: Number(r.rows_read),
    added: Number(r.added),
    already: Number(r.already),
    masked: Number(r.masked),
    firstDay: (r.first_day as string | null) ?? null,
    lastDay: (r.last_day as string | null) ?? null,
    regions: (r.regions as string[]) ?? [],
    reason: (r.reason as string | null) ?? null,
  }));
}

/** The account ranges as SQL: integers only (parsed by the config), so they are written into the statement. */
function accountTest(ranges: readonly AccountRange[]): string {
  if (ranges.length === 0) return 'false';
  return ranges.map(([lo, hi]) => `p.account BETWEEN ${Math.trunc(lo)} AND ${Math.trunc(hi)}`).join(' OR ');
}

/**
 * Every posting of a region and year classified, in a temporary table of the caller's transaction:
 * its bucket (excluded account, masked, public body, influenceable, tested in that order), the
 * contract that covers its supplier on its day (org number, the buyer's region, valid_from–valid_to;
 * an extension counts once recorded as the new valid_to), else the supplier's most recently ended
 * contract, and whether a row without an org number names a contracted supplier (a name match).
 */
async function classify(tx: Tx, region: string, year: number, ranges: readonly AccountRange[], forvaltning?: string): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE spend_classified ON COMMIT DROP AS
     WITH cs AS (
       SELECT c.contract_id, c.category, c.valid_from, c.valid_to, s->>'orgNr' AS orgnr, lower(trim(s->>'name')) AS name_key
       FROM contracts c CROSS JOIN LATERAL jsonb_array_elements(c.suppliers) s
       WHERE $1 = ANY (c.regions)
     ),
     p AS (
       SELECT * FROM spend_postings
       WHERE region = $1 AND posted_on >= make_date($2, 1, 1) AND posted_on < make_date($2 + 1, 1, 1) AND ($3::text IS NULL OR lower(forvaltning) = lower($3))
     ),
     keys AS (SELECT DISTINCT supplier_orgnr, posted_on FROM p WHERE supplier_orgnr IS NOT NULL),
     hit AS (
       SELECT DISTINCT ON (k.supplier_orgnr, k.posted_on) k.supplier_orgnr, k.posted_on, cs.contract_id, cs.category
       FROM keys k JOIN cs ON cs.orgnr = k.supplier_orgnr AND k.posted_on BETWEEN cs.valid_from AND cs.valid_to
       ORDER BY k.supplier_orgnr, k.posted_on, cs.valid_from DESC, cs.contract_id
     ),
     ended AS (
       SELECT DISTINCT ON (k.supplier_orgnr, k.posted_on) k.supplier_orgnr, k.posted_on, cs.contract_id AS ended_contract_id
       FROM keys k JOIN cs ON cs.orgnr = k.supplier_orgnr AND cs.valid_to < k.posted_on
       ORDER BY k.supplier_orgnr, k.posted_on, cs.valid_to DESC, cs.contract_id
     ),
     names AS (SELECT DISTINCT lower(trim(supplier_name)) AS name_key, posted_on FROM p WHERE supplier_orgnr IS NULL AND supplier_name IS NOT NULL),
     name_hit AS (SELECT DISTINCT n.name_key, n.posted_on FROM names n JOIN cs ON cs.name_key = n.name_key AND n.posted_on BETWEEN cs.valid_from AND cs.valid_to)
     SELECT p.forvaltning, extract(month FROM p.posted_on)::int AS month, p.posted_on, p.voucher, p.account_text, p.amount_ore, p.supplier_orgnr, p.supplier_name,
       CASE WHEN NOT (${accountTest(ranges)}) THEN 'excluded' WHEN p.masked THEN 'masked' WHEN p.supplier_orgnr LIKE '2%' THEN 'public' ELSE 'influenceable' END AS bucket,
       hit.contract_id, hit.category, ended.ended_contract_id, (nh.name_key IS NOT NULL) AS name_match
     FROM p
     LEFT JOIN hit USING (supplier_orgnr, posted_on)
     LEFT JOIN ended USING (supplier_orgnr, posted_on)
     LEFT JOIN name_hit nh ON p.supplier_orgnr IS NULL AND nh.name_key = lower(trim(p.supplier_name)) AND nh.posted_on = p.posted_on`,
    [region, year, forvaltning ?? null],
  );
}

export interface YearFacts {
  figures: FigureRow[];
  suppliers: SupplierRow[];
  areas: AreaRow[];
}

/** The grouped facts of a region's year (or one administration's), from which model.ts computes the figures. */
export async function yearFacts(tx: Tx, region: string, year: number, ranges: readonly AccountRange[], forvaltning?: string): Promise<YearFacts> {
  // The planner cannot estimate the CTEs' sizes; a nested loop over them is quadratic in the postings.
  await tx.query('SET LOCAL enable_nestloop = off');
  await classify(tx, region, year, ranges, forvaltning);
  const figures = await tx.query<Record<string, unknown>>(
    `SELECT forvaltning, month, bucket, contract_id IS NOT NULL AS contracted, coalesce(category, '') AS category, name_match,
       sum(amount_ore)::text AS ore, count(*)::int AS n
     FROM spend_classified GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  const suppliers = await tx.query<Record<string, unknown>>(
    `SELECT coalesce(supplier_orgnr, '') AS orgnr, max(supplier_name) AS name, sum(amount_ore)::text AS ore, count(DISTINCT voucher)::int AS invoices,
       array_agg(DISTINCT forvaltning ORDER BY forvaltning) AS forvaltningar, bool_or(name_match) AS name_match,
       (array_agg(ended_contract_id ORDER BY posted_on DESC) FILTER (WHERE ended_contract_id IS NOT NULL))[1] AS ended_contract_id,
       coalesce(sum(amount_ore) FILTER (WHERE ended_contract_id IS NOT NULL), 0)::text AS after_end_ore
     FROM spend_classified WHERE bucket = 'influenceable' AND contract_id IS NULL
     GROUP BY coalesce(supplier_orgnr, ''), CASE WHEN supplier_orgnr IS NULL THEN lower(trim(supplier_name)) END`,
  );
  const areas = await tx.query<Record<string, unknown>>(
    `SELECT forvaltning, account_text, sum(amount_ore)::text AS ore FROM spend_classified WHERE bucket = 'influenceable' AND contract_id IS NULL GROUP BY 1, 2`,
  );
  await tx.query('DROP TABLE spend_classified');
  return {
    figures: figures.map((r) => ({
      forvaltning: String(r.forvaltning),
      month: Number(r.month),
      bucket: r.bucket as FigureRow['bucket'],
      contracted: Boolean(r.contracted),
      category: String(r.category),
      nameMatch: Boolean(r.name_match),
      ore: Number(r.ore),
      rows: Number(r.n),
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
  const rows = await q.query<{ y: number }>(
    'SELECT DISTINCT extract(year FROM posted_on)::int AS y FROM spend_postings WHERE ($1::text IS NULL OR region = $1) ORDER BY 1 DESC',
    [region ?? null],
  );
  return rows.map((r) => Number(r.y));
}

/** The administrations a name could mean (case-insensitive, exact first), with their region. */
export async function findForvaltning(q: Queryable, text: string): Promise<{ region: string; forvaltning: string }[]> {
  return q.query<{ region: string; forvaltning: string }>(
    `SELECT DISTINCT region, forvaltning FROM spend_postings WHERE forvaltning <> '' AND (lower(forvaltning) = lower($1) OR lower(forvaltning) LIKE '%' || lower($1) || '%')
     ORDER BY region, forvaltning LIMIT 5`,
    [text],
  );
}

export const UPLOAD_TTL_HOURS = 24;

export async function saveSpendUpload(q: Queryable, u: { officerAadId: string; fileName: string; bytes: Buffer }): Promise<string> {
  await countTouched(q, 'DELETE FROM spend_uploads WHERE expires_at <= now()', []);
  const token = randomBytes(18).toString('base64url');
  await q.query(`INSERT INTO spend_uploads (token, officer_aad_id, file_name, bytes, expires_at) VALUES ($1, $2, $3, $4, now() + ($5::int * interval '1 hour'))`, [
    token,
    u.officerAadId.toLowerCase(),
    u.fileName,
    u.bytes,
    UPLOAD_TTL_HOURS,
  ]);
  return token;
}

export interface SpendUpload {
  token: string;
  officerAadId: string;
  fileName: string;
}

export async function findSpendUpload(q: Queryable, token: string): Promise<SpendUpload | null> {
  const [r] = await q.query<{ token: string; officer_aad_id: string; file_name: string }>('SELECT token, officer_aad_id, file_name FROM spend_uploads WHERE token = $1 AND expires_at > now()', [token]);
  return r ? { token: r.token, officerAadId: r.officer_aad_id, fileName: r.file_name } : null;
}

/** Claims an upload for its import (a second press finds it claimed); the bytes come with the claim. */
export async function claimSpendUpload(q: Queryable, token: string, officerAadId: string): Promise<(SpendUpload & { bytes: Buffer }) | null> {
  const [r] = await q.query<{ token: string; officer_aad_id: string; file_name: string; bytes: Uint8Array }>(
    `UPDATE spend_uploads SET claimed_at = now() WHERE token = $1 AND officer_aad_id = $2 AND expires_at > now() AND (claimed_at IS NULL OR claimed_at < now() - interval '10 minutes')
     RETURNING token, officer_aad_id, file_name, bytes`,
    [token, officerAadId.toLowerCase()],
  );
  return r ? { token: r.token, officerAadId: r.officer_aad_id, fileName: r.file_name, bytes: Buffer.from(r.bytes) } : null;
}

export async function releaseSpendUpload(q: Queryable, token: string): Promise<void> {
  await q.query('UPDATE spend_uploads SET claimed_at = NULL WHERE token = $1', [token]);
}

export async function deleteSpendUpload(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM spend_uploads WHERE token = $1', [token]);
}

/** The retention purge: the names of officers who imported, and expired uploads. */
export async function purgeSpend(tx: Tx, days: number): Promise<Record<string, number>> {
  const logActorsCleared = await countTouched(
    tx,
    `UPDATE spend_imports SET actor_id = NULL, actor_name = NULL WHERE imported_at < now() - ($1::int * interval '1 day') AND (actor_id IS NOT NULL OR actor_name IS NOT NULL)`,
    [days],
  );
  return { spendLogActorsCleared: logActorsCleared, spendUploadsDeleted: await countTouched(tx, 'DELETE FROM spend_uploads WHERE expires_at <= now()', []) };
}
