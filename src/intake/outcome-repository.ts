import { Queryable } from '../db';
import { CaseStatus } from './lifecycle';
import { CoordinationMark } from '../core/coordination';
import { AppealCause, AppealOutcome, CancelCause, CaseOutcome } from './outcome';

/** How a case ended, as the officer records it: the outcome, the resulting contract, its actual start, an appeal. */

/** The officer's recorded outcome with the status it gives the case. */
export async function setOutcome(
  q: Queryable,
  caseId: number,
  o: { status: CaseStatus; outcome: CaseOutcome; contractId: string | null; actualStart: string | null; cancelCause: CancelCause | null },
): Promise<void> {
  await q.query(
    `UPDATE cases SET status = $2, outcome = $3, outcome_at = now(), contract_id = $4, actual_start = $5, cancel_cause = $6, updated_at = now(),
       pending_question = NULL
     WHERE id = $1`,
    [caseId, o.status, o.outcome, o.contractId, o.actualStart, o.cancelCause],
  );
}

/** The resulting contract and its actual start, added after the signing (a missing value keeps the stored one). */
export async function setContractDetails(q: Queryable, caseId: number, d: { contractId?: string; actualStart?: string }): Promise<void> {
  await q.query(
    'UPDATE cases SET contract_id = coalesce($2, contract_id), actual_start = coalesce($3::date, actual_start), updated_at = now() WHERE id = $1',
    [caseId, d.contractId ?? null, d.actualStart ?? null],
  );
}

/** The appeal note, its outcome and cause (taking the note back clears all three). */
export async function setAppeal(
  q: Queryable,
  caseId: number,
  a: { appealed: boolean; outcome: AppealOutcome | null; cause: AppealCause | null; causeNote: string | null },
): Promise<void> {
  await q.query('UPDATE cases SET appealed = $2, appeal_outcome = $3, appeal_cause = $4, appeal_cause_note = $5, updated_at = now() WHERE id = $1', [
    caseId,
    a.appealed,
    a.appealed ? a.outcome : null,
    a.appealed ? a.cause : null,
    a.appealed ? a.causeNote : null,
  ]);
}

/** "Ska samordnas" on the case, with the reason it was not (see src/core/coordination.ts). */
export async function setCoordination(q: Queryable, caseId: number, m: CoordinationMark): Promise<void> {
  await q.query(
    'UPDATE cases SET should_coordinate = $2, coordination_reason = $3, coordination_note = $4, coordination_reason_at = $5::timestamptz, updated_at = now() WHERE id = $1',
    [caseId, m.marked, m.reason, m.note, m.reasonAt],
  );
}
