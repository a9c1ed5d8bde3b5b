import { Tx } from '../db';
import { AccountRange } from './model';

/**
 * The build of a region's year's aggregates (spend_year_figures, spend_year_suppliers, spend_year_areas)
 * from its matched postings, in pieces: on the embedded database, which runs on the main thread, one
 * statement over a whole year's postings holds the server for as long as it takes, so none reads more
 * than a piece of them, and `pause` is awaited between the statements.
 */

/** The account ranges as SQL: integers only (parsed by the config), so they are written into the statement. */
function accountTest(ranges: readonly AccountRange[]): string {
  if (ranges.length === 0) return 'false';
  return ranges.map(([lo, hi]) => `p.account BETWEEN ${Math.trunc(lo)} AND ${Math.trunc(hi)}`).join(' OR ');
}

/**
 * A posting's supplier as a hash (the org number, or the name in lower case when a row has none): the
 * expression of spend_postings_supplier_piece_idx (002_build_pieces.sql), written the same way so that
 * the planner uses that index. All of a supplier's postings have the same hash.
 */
const SUPPLIER_HASH = `hashtext(coalesce(p.supplier_orgnr, lower(trim(p.supplier_name)), ''))`;

/** The first days of a year's months and of the next year: month i is [bounds[i], bounds[i + 1]). */
export function monthBounds(year: number): string[] {
  return Array.from({ length: 13 }, (_, i) => (i < 12 ? `${year}-${String(i + 1).padStart(2, '0')}-01` : `${year + 1}-01-01`));
}

/** The range of 32-bit hashes cut into `n` pieces of equal width, each as its first and last value. */
export function hashPieces(n: number): [number, number][] {
  const width = 2 ** 32 / n;
  return Array.from({ length: n }, (_, i) => [Math.ceil(-(2 ** 31) + i * width), i === n - 1 ? 2 ** 31 - 1 : Math.ceil(-(2 ** 31) + (i + 1) * width) - 1]);
}

/** The most pieces a year's supplier aggregates are built in. */
const MAX_PIECES = 256;

export interface BuildOptions {
  /**
   * Pieces: about how many postings each statement of the supplier and area build reads (the number of
   * pieces follows from the year's postings without a contract), and the figures a month per statement
   * (see also rematchYear). Null: one statement each over the whole year (a server, whose statements do
   * not hold this process, reads a year fastest in one pass).
   */
  pieceRows: number | null;
  /** Awaited between the statements (a turn of the event loop on the embedded database). */
  pause?: () => Promise<void>;
}

/**
 * Builds a region's year's aggregates again from its matched postings: each posting in exactly one
 * bucket (excluded account, masked, public body, influenceable, tested in that order) by the account
 * ranges; amounts and rows by administration, month, bucket, contract and category, one statement per
 * month; the uncontracted influenceable spend by supplier (over the year and within each administration)
 * and by account text, one statement each per piece of suppliers (a range of their hash); or, without
 * pieces (opts.pieceRows null), one statement each over the year. A supplier is
 * in one piece only, so its distinct vouchers and administrations are counted whole; the account texts'
 * sums of the pieces are added up at the end. Within the caller's transaction: nothing half built is seen.
 */
