import type { ModulePurge } from '../core/module';
import { Db, Tx } from '../db';
import { claimDailyJob, purgeInfrastructure, recordJobRun } from './repository';
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

/** Counts of what was purged, by name (each module reports its own, e.g. casesAnonymised). */
export type PurgeCounts = Record<string, number>;

/**
 * Purges everything older than `days` days (measured by the database clock), inside the caller's
 * transaction: each module's own data, then what the infrastructure keeps (delivered notices, bot
 * state, personal conversation references).
 */
export async function purgePersonalData(tx: Tx, days: number, purges: readonly ModulePurge[]): Promise<PurgeCounts> {
  const counts: PurgeCounts = {};
  for (const { purge } of purges) Object.assign(counts, await purge(tx, days));
  return { ...counts, ...(await purgeInfrastructure(tx, days)) };
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
  /** The modules' purges (src/modules.ts), in order. */
  purges: readonly ModulePurge[];
  checkEveryMs?: number;
  onPurged?: (counts: PurgeCounts) => void;
}) {
  const checkEveryMs = deps.checkEveryMs ?? 15 * 60_000;
  let lastCheck = Number.NEGATIVE_INFINITY;

  async function runIfDue(): Promise<RetentionRun> {
    const days = deps.days;
    if (days === null) return { ran: false };
    const result = await deps.db.transaction(async (tx): Promise<RetentionRun> => {
      const claimed = await claimDailyJob(tx, RETENTION_JOB);
      if (!claimed) return { ran: false };
      const counts = await purgePersonalData(tx, days, deps.purges);
      await recordJobRun(tx, RETENTION_JOB, { days, ...counts });
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
