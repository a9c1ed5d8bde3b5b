import { Person } from '../core/person';
import { Queryable, Tx, countTouched } from '../db';
import { purgeContractMarkNotes } from './coordination-repository';
import { DecisionKind, PlanDecision } from './model';

/** The plan's own tables: officers' decisions on contracts (with who and when) and the digest's weekly claims. */

type DecisionRow = {
  id: string;
  contract_id: string;
  kind: DecisionKind;
  new_end: string | null;
  reason: string | null;
  case_number: string | null;
  decided_at: string;
  actor_name: string;
};

const COLUMNS = `id, contract_id, kind, new_end, reason, case_number, actor_name,
  to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS decided_at`;

const toDecision = (r: DecisionRow): PlanDecision => ({
  id: Number(r.id),
  contractId: r.contract_id,
  kind: r.kind,
  newEnd: r.new_end,
  reason: r.reason,
  caseNumber: r.case_number,
  decidedAt: r.decided_at,
  actorName: r.actor_name,
});

export interface NewDecision {
  contractId: string;
  kind: DecisionKind;
  newEnd?: string;
  reason?: string;
  caseNumber?: string;
  actor: Person;
}

export async function insertDecision(q: Queryable, d: NewDecision): Promise<PlanDecision> {
  const [row] = await q.query<DecisionRow>(
    `INSERT INTO plan_decisions (contract_id, contract_key, kind, new_end, reason, case_number, actor_aad_id, actor_name)
     VALUES ($1, lower($1), $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [d.contractId, d.kind, d.newEnd ?? null, d.reason ?? null, d.caseNumber ?? null, d.actor.aadId.toLowerCase(), d.actor.name],
  );
  return toDecision(row);
}

/** Every decision, oldest first; or one contract's. */
export async function listDecisions(q: Queryable, contractId?: string): Promise<PlanDecision[]> {
  const rows = contractId
    ? await q.query<DecisionRow>(`SELECT ${COLUMNS} FROM plan_decisions WHERE contract_key = lower($1) ORDER BY decided_at, id`, [contractId])
    : await q.query<DecisionRow>(`SELECT ${COLUMNS} FROM plan_decisions ORDER BY decided_at, id`);
  return rows.map(toDecision);
}

/** Who made a decision, for the tests and the officers' view: the stored Entra id (empty once purged). */
export async function decisionActor(q: Queryable, id: number): Promise<{ aadId: string; name: string } | null> {
  const [r] = await q.query<{ actor_aad_id: string; actor_name: string }>('SELECT actor_aad_id, actor_name FROM plan_decisions WHERE id = $1', [id]);
  return r ? { aadId: r.actor_aad_id, name: r.actor_name } : null;
}

/** True when this week's digest has been claimed (by any instance). */
export async function weekClaimed(q: Queryable, week: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM plan_digests WHERE week = $1', [week])).length > 0;
}

/** Claims the week for this instance: true for the one insert that wins, false when the week is taken. */
export async function claimWeek(tx: Queryable, week: string, entries: number): Promise<boolean> {
  const rows = await tx.query('INSERT INTO plan_digests (week, entries) VALUES ($1, $2) ON CONFLICT (week) DO NOTHING RETURNING week', [week, entries]);
  return rows.length > 0;
}

/** Decisions older than the retention period forget who made them (the decision, its dates and reason stay). */
export async function purgePlan(tx: Tx, days: number): Promise<Record<string, number>> {
  const planDecisionsAnonymised = await countTouched(
    tx,
    `UPDATE plan_decisions SET actor_aad_id = '', actor_name = '', personal_data_purged_at = now()
     WHERE personal_data_purged_at IS NULL AND decided_at < now() - ($1::int * interval '1 day')`,
    [days],
  );
  const planCoordinationNotesCleared = await purgeContractMarkNotes(tx, days);
  return { planDecisionsAnonymised, planCoordinationNotesCleared };
}
