import { Queryable, Tx, countTouched } from '../db';
import { SurveyAnswers } from './nki';

/** Which surveys a report covers; every field given narrows it. */
export interface SurveyScope {
  year?: number;
  category?: string;
  caseNumber?: string;
}

/** The conditions on `surveys s` that the scope sets, and their parameters. */
function scopeFilter(scope: SurveyScope): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.year) {
    params.push(scope.year);
    where.push(`extract(year FROM s.opened_at) = $${params.length}`);
  }
  if (scope.category) {
    params.push(scope.category);
    where.push(`s.category = $${params.length}`);
  }
  if (scope.caseNumber) {
    params.push(scope.caseNumber.toUpperCase());
    where.push(`s.case_id = (SELECT id FROM cases WHERE case_number = $${params.length})`);
  }
  return { where, params };
}

/** The scope's conditions plus one more on the respondent (`r`). */
function withRespondentCondition(scope: SurveyScope, condition: string): { sql: string; params: unknown[] } {
  const { where, params } = scopeFilter(scope);
  return { sql: `WHERE ${[...where, condition].join(' AND ')}`, params };
}

/** `WHERE …` for the scope ('' for all surveys). */
function scopeWhere(scope: SurveyScope): { sql: string; params: unknown[] } {
  const { where, params } = scopeFilter(scope);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The answers in scope with the day each was submitted (for quarters). No respondent is named. */
export async function responsesInScope(q: Queryable, scope: SurveyScope): Promise<{ answers: SurveyAnswers; day: string }[]> {
  const w = scopeWhere(scope);
  return q.query<{ answers: SurveyAnswers; day: string }>(
    `SELECT x.answers, to_char(x.submitted_at, 'YYYY-MM-DD') AS day FROM survey_responses x JOIN surveys s ON s.id = x.survey_id ${w.sql}`,
    w.params,
  );
}

/** How many reachable people the surveys in scope asked (the response rate's denominator). */
export async function reachableRespondentCount(q: Queryable, scope: SurveyScope): Promise<number> {
  const w = withRespondentCondition(scope, 'r.reachable');
  const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id ${w.sql}`, w.params);
  return n;
}

/** Names of the people one case's survey could not reach in Teams, in the order they were added. Names only; nothing about answers. */
export async function unreachableRespondentNames(q: Queryable, scope: SurveyScope & { caseNumber: string }): Promise<string[]> {
  const w = withRespondentCondition(scope, 'NOT r.reachable');
  const rows = await q.query<{ name: string }>(`SELECT r.name FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id ${w.sql} ORDER BY r.id`, w.params);
  return rows.map((r) => r.name);
}

/** Every answer of the year (or of all years), with its day and its survey's category, for the aggregate CSV. */
export async function responsesWithCategory(q: Queryable, year: number | undefined): Promise<{ answers: SurveyAnswers; day: string; category: string }[]> {
  const w = scopeWhere({ year });
  return q.query<{ answers: SurveyAnswers; day: string; category: string }>(
    `SELECT x.answers, to_char(x.submitted_at, 'YYYY-MM-DD') AS day, s.category FROM survey_responses x JOIN surveys s ON s.id = x.survey_id ${w.sql}`,
    w.params,
  );
}

/**
 * Reachable people asked, counted per category and per survey opening (the year's or all years').
 * `quarter` holds the opening day (YYYY-MM-DD); the caller maps it to its quarter.
 */
export async function reachableRespondentsByCategory(q: Queryable, year: number | undefined): Promise<{ category: string; quarter: string; n: number }[]> {
  const w = withRespondentCondition({ year }, 'r.reachable');
  return q.query<{ category: string; quarter: string; n: number }>(
    `SELECT s.category, to_char(s.opened_at, 'YYYY-MM-DD') AS quarter, count(*)::int AS n
     FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id ${w.sql}
     GROUP BY s.category, s.opened_at`,
    w.params,
  );
}

/** How many people one survey reached in Teams (what the officer is told when sending it). */
export async function countReachable(q: Queryable, surveyId: number): Promise<number> {
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_respondents WHERE survey_id = $1 AND reachable', [surveyId]);
  return n;
}

/**
 * NKI surveys closed before the retention period: respondents lose their Entra id and name (the
 * anonymous answers and the count of people invited stay, so NKI and the response rate do not change);
 * comments in the answers are removed (free text); people listed only by name (unreachable) are deleted.
 */
export async function purgeSurveys(tx: Tx, days: number): Promise<Record<string, number>> {
  const surveys = await tx.query<{ id: string }>(
    `UPDATE surveys SET started_by_aad_id = '', personal_data_purged_at = now()
     WHERE personal_data_purged_at IS NULL AND status = 'closed' AND closed_at < now() - ($1::int * interval '1 day')
     RETURNING id`,
    [days],
  );
  const ids = surveys.map((x) => x.id);
  const counts = { surveysAnonymised: ids.length, respondentsAnonymised: 0, respondentsDeleted: 0, commentsRemoved: 0 };
  if (ids.length === 0) return counts;
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
  return counts;
}
