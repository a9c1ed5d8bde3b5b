import { Person } from '../core/person';
import { Queryable, Tx, countTouched } from '../db';
import { Assessment } from '../rules/assess';
import { CaseStatus, TERMINAL_STATUSES } from './lifecycle';
import { NeedForm } from './model';
import { CoordinationMark, CoordinationReason } from '../core/coordination';
import { AppealCause, AppealOutcome, CancelCause, CaseOutcome, outcomeOfStatus } from './outcome';

export interface ContractCheck {
  /** Active contracts the need's words found before it was stored. */
  matches: string[];
  /** none: nothing matched; sent-anyway: matches shown, submitted all the same; use-contract: met by a contract. */
  choice: 'none' | 'sent-anyway' | 'use-contract';
  contractId?: string;
}


export interface CaseRecord {
  id: number;
  caseNumber: string;
  status: CaseStatus;
  title: string;
  category: string;
  /** The category's name from the categories table (null if the category was since deleted). */
  categoryName: { sv: string; en: string } | null;
  purchaseKind: string;
  valueTotal: number;
  valuePerYear: number;
  desiredStart: string;
  submittedOn: string;
  submittedAt: string;
  route: string;
  risk: string;
  slackDays: number;
  assessment: Assessment;
  need: NeedForm;
  contractCheck: ContractCheck;
  submitter: Person & { locale: string };
  assignee: Person | null;
  channelActivityId: string | null;
  pendingQuestion: string | null;
  updatedAt: string;
  /** How the case ended (null while open). */
  outcome: CaseOutcome | null;
  outcomeAt: string | null;
  /** The contract the procurement resulted in (or the existing contract that met the need). */
  contractId: string | null;
  /** The day the resulting contract actually started. */
  actualStart: string | null;
  cancelCause: CancelCause | null;
  /** An appeal (överprövning): its outcome, its cause and the officer's note on the cause. */
  appeal: { appealed: boolean; outcome: AppealOutcome | null; cause?: AppealCause | null; causeNote?: string | null };
  /** "Ska samordnas" and, when it was not coordinated, why (src/core/coordination.ts). */
  coordination: CoordinationMark;
  /** The case reached "upphandling pågår" at some point (or ended as procured or cancelled). */
  wentToProcurement: boolean;
  /** The current contract this case renews or replaces. */
  linkedContractId: string | null;
}

export interface CaseEvent {
  at: string;
  kind: 'created' | 'status' | 'assigned' | 'question' | 'answer' | 'outcome' | 'contract' | 'appeal' | 'coordination';
  actor: Person;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  comment: string | null;
}

interface Row {
  id: string;
  case_number: string;
  status: CaseStatus;
  title: string;
  category: string;
  purchase_kind: string;
  value_total: string;
  value_per_year: string;
  desired_start: string;
  submitted_on: string;
  submitted_at: string;
  route: string;
  risk: string;
  slack_days: number;
  assessment: Assessment;
  need: NeedForm;
  contract_check: ContractCheck;
  submitter_aad_id: string;
  submitter_name: string;
  submitter_locale: string;
  assigned_aad_id: string | null;
  assigned_name: string | null;
  channel_activity_id: string | null;
  pending_question: string | null;
  updated_at: string;
  category_name: { sv: string; en: string } | null;
  outcome: CaseOutcome | null;
  outcome_at: string | null;
  contract_id: string | null;
  actual_start: string | null;
  cancel_cause: CancelCause | null;
  appealed: boolean;
  appeal_outcome: AppealOutcome | null;
  appeal_cause: AppealCause | null;
  appeal_cause_note: string | null;
  should_coordinate: boolean;
  coordination_reason: CoordinationReason | null;
  coordination_note: string | null;
  coordination_reason_at: string | null;
  procurement_started_at: string | null;
  linked_contract_id: string | null;
}

