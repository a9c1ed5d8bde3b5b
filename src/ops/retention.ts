import { Db, Tx } from '../db';
import { TERMINAL_STATUSES } from '../intake/lifecycle';
import { Logger } from '../logger';

/**
 * Personal-data retention (GDPR storage limitation). Once a day per database, personal data older
 * than RETENTION_DAYS is deleted or anonymised:
 *
 * - closed cases (avslutad, avböjd, återtagen) not changed within the period: names, Entra ids and the
 *   free text that may name people (the need's description, reference group, market contacts, free
 *   text, pending question, comments in the history) are removed. What the internal-control report and
 *   the NKI report need (dates, category, values, route, risk, unit, cost centre, statuses) stays.
 * - NKI surveys closed before the period: respondents lose their Entra id and name (the anonymous
 *   answers and the count of people invited stay, so NKI and response rate do not change); comments
 *   in the answers are removed (free text); people listed only by name (unreachable) are deleted.
 * - answered "Fråga en inköpare" questions, language-model answers and their feedback: deleted.
 * - delivered outbox notices, bot conversation/user state and personal conversation references not
 *   touched within the period: deleted.
 *
 * Open cases, open questions and anything newer than the period are untouched. Only counts are logged.
 */
export const RETENTION_JOB = 'retention-purge';

export type PurgeCounts = Record<
  | 'casesAnonymised'
  | 'caseEventsAnonymised'
  | 'surveysAnonymised'
  | 'respondentsAnonymised'
  | 'respondentsDeleted'
  | 'commentsRemoved'
  | 'ticketsDeleted'
  | 'policyAnswersDeleted'
  | 'policyFeedbackDeleted'
  | 'outboxDeleted'
  | 'botStateDeleted'
  | 'conversationRefsDeleted',
  number
>;

const count = async (tx: Tx, sql: string, params: unknown[]): Promise<number> => {
  const rows = await tx.query<{ n: number }>(`WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`, params);
  return rows[0]?.n ?? 0;
};

/** Purges everything older than `days` days (measured by the database clock). Runs inside the caller's transaction. */
export async function purgePersonalData(tx: Tx, days: number): Promise<PurgeCounts> {
  const cutoff = [days];
  const before = `now() - ($1::int * interval '1 day')`;

  // Cases first collect their ids, so their history is anonymised in the same pass.
  const cases = await tx.query<{ id: string }>(
    `UPDATE cases SET
       submitter_aad_id = '', submitter_name = '', assigned_aad_id = NULL, assigned_name = NULL, pending_question = NULL,
       need = (need - 'referenceGroup' - 'marketContacts' - 'freeText') || '{"need": ""}'::jsonb,
       personal_data_purged_at = now()
     WHERE personal_data_purged_at IS NULL AND status = ANY($2::text[]) AND updated_at < ${before}
     RETURNING id`,
    [days, TERMINAL_STATUSES],
  );
  const caseIds = cases.map((c) => c.id);
  const caseEventsAnonymised = caseIds.length
    ? await count(tx, `UPDATE case_events SET actor_aad_id = '', actor_name = '', comment = NULL WHERE case_id = ANY($1::bigint[])`, [caseIds])
    : 0;

  const surveys = await tx.query<{ id: string }>(
    `UPDATE surveys SET started_by_aad_id = '', personal_data_purged_at = now()
     WHERE personal_data_purged_at IS NULL AND status = 'closed' AND closed_at < ${before}
     RETURNING id`,
    cutoff,
  );
  const surveyIds = surveys.map((s) => s.id);
  let respondentsDeleted = 0;
  let respondentsAnonymised = 0;
  let commentsRemoved = 0;
  if (surveyIds.length) {
    // Listed by name only (reference-group members without an Entra id): never invited, never answered.
    respondentsDeleted = await count(
      tx,
      `DELETE FROM survey_respondents r WHERE r.survey_id = ANY($1::bigint[]) AND r.aad_object_id IS NULL AND NOT r.reachable
         AND NOT EXISTS (SELECT 1 FROM survey_responses x WHERE x.respondent_id = r.id)`,
      [surveyIds],
    );
    respondentsAnonymised = await count(
      tx,
      `UPDATE survey_respondents SET aad_object_id = NULL, name = '' WHERE survey_id = ANY($1::bigint[]) AND (aad_object_id IS NOT NULL OR name <> '')`,
      [surveyIds],
    );
    commentsRemoved = await count(
      tx,
      `UPDATE survey_responses SET answers = answers || '{"comment": null}'::jsonb
       WHERE survey_id = ANY($1::bigint[]) AND answers->>'comment' IS NOT NULL`,
      [surveyIds],
    );
  }

  const counts: PurgeCounts = {
    casesAnonymised: caseIds.length,
    caseEventsAnonymised,
    surveysAnonymised: surveyIds.length,
    respondentsAnonymised,
    respondentsDeleted,
    commentsRemoved,
    // Unanswered questions stay: someone is still waiting for an answer.
    ticketsDeleted: await count(tx, `DELETE FROM tickets WHERE status = 'answered' AND coalesce(answered_at, created_at) < ${before}`, cutoff),
    policyFeedbackDeleted: await count(tx, `DELETE FROM policy_feedback WHERE created_at < ${before}`, cutoff),
    policyAnswersDeleted: await count(tx, `DELETE FROM policy_answers WHERE created_at < ${before}`, cutoff),
    outboxDeleted: await count(tx, `DELETE FROM outbox WHERE status = 'delivered' AND coalesce(delivered_at, created_at) < ${before}`, cutoff),
    botStateDeleted: await count(tx, `DELETE FROM bot_state WHERE updated_at < ${before}`, cutoff),
    // A person's 1:1 conversation reference (their id and name); the officers' channel is kept.
    conversationRefsDeleted: await count(tx, `DELETE FROM conversation_refs WHERE key LIKE 'user:%' AND updated_at < ${before}`, cutoff),
  };
  return counts;
}

