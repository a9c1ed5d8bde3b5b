import { Queryable, Tx, countTouched } from '../db';
import { SurveyAnswers } from './nki';
import { purgeReleasedComments } from './release-repository';

/** How many people one survey reached in Teams (what the officer is told when sending it). */
export async function countReachable(q: Queryable, surveyId: number): Promise<number> {
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_respondents WHERE survey_id = $1 AND reachable', [surveyId]);
  return n;
}

/**
 * NKI surveys closed before the retention period: respondents lose their Entra id and name; answers lose
 * their pseudonym and comments (free text); people listed only by name (unreachable) are deleted; the
 * comments of the quarter they were released in are deleted too. The released figures do not change.
 */
export async function purgeSurveys(tx: Tx, days: number): Promise<Record<string, number>> {
  const surveys = await tx.query<{ id: string }>(
    `UPDATE surveys SET started_by_aad_id = '', personal_data_purged_at = now()
     WHERE personal_data_purged_at IS NULL AND status = 'closed' AND closed_at < now() - ($1::int * interval '1 day')
     RETURNING id`,
    [days],
  );
  const ids = surveys.map((x) => x.id);
  const counts = { surveysAnonymised: ids.length, respondentsAnonymised: 0, respondentsDeleted: 0, commentsRemoved: 0, releasedCommentsDeleted: 0 };
  if (ids.length === 0) return counts;
  counts.releasedCommentsDeleted = await purgeReleasedComments(tx, ids.map(Number));
  counts.respondentsDeleted = await countTouched(
    tx,
    `DELETE FROM survey_respondents r WHERE r.survey_id = ANY($1::bigint[]) AND r.aad_object_id IS NULL AND NOT r.reachable
       AND NOT EXISTS (SELECT 1 FROM survey_responses x WHERE x.respondent_id = r.id)`,
    [ids],
  );
  counts.respondentsAnonymised = await countTouched(
    tx,
    `UPDATE survey_respondents SET aad_object_id = NULL, name = '' WHERE survey_id = ANY($1::bigint[]) AND (aad_object_id IS NOT NULL OR name <> '')`,
    [ids],
  );
  counts.commentsRemoved = await countTouched(
    tx,
    `UPDATE survey_responses SET answers = answers || '{"comment": null}'::jsonb WHERE survey_id = ANY($1::bigint[]) AND answers->>'comment' IS NOT NULL`,
    [ids],
  );
  await tx.query('UPDATE survey_responses SET person_key = NULL WHERE survey_id = ANY($1::bigint[]) AND person_key IS NOT NULL', [ids]);
  return counts;
}

/** A survey, as the handlers need it. */
export interface SurveyRecord {
  id: number;
  caseId: number | null;
  title: string;
  category: string;
  status: 'open' | 'closed';
  closeAt: string;
}

export interface Respondent {
  id: number;
  surveyId: number;
  aadObjectId: string | null;
  name: string;
  role: 'submitter' | 'reference' | 'officer-added';
  locale: string;
  reachable: boolean;
}

type RespondentRow = { id: string; survey_id: string; aad_object_id: string | null; name: string; role: Respondent['role']; locale: string; reachable: boolean };
const RESPONDENT_COLUMNS = 'id, survey_id, aad_object_id, name, role, locale, reachable';
const toRespondent = (r: RespondentRow): Respondent => ({
  id: Number(r.id),
  surveyId: Number(r.survey_id),
  aadObjectId: r.aad_object_id,
  name: r.name,
  role: r.role,
  locale: r.locale,
  reachable: r.reachable,
});

/** When the reminder goes out and the survey closes, in days from now. */
export interface SurveySchedule {
  reminderDays: number;
  closeDays: number;
}

/** The actual contract start of a case's survey, once the officer has recorded it. */
export async function setSurveyContractStart(q: Queryable, caseId: number, contractStart: string | null): Promise<void> {
  if (contractStart) await q.query('UPDATE surveys SET contract_start = $2 WHERE case_id = $1', [caseId, contractStart]);
}

/** The survey for a case (at most one per case): its id, or null when the case has one already. */
export async function insertCaseSurvey(
  tx: Queryable,
  c: { caseId: number; title: string; category: string; submittedOn: string; contractStart: string | null; startedBy: string },
  schedule: SurveySchedule,
): Promise<number | null> {
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO surveys (case_id, procurement_title, category, submitted_on, contract_start, remind_at, close_at, started_by_aad_id)
     VALUES ($1, $2, $3, $4, $5, now() + ($6::int * interval '1 day'), now() + ($7::int * interval '1 day'), $8)
     ON CONFLICT (case_id) DO NOTHING RETURNING id`,
    [c.caseId, c.title, c.category, c.submittedOn, c.contractStart, schedule.reminderDays, schedule.closeDays, c.startedBy],
  );
  return created ? Number(created.id) : null;
}

/** A survey for a procurement that is not a case here. */
export async function insertStandaloneSurvey(tx: Queryable, s: { title: string; category: string; startedBy: string }, schedule: SurveySchedule): Promise<number> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO surveys (case_id, procurement_title, category, remind_at, close_at, started_by_aad_id)
     VALUES (NULL, $1, $2, now() + ($3::int * interval '1 day'), now() + ($4::int * interval '1 day'), $5) RETURNING id`,
    [s.title, s.category, schedule.reminderDays, schedule.closeDays, s.startedBy],
  );
  return Number(row.id);
}