export const CASE_COLUMNS = `id, case_number, status, title, category, purchase_kind, value_total::text, value_per_year::text, desired_start,
  submitted_on, submitted_at, route, risk, slack_days, assessment, need, contract_check, submitter_aad_id, submitter_name,
  submitter_locale, assigned_aad_id, assigned_name, channel_activity_id, pending_question, updated_at,
  outcome, outcome_at, contract_id, actual_start, cancel_cause, appealed, appeal_outcome, appeal_cause, appeal_cause_note,
  should_coordinate, coordination_reason, coordination_note,
  to_char(coordination_reason_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS coordination_reason_at, procurement_started_at, linked_contract_id,
  (SELECT jsonb_build_object('sv', cat.name_sv, 'en', cat.name_en) FROM categories cat WHERE cat.slug = category) AS category_name`;

export function toCase(r: Row): CaseRecord {
  return {
    id: Number(r.id),
    caseNumber: r.case_number,
    status: r.status,
    title: r.title,
    category: r.category,
    categoryName: r.category_name,
    purchaseKind: r.purchase_kind,
    valueTotal: Number(r.value_total),
    valuePerYear: Number(r.value_per_year),
    desiredStart: r.desired_start,
    submittedOn: r.submitted_on,
    submittedAt: r.submitted_at,
    route: r.route,
    risk: r.risk,
    slackDays: r.slack_days,
    assessment: r.assessment,
    need: r.need,
    contractCheck: r.contract_check,
    submitter: { aadId: r.submitter_aad_id, name: r.submitter_name, locale: r.submitter_locale },
    assignee: r.assigned_aad_id ? { aadId: r.assigned_aad_id, name: r.assigned_name ?? '' } : null,
    channelActivityId: r.channel_activity_id,
    pendingQuestion: r.pending_question,
    updatedAt: r.updated_at,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
    contractId: r.contract_id,
    actualStart: r.actual_start,
    cancelCause: r.cancel_cause,
    appeal: { appealed: r.appealed, outcome: r.appeal_outcome, cause: r.appeal_cause, causeNote: r.appeal_cause_note },
    coordination: { marked: r.should_coordinate, reason: r.coordination_reason, note: r.coordination_note, reasonAt: r.coordination_reason_at },
    wentToProcurement: r.procurement_started_at !== null || r.outcome === 'upphandlad' || r.outcome === 'avbruten',
    linkedContractId: r.linked_contract_id,
  };
}

/** INK-YYYY-NNNN; numbers are unique per year and never reused. */
export function formatCaseNumber(year: number, seq: number): string {
  return `INK-${year}-${String(seq).padStart(4, '0')}`;
}

export async function nextCaseNumber(tx: Queryable, year: number): Promise<{ seq: number; caseNumber: string }> {
  const [row] = await tx.query<{ last: number }>(
    `INSERT INTO case_counters (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`,
    [year],
  );
  return { seq: row.last, caseNumber: formatCaseNumber(year, row.last) };
}

export async function findCase(q: Queryable, where: { caseNumber?: string; idempotencyKey?: string; id?: number }, forUpdate = false): Promise<CaseRecord | null> {
  const [col, value] = where.caseNumber
    ? ['case_number', where.caseNumber.toUpperCase()]
    : where.idempotencyKey
      ? ['idempotency_key', where.idempotencyKey]
      : ['id', where.id];
  const rows = await q.query<Row>(`SELECT ${CASE_COLUMNS} FROM cases WHERE ${col} = $1${forUpdate ? ' FOR UPDATE' : ''}`, [value]);
  return rows[0] ? toCase(rows[0]) : null;
}

