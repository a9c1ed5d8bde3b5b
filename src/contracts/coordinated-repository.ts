import { REGIONS } from '../core/vocabulary';
import { Queryable } from '../db';

/** A contract that covers both regions, for the internal control's count of coordinated procurements. */
export interface CoordinatedContractRow {
  contractId: string;
  title: string;
  /** Start of validity (YYYY-MM-DD). */
  validFrom: string;
  /** When a full export removed it from the catalogue (ISO timestamp), or null. */
  removedAt: string | null;
  /** The catalogue's contract type: the internal control excludes external frameworks by it. */
  contractType: string;
}

/**
 * Contracts whose regions include both REGIONS and whose validity starts in [fromYear, toYear], removed
 * ones included (a contract a later export dropped still started that year); oldest start first.
 */
export async function coordinatedContracts(db: Queryable, fromYear: number, toYear: number): Promise<CoordinatedContractRow[]> {
  const rows = await db.query<{ contract_id: string; title: string; valid_from: string; removed_at: string | null; contract_type: string }>(
    `SELECT contract_id, title, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, removed_at, contract_type
     FROM contracts
     WHERE regions @> $1::text[] AND valid_from >= make_date($2::int, 1, 1) AND valid_from < make_date($3::int + 1, 1, 1)
     ORDER BY valid_from, contract_id`,
    [[...REGIONS], fromYear, toYear],
  );
  return rows.map((r) => ({ contractId: r.contract_id, title: r.title, validFrom: r.valid_from, removedAt: r.removed_at, contractType: r.contract_type }));
}