/** Adds a person to a survey (once per Entra id); their respondent id, or null when already there. */
export async function addRespondent(
  tx: Queryable,
  surveyId: number,
  p: { aad: string | null; name: string; role: Respondent['role']; locale: string },
): Promise<number | null> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO survey_respondents (survey_id, aad_object_id, name, role, locale, reachable) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (survey_id, aad_object_id) DO NOTHING RETURNING id`,
    [surveyId, p.aad, p.name, p.role, p.locale, p.aad !== null],
  );
  return row ? Number(row.id) : null;
}

export async function findSurvey(q: Queryable, surveyId: number): Promise<SurveyRecord | null> {
  const [r] = await q.query<{ id: string; case_id: string | null; procurement_title: string; category: string; status: 'open' | 'closed'; close_at: string }>(
    'SELECT id, case_id, procurement_title, category, status, close_at FROM surveys WHERE id = $1',
    [surveyId],
  );
  return r ? { id: Number(r.id), caseId: r.case_id ? Number(r.case_id) : null, title: r.procurement_title, category: r.category, status: r.status, closeAt: r.close_at } : null;
}

/** A respondent by id, or by survey and Entra id. */
export async function findRespondent(q: Queryable, by: { id: number } | { surveyId: number; aadObjectId: string }): Promise<Respondent | null> {
  const [r] =
    'id' in by
      ? await q.query<RespondentRow>(`SELECT ${RESPONDENT_COLUMNS} FROM survey_respondents WHERE id = $1`, [by.id])
      : await q.query<RespondentRow>(`SELECT ${RESPONDENT_COLUMNS} FROM survey_respondents WHERE survey_id = $1 AND aad_object_id = $2`, [by.surveyId, by.aadObjectId.toLowerCase()]);
  return r ? toRespondent(r) : null;
}

export async function answersOf(q: Queryable, respondentId: number): Promise<SurveyAnswers | null> {
  const rows = await q.query<{ answers: SurveyAnswers }>('SELECT answers FROM survey_responses WHERE respondent_id = $1', [respondentId]);
  return rows[0]?.answers ?? null;
}

/** The survey's status, with the row locked for the rest of the transaction; null when there is no such survey. */
export async function lockSurveyStatus(tx: Queryable, surveyId: number): Promise<string | null> {
  const [s] = await tx.query<{ status: string }>('SELECT status FROM surveys WHERE id = $1 FOR UPDATE', [surveyId]);
  return s?.status ?? null;
}

/** Stores or replaces one respondent's answers; true when they were stored for the first time. */
export async function upsertResponse(tx: Queryable, surveyId: number, respondentId: number, answers: SurveyAnswers): Promise<boolean> {
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO survey_responses (survey_id, respondent_id, answers) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (respondent_id) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [surveyId, respondentId, JSON.stringify(answers)],
  );
  return Boolean(rows[0]?.inserted);
}

/** Open surveys whose reminder is due, claimed for this transaction (SKIP LOCKED: one instance each). */
export async function claimDueReminders(tx: Queryable): Promise<number[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM surveys WHERE status = 'open' AND reminded_at IS NULL AND remind_at <= now() AND close_at > now()
     ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((r) => Number(r.id));
}

/** Reachable respondents who have not answered. */
export async function unansweredRespondents(tx: Queryable, surveyId: number): Promise<{ id: number; aad: string }[]> {
  const rows = await tx.query<{ id: string; aad_object_id: string }>(
    `SELECT r.id, r.aad_object_id FROM survey_respondents r
     WHERE r.survey_id = $1 AND r.reachable AND r.aad_object_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM survey_responses x WHERE x.respondent_id = r.id)`,
    [surveyId],
  );
  return rows.map((r) => ({ id: Number(r.id), aad: r.aad_object_id }));
}

export async function markReminded(tx: Queryable, surveyId: number): Promise<void> {
  await tx.query('UPDATE surveys SET reminded_at = now() WHERE id = $1', [surveyId]);
}

/** Closes open surveys whose time is up (SKIP LOCKED); how many. */
export async function closeDueSurveys(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE surveys SET status = 'closed', closed_at = now()
     WHERE id IN (SELECT id FROM surveys WHERE status = 'open' AND close_at <= now() ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
  );
  return rows.length;
}

/** Names of the people one survey could not reach in Teams, in the order they were added. */
export async function unreachableNames(q: Queryable, surveyId: number): Promise<string[]> {
  const rows = await q.query<{ name: string }>('SELECT name FROM survey_respondents WHERE survey_id = $1 AND NOT reachable ORDER BY id', [surveyId]);
  return rows.map((r) => r.name);
}
