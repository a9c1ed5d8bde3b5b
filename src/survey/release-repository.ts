import { Queryable, Tx } from '../db';
import { SurveyAnswers, quarterOf } from './nki';
import { QuarterSnapshot } from './release';

/**
 * The release of NKI quarters (migration 018): which quarters are due, the answers of one quarter with the
 * people behind them (only until release), the frozen snapshots and their comments.
 */

/** Every survey not yet released: its quarter (by the day it was sent) and whether it is still open. */
export async function unreleasedSurveys(q: Queryable): Promise<{ id: number; quarter: string; open: boolean; category: string; caseNumber: string | null }[]> {
  const rows = await q.query<{ id: string; opened: string; status: string; category: string; case_number: string | null }>(
    `SELECT s.id, to_char(s.opened_at, 'YYYY-MM-DD') AS opened, s.status, s.category, c.case_number
     FROM surveys s LEFT JOIN cases c ON c.id = s.case_id WHERE s.release_id IS NULL ORDER BY s.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), quarter: quarterOf(r.opened), open: r.status !== 'closed', category: r.category, caseNumber: r.case_number }));
}

/** Today's quarter by the database's clock (the one surveys close by). */
export async function currentQuarter(q: Queryable): Promise<string> {
  const [r] = await q.query<{ today: string }>(`SELECT to_char(now(), 'YYYY-MM-DD') AS today`);
  return quarterOf(r.today);
}

/** Claims a quarter for release (one instance wins); the release id, or null when it is released already. */
export async function claimRelease(tx: Tx, quarter: string): Promise<number | null> {
  const [row] = await tx.query<{ id: string }>('INSERT INTO nki_releases (quarter) VALUES ($1) ON CONFLICT (quarter) DO NOTHING RETURNING id', [quarter]);
  return row ? Number(row.id) : null;
}

/** The surveys of a quarter that are still unreleased, locked; null when one of them is open after all. */
export async function lockQuarterSurveys(tx: Tx, ids: readonly number[]): Promise<number[] | null> {
  const rows = await tx.query<{ id: string; status: string }>('SELECT id, status FROM surveys WHERE id = ANY($1::bigint[]) AND release_id IS NULL ORDER BY id FOR UPDATE', [ids]);
  return rows.some((r) => r.status !== 'closed') ? null : rows.map((r) => Number(r.id));
}

export interface QuarterAnswer {
  responseId: number;
  surveyId: number;
  /** The person's Entra id; null only for answers whose respondent was purged before release. */
  aad: string | null;
  answers: SurveyAnswers;
  category: string;
  caseNumber: string | null;
  startedBy: string;
}

/** The answers of the given surveys with who gave them (read only at release, then the link goes). */
export async function quarterAnswers(tx: Tx, surveyIds: readonly number[]): Promise<QuarterAnswer[]> {
  const rows = await tx.query<{ id: string; survey_id: string; aad_object_id: string | null; answers: SurveyAnswers; category: string; case_number: string | null; started_by_aad_id: string }>(
    `SELECT x.id, x.survey_id, r.aad_object_id, x.answers, s.category, c.case_number, s.started_by_aad_id
     FROM survey_responses x JOIN surveys s ON s.id = x.survey_id LEFT JOIN survey_respondents r ON r.id = x.respondent_id
     LEFT JOIN cases c ON c.id = s.case_id WHERE x.survey_id = ANY($1::bigint[]) ORDER BY x.id`,
    [surveyIds],
  );
  return rows.map((r) => ({
    responseId: Number(r.id),
    surveyId: Number(r.survey_id),
    aad: r.aad_object_id?.toLowerCase() ?? null,
    answers: r.answers,
    category: r.category,
    caseNumber: r.case_number,
    startedBy: r.started_by_aad_id.toLowerCase(),
  }));
}

/** The reachable people the given surveys invited, with each survey's category, case and sender. */
export async function quarterInvitations(tx: Tx, surveyIds: readonly number[]): Promise<{ aad: string; category: string; caseNumber: string | null; startedBy: string }[]> {
  const rows = await tx.query<{ aad_object_id: string; category: string; case_number: string | null; started_by_aad_id: string }>(
    `SELECT r.aad_object_id, s.category, c.case_number, s.started_by_aad_id FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id
     LEFT JOIN cases c ON c.id = s.case_id WHERE r.survey_id = ANY($1::bigint[]) AND r.reachable AND r.aad_object_id IS NOT NULL`,
    [surveyIds],
  );
  return rows.map((r) => ({ aad: r.aad_object_id.toLowerCase(), category: r.category, caseNumber: r.case_number, startedBy: r.started_by_aad_id.toLowerCase() }));
}

/** Names that may turn up in the quarter's comments: respondents, submitters, reference groups, officers. */
export async function namesNear(tx: Tx, surveyIds: readonly number[]): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT r.name FROM survey_respondents r WHERE r.survey_id = ANY($1::bigint[]) AND r.name <> ''
     UNION SELECT c.submitter_name FROM surveys s JOIN cases c ON c.id = s.case_id WHERE s.id = ANY($1::bigint[]) AND c.submitter_name <> ''
     UNION SELECT coalesce(c.need->>'referenceGroup', '') FROM surveys s JOIN cases c ON c.id = s.case_id WHERE s.id = ANY($1::bigint[])
     UNION SELECT name FROM officer_team_members WHERE name <> ''`,
    [surveyIds],
  );
  return rows.flatMap((r) => r.name.split(/[\n;,]+/)).map((n) => n.trim()).filter(Boolean);
}