export async function buildYear(tx: Tx, region: string, year: number, ranges: readonly AccountRange[], opts: BuildOptions): Promise<void> {
  const pause = opts.pause ?? (async () => undefined);
  // $1 region, $2 year, $3 and $4 the piece: a month's first day and the next month's, or a range of supplier hashes (none: the whole year).
  const classified = (piece: string) =>
    `(SELECT p.*, CASE WHEN NOT (${accountTest(ranges)}) THEN 'excluded' WHEN p.masked THEN 'masked' WHEN p.supplier_orgnr LIKE '2%' THEN 'public' ELSE 'influenceable' END AS bucket
     FROM spend_postings p WHERE p.region = $1 AND p.posted_on >= make_date($2, 1, 1) AND p.posted_on < make_date($2 + 1, 1, 1) AND ${piece}) p`;
  const ofMonth = classified('p.posted_on >= $3::date AND p.posted_on < $4::date');
  for (const table of ['spend_year_figures', 'spend_year_suppliers', 'spend_year_areas']) await tx.query(`DELETE FROM ${table} WHERE region = $1 AND year = $2`, [region, year]);

  const months = opts.pieceRows === null ? [`${year}-01-01`, `${year + 1}-01-01`] : monthBounds(year);
  for (let m = 0; m + 1 < months.length; m++) {
    await pause();
    await tx.query(
      `INSERT INTO spend_year_figures (region, year, forvaltning, month, bucket, contracted, category, name_match, ore, rows)
       SELECT $1, $2, p.forvaltning, extract(month FROM p.posted_on)::int, p.bucket, p.contract_id IS NOT NULL, coalesce(p.category, ''), p.name_match, sum(p.amount_ore), count(*)
       FROM ${ofMonth} GROUP BY 3, 4, 5, 6, 7, 8`,
      [region, year, months[m], months[m + 1]],
    );
  }

  // About how many postings the supplier pieces read: those without a contract (the masked ones too, which the pieces skip).
  let count = 1;
  if (opts.pieceRows !== null) {
    const [uncounted] = await tx.query<{ n: number }>(`SELECT coalesce(sum(rows), 0)::int AS n FROM spend_year_figures WHERE region = $1 AND year = $2 AND NOT contracted`, [region, year]);
    count = Math.min(MAX_PIECES, Math.max(1, Math.ceil(Number(uncounted?.n ?? 0) / opts.pieceRows)));
  }
  const pieces = hashPieces(count);
  // A piece repeats the index's predicate (no contract, not masked) so that the planner can use it; the whole year is read as it comes.
  const piece = count > 1 ? `p.contract_id IS NULL AND NOT p.masked AND ${SUPPLIER_HASH} BETWEEN $3::int AND $4::int` : 'true';
  const uncontracted = `${classified(piece)} WHERE p.bucket = 'influenceable' AND p.contract_id IS NULL`;
  const supplierColumns = `coalesce(p.supplier_orgnr, ''), max(p.supplier_name), sum(p.amount_ore), count(DISTINCT p.voucher), array_agg(DISTINCT p.forvaltning ORDER BY p.forvaltning),
       bool_or(p.name_match), (array_agg(p.ended_contract_id ORDER BY p.posted_on DESC, p.ended_contract_id) FILTER (WHERE p.ended_contract_id IS NOT NULL))[1],
       coalesce(sum(p.amount_ore) FILTER (WHERE p.ended_contract_id IS NOT NULL), 0)`;
  const supplierKey = `coalesce(p.supplier_orgnr, ''), CASE WHEN p.supplier_orgnr IS NULL THEN lower(trim(p.supplier_name)) END`;
  const into = 'INSERT INTO spend_year_suppliers (region, year, scope, orgnr, name, ore, invoices, forvaltningar, name_match, ended_contract_id, after_end_ore)';
  for (const [lo, hi] of pieces) {
    const params = count > 1 ? [region, year, lo, hi] : [region, year];
    await pause();
    await tx.query(`${into} SELECT $1, $2, '', ${supplierColumns} FROM ${uncontracted} GROUP BY ${supplierKey}`, params);
    await pause();
    await tx.query(`${into} SELECT $1, $2, 'f:' || lower(p.forvaltning), ${supplierColumns} FROM ${uncontracted} GROUP BY lower(p.forvaltning), ${supplierKey}`, params);
    await pause();
    await tx.query(
      `INSERT INTO spend_year_areas (region, year, forvaltning, account_text, ore) SELECT $1, $2, p.forvaltning, p.account_text, sum(p.amount_ore) FROM ${uncontracted} GROUP BY 3, 4`,
      params,
    );
  }
  if (pieces.length === 1) return;
  // The pieces' sums of the same administration and account text added up (a few rows per piece).
  await pause();
  await tx.query(
    `WITH parts AS (DELETE FROM spend_year_areas WHERE region = $1 AND year = $2 RETURNING forvaltning, account_text, ore)
     INSERT INTO spend_year_areas (region, year, forvaltning, account_text, ore) SELECT $1, $2, forvaltning, account_text, sum(ore) FROM parts GROUP BY forvaltning, account_text`,
    [region, year],
  );
}