export interface RetentionRun {
  ran: boolean;
  counts?: PurgeCounts;
}

/**
 * The daily job on the outbox worker's schedule. Each instance looks at most every checkEveryMs; the
 * job row is claimed with FOR UPDATE SKIP LOCKED and the purge runs in the same transaction, so one
 * instance runs it per day and a failed run is retried at the next check.
 */
export function createRetentionJob(deps: {
  db: Db;
  logger: Logger;
  /** null = retention switched off. */
  days: number | null;
  checkEveryMs?: number;
  onPurged?: (counts: PurgeCounts) => void;
}) {
  const checkEveryMs = deps.checkEveryMs ?? 15 * 60_000;
  let lastCheck = Number.NEGATIVE_INFINITY;

  async function runIfDue(): Promise<RetentionRun> {
    const days = deps.days;
    if (days === null) return { ran: false };
    const result = await deps.db.transaction(async (tx): Promise<RetentionRun> => {
      const claimed = await tx.query(
        `SELECT job FROM scheduled_jobs WHERE job = $1 AND (last_run_at IS NULL OR last_run_at <= now() - interval '1 day') FOR UPDATE SKIP LOCKED`,
        [RETENTION_JOB],
      );
      if (claimed.length === 0) return { ran: false };
      const counts = await purgePersonalData(tx, days);
      await tx.query(`UPDATE scheduled_jobs SET last_run_at = now(), last_result = $2::jsonb WHERE job = $1`, [RETENTION_JOB, JSON.stringify({ days, ...counts })]);
      return { ran: true, counts };
    });
    if (result.ran && result.counts) {
      deps.logger.info({ job: RETENTION_JOB, retentionDays: days, ...result.counts }, 'personal data older than the retention period purged');
      deps.onPurged?.(result.counts);
    }
    return result;
  }

  return {
    runIfDue,
    /** For the scheduler: checks the database only every checkEveryMs; failures are logged, not thrown. */
    async tick(): Promise<void> {
      if (deps.days === null || Date.now() - lastCheck < checkEveryMs) return;
      lastCheck = Date.now();
      try {
        await runIfDue();
      } catch (err) {
        deps.logger.error({ job: RETENTION_JOB, err: (err as Error).message }, 'retention purge failed; retried at the next check');
      }
    },
  };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