/** Stores the frozen figures and the comments (in the order given), unlinks the answers and marks the surveys released. */
export async function storeRelease(
  tx: Tx,
  release: { id: number; snapshot: QuarterSnapshot; comments: readonly string[]; surveyIds: readonly number[] },
  answers: { keep: { responseId: number; personKey: string | null }[]; drop: number[] },
): Promise<void> {
  await tx.query('UPDATE nki_releases SET figures = $2::jsonb WHERE id = $1', [release.id, JSON.stringify(release.snapshot)]);
  for (const text of release.comments) await tx.query('INSERT INTO nki_release_comments (release_id, text) VALUES ($1, $2)', [release.id, text]);
  if (answers.drop.length) await tx.query('DELETE FROM survey_responses WHERE id = ANY($1::bigint[])', [answers.drop]);
  if (answers.keep.length) {
    await tx.query(
      `UPDATE survey_responses x SET respondent_id = NULL, person_key = k.person_key
       FROM unnest($1::bigint[], $2::text[]) AS k(id, person_key) WHERE x.id = k.id`,
      [answers.keep.map((a) => a.responseId), answers.keep.map((a) => a.personKey)],
    );
  }
  await tx.query('UPDATE surveys SET release_id = $1 WHERE id = ANY($2::bigint[])', [release.id, release.surveyIds]);
}

export interface ReleasedComment {
  id: number;
  quarter: string;
  text: string;
}

/** Every released quarter's snapshot, oldest first, and the comments not hidden, in their stored (random) order. */
export async function releasedQuarters(q: Queryable): Promise<{ snapshots: QuarterSnapshot[]; comments: ReleasedComment[] }> {
  const releases = await q.query<{ figures: QuarterSnapshot }>(`SELECT figures FROM nki_releases WHERE figures->'cells' IS NOT NULL ORDER BY quarter`);
  const comments = await q.query<{ id: string; quarter: string; text: string }>(
    `SELECT c.id, r.quarter, c.text FROM nki_release_comments c JOIN nki_releases r ON r.id = c.release_id WHERE c.hidden_at IS NULL ORDER BY c.id`,
  );
  return { snapshots: releases.map((r) => r.figures), comments: comments.map((c) => ({ id: Number(c.id), quarter: c.quarter, text: c.text })) };
}

/** Hides a comment (who and when are kept: the log); false when there is no such visible comment. */
export async function hideComment(q: Queryable, id: number, officerAad: string): Promise<boolean> {
  const rows = await q.query('UPDATE nki_release_comments SET hidden_at = now(), hidden_by_aad_id = $2 WHERE id = $1 AND hidden_at IS NULL RETURNING id', [id, officerAad.toLowerCase()]);
  return rows.length > 0;
}

/** The comments of the quarters the given surveys were released in (free text; who hid one goes with it): the purge's part. */
export async function purgeReleasedComments(tx: Tx, surveyIds: readonly number[]): Promise<number> {
  const rows = await tx.query(
    `DELETE FROM nki_release_comments WHERE release_id IN (SELECT release_id FROM surveys WHERE id = ANY($1::bigint[]) AND release_id IS NOT NULL) RETURNING id`,
    [surveyIds],
  );
  return rows.length;
}

/**
 * Which of the given people are officers (PROCUREMENT_OFFICERS or the officers' team), read in the caller's
 * transaction: an officer is never a respondent.
 */
export async function officersAmong(q: Queryable, aadIds: readonly string[], configured: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(aadIds.map((a) => a.toLowerCase()))];
  const fixed = new Set(configured.map((a) => a.toLowerCase()));
  const out = new Set(ids.filter((a) => fixed.has(a)));
  if (ids.length === 0) return out;
  const rows = await q.query<{ aad_object_id: string }>('SELECT aad_object_id FROM officer_team_members WHERE aad_object_id = ANY($1::text[])', [ids]);
  for (const r of rows) out.add(r.aad_object_id.toLowerCase());
  return out;
}