export async function insertCase(
  tx: Queryable,
  c: {
    caseNumber: string;
    idempotencyKey: string;
    status: CaseStatus;
    form: NeedForm;
    assessment: Assessment;
    submittedOn: string;
    contractCheck: ContractCheck;
    submitter: Person & { locale: string };
    linkedContractId?: string;
  },
): Promise<CaseRecord> {
  const usedContract = c.contractCheck.choice === 'use-contract';
  const rows = await tx.query<Row>(
    `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year,
       desired_start, submitted_on, route, risk, slack_days, assessment, need, contract_check, submitter_aad_id, submitter_name, submitter_locale,
       linked_contract_id, outcome, outcome_at, contract_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16::jsonb, $17, $18, $19,
       $20, $21, CASE WHEN $21::text IS NULL THEN NULL ELSE now() END, $22)
     RETURNING ${CASE_COLUMNS}`,
    [
      c.caseNumber,
      c.idempotencyKey,
      c.status,
      c.form.title,
      c.form.category,
      c.form.purchaseKind,
      c.form.valueTotal,
      c.form.valuePerYear,
      c.form.desiredStart,
      c.submittedOn,
      c.assessment.route,
      c.assessment.risk,
      c.assessment.slackDays,
      JSON.stringify(c.assessment),
      JSON.stringify(c.form),
      JSON.stringify(c.contractCheck),
      c.submitter.aadId,
      c.submitter.name,
      c.submitter.locale,
      c.linkedContractId ?? null,
      usedContract ? 'befintligt-avtal' : null,
      usedContract ? (c.contractCheck.contractId ?? null) : null,
    ],
  );
  return toCase(rows[0]);
}

export async function addEvent(tx: Queryable, caseId: number, e: Omit<CaseEvent, 'at'>): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (case_id, kind, actor_aad_id, actor_name, from_status, to_status, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [caseId, e.kind, e.actor.aadId, e.actor.name, e.fromStatus, e.toStatus, e.comment],
  );
}

export async function caseEvents(q: Queryable, caseId: number): Promise<CaseEvent[]> {
  const rows = await q.query<{ at: string; kind: CaseEvent['kind']; actor_aad_id: string; actor_name: string; from_status: CaseStatus | null; to_status: CaseStatus | null; comment: string | null }>(
    'SELECT at, kind, actor_aad_id, actor_name, from_status, to_status, comment FROM case_events WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return rows.map((r) => ({
    at: r.at,
    kind: r.kind,
    actor: { aadId: r.actor_aad_id, name: r.actor_name },
    fromStatus: r.from_status,
    toStatus: r.to_status,
    comment: r.comment,
  }));
}

