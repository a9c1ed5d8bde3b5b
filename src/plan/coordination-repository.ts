import { CoordinationMark, CoordinationReason } from '../core/coordination';
import { Queryable, Tx, countTouched } from '../db';

/**
 * "Ska samordnas" on contracts in the plan (plan_coordination): the mark, and when the new procurement was not
 * coordinated, the reason and an officer's note. Cases keep their own mark (intake). No person is stored.
 */
export interface ContractMark {
  contractId: string;
  title: string;
  mark: CoordinationMark;
}

type Row = { contract_id: string; title: string; reason: CoordinationReason | null; note: string | null; reason_at: string | null };

/** Stores the contract's mark (unmarked: the row goes, with its reason). */
export async function saveContractMark(q: Queryable, contractId: string, title: string, m: CoordinationMark): Promise<void> {
  if (!m.marked) {
    await q.query('DELETE FROM plan_coordination WHERE contract_key = lower($1)', [contractId]);
    return;
  }
  await q.query(
    `INSERT INTO plan_coordination (contract_key, contract_id, title, reason, note, reason_at) VALUES (lower($1), $1, $2, $3, $4, $5::timestamptz)
     ON CONFLICT (contract_key) DO UPDATE SET title = EXCLUDED.title, reason = EXCLUDED.reason, note = EXCLUDED.note, reason_at = EXCLUDED.reason_at`,
    [contractId, title, m.reason, m.note, m.reasonAt],
  );
}

/** Every marked contract, by contract id. */
export async function listContractMarks(q: Queryable): Promise<ContractMark[]> {
  const rows = await q.query<Row>(
    `SELECT contract_id, title, reason, note, to_char(reason_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS reason_at
     FROM plan_coordination ORDER BY contract_key`,
  );
  return rows.map((r) => ({ contractId: r.contract_id, title: r.title, mark: { marked: true, reason: r.reason, note: r.note, reasonAt: r.reason_at } }));
}

/** Notes older than the retention period are cleared (an officer's words may name people); the reason stays. */
export async function purgeContractMarkNotes(tx: Tx, days: number): Promise<number> {
  return countTouched(
    tx,
    `UPDATE plan_coordination SET note = NULL, note_purged_at = now()
     WHERE note IS NOT NULL AND coalesce(reason_at, marked_at) < now() - ($1::int * interval '1 day')`,
    [days],
  );
}