export async function listCases(q: Queryable, filter: { submitterAadId?: string; openOnly?: boolean; year?: number; limit?: number }): Promise<CaseRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.submitterAadId) {
    params.push(filter.submitterAadId);
    where.push(`submitter_aad_id = $${params.length}`);
  }
  if (filter.openOnly) where.push(`NOT (status = ANY('{${TERMINAL_STATUSES.join(',')}}'::text[]))`);
  if (filter.year) {
    params.push(filter.year);
    where.push(`extract(year FROM submitted_on) = $${params.length}`);
  }
  params.push(filter.limit ?? 1000);
  const rows = await q.query<Row>(
    `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toCase);
}

/** The open cases linked to any of these contracts (case-insensitive ids), for a page of contract cards. */
export async function openCasesLinkedTo(q: Queryable, contractIds: readonly string[]): Promise<{ contractId: string; caseNumber: string; status: CaseStatus; fromPlan: boolean }[]> {
  if (contractIds.length === 0) return [];
  const rows = await q.query<{ linked_contract_id: string; case_number: string; status: CaseStatus; from_plan: boolean }>(
    `SELECT linked_contract_id, case_number, status, idempotency_key LIKE 'plan:%' AS from_plan FROM cases
     WHERE lower(linked_contract_id) = ANY($1::text[]) AND NOT (status = ANY($2::text[])) ORDER BY case_number`,
    [contractIds.map((id) => id.trim().toLowerCase()), TERMINAL_STATUSES],
  );
  return rows.map((r) => ({ contractId: r.linked_contract_id, caseNumber: r.case_number, status: r.status, fromPlan: r.from_plan }));
}

/** The officers' channel message that shows the case, remembered the first time it is posted. */
export async function rememberChannelMessage(q: Queryable, caseId: number, activityId: string): Promise<void> {
  await q.query('UPDATE cases SET channel_activity_id = $2 WHERE id = $1 AND channel_activity_id IS NULL', [caseId, activityId]);
}

/** An officer takes the case (the status may move on with it). */
export async function assignCase(q: Queryable, caseId: number, officer: Person, status: CaseStatus): Promise<void> {
  await q.query('UPDATE cases SET assigned_aad_id = $2, assigned_name = $3, status = $4, updated_at = now() WHERE id = $1', [caseId, officer.aadId, officer.name, status]);
}

/**
 * A status change; reaching "upphandling pågår" is remembered, and an end status sets the outcome it implies
 * (declined or withdrawn once the procurement had started: a cancelled procurement, the need changed).
 */
export async function setCaseStatus(q: Queryable, caseId: number, status: CaseStatus): Promise<void> {
  await q.query(
    `UPDATE cases SET status = $2, updated_at = now(),
       procurement_started_at = CASE WHEN $2 = 'upphandling-pagar' THEN coalesce(procurement_started_at, now()) ELSE procurement_started_at END,
       outcome = CASE WHEN $4::text IS NOT NULL AND procurement_started_at IS NOT NULL THEN $4 ELSE coalesce($3, outcome) END,
       cancel_cause = CASE WHEN $4::text IS NOT NULL AND procurement_started_at IS NOT NULL THEN 'behov-andrat' ELSE cancel_cause END,
       outcome_at = CASE WHEN $3::text IS NULL THEN outcome_at ELSE now() END
     WHERE id = $1`,
    [caseId, status, outcomeOfStatus(status), outcomeOfStatus(status, true) === 'avbruten' ? 'avbruten' : null],
  );
}


/** The officer's open question to the submitter, or null when it has been answered. */
export async function setPendingQuestion(q: Queryable, caseId: number, question: string | null): Promise<void> {
  await q.query('UPDATE cases SET pending_question = $2, updated_at = now() WHERE id = $1', [caseId, question]);
}

/**
 * Ended cases (avslutad, avböjd, återtagen, avbruten, or any case with a recorded outcome, such as one
 * procured and left at "avtal tecknat") not changed within the retention period lose names, Entra
 * ids and the free text that may name people (the need's description, reference group, market
 * contacts, free text, pending question, comments in the history, the notes on an appeal's cause and on why
 * a procurement was not coordinated). What the internal-control and NKI
 * reports need (dates, category, values, route, risk, unit, cost centre, statuses) stays.
 */
export async function purgeCases(tx: Tx, days: number): Promise<Record<string, number>> {
  const cases = await tx.query<{ id: string }>(
    `UPDATE cases SET
       submitter_aad_id = '', submitter_name = '', assigned_aad_id = NULL, assigned_name = NULL, pending_question = NULL,
       appeal_cause_note = NULL, coordination_note = NULL,
       need = (need - 'referenceGroup' - 'marketContacts' - 'freeText') || '{"need": ""}'::jsonb,
       personal_data_purged_at = now()
     WHERE personal_data_purged_at IS NULL AND (status = ANY($2::text[]) OR outcome IS NOT NULL) AND updated_at < now() - ($1::int * interval '1 day')
     RETURNING id`,
    [days, TERMINAL_STATUSES],
  );
  const caseIds = cases.map((c) => c.id);
  const caseEventsAnonymised = caseIds.length
    ? await countTouched(tx, `UPDATE case_events SET actor_aad_id = '', actor_name = '', comment = NULL WHERE case_id = ANY($1::bigint[])`, [caseIds])
    : 0;
  return { casesAnonymised: caseIds.length, caseEventsAnonymised };
}
