import { OFFICERS_CHANNEL } from '../core/targets';
import { Db } from '../db';
import { Logger } from '../logger';
import { enqueue } from '../outbox/repository';
import { digestWeekDue } from './calendar';
import { DigestEntry, digestEntries } from './digest';
import { PlanItem } from './model';
import { claimWeek, weekClaimed } from './repository';

/** The outbox kind of the digest (delivered by the plan module's "digest" handler). */
export const DIGEST_KIND = 'plan.digest';
/** After a failed pass the digest waits this long before trying again (the outbox schedule runs every second). */
export const DIGEST_RETRY_MS = 10 * 60_000;

export interface DigestPayload {
  week: string;
  today: string;
  weeks: number;
  entries: DigestEntry[];
}

export interface DigestRun {
  week: string | null;
  claimed: boolean;
  entries: number;
}

/**
 * The weekly renewal digest, on the outbox worker's schedule on every instance. On the configured day from
 * the configured time (Swedish time), the instance that inserts the week's row in plan_digests enqueues the
 * digest for the officers' channel in the same transaction; the others find the week taken. A week with
 * nothing due or overdue is claimed and sends nothing.
 */
export function createDigestJob(deps: {
  db: Db;
  plan: (today: string) => Promise<PlanItem[]>;
  today: (now: Date) => string;
  now?: () => Date;
  digestDay: number | null;
  digestTime: string;
  alertWeeks: number;
  logger?: Logger;
  onEnqueued?: () => void;
}) {
  // Weeks this instance knows are taken: no query on every schedule pass for the rest of the day.
  let knownTaken: string | null = null;
  // When the last pass failed: no new try (and no plan read) until DIGEST_RETRY_MS later.
  let failedAt: number | null = null;

  async function run(now: Date): Promise<DigestRun> {
    const week = digestWeekDue(now, deps.digestDay, deps.digestTime);
    if (!week || week === knownTaken) return { week, claimed: false, entries: 0 };
    if (await weekClaimed(deps.db, week)) {
      knownTaken = week;
      return { week, claimed: false, entries: 0 };
    }
    const today = deps.today(now);
    const entries = digestEntries(await deps.plan(today), today, deps.alertWeeks);
    const claimed = await deps.db.transaction(async (tx) => {
      if (!(await claimWeek(tx, week, entries.length))) return false;
      const payload: DigestPayload = { week, today, weeks: deps.alertWeeks, entries };
      if (entries.length > 0) await enqueue(tx, [{ kind: DIGEST_KIND, target: OFFICERS_CHANNEL, payload: payload as unknown as Record<string, unknown> }]);
      return true;
    });
    knownTaken = week;
    if (claimed && entries.length > 0) deps.onEnqueued?.();
    if (claimed) deps.logger?.info({ week, entries: entries.length }, entries.length > 0 ? 'plan digest enqueued' : 'plan digest: nothing due this week');
    return { week, claimed, entries: entries.length };
  }

  /** One pass; a failure is logged and tried again DIGEST_RETRY_MS later (the week is claimed only with its digest). */
  return async function tick(): Promise<DigestRun> {
    const now = deps.now?.() ?? new Date();
    if (failedAt !== null && now.getTime() - failedAt < DIGEST_RETRY_MS) return { week: null, claimed: false, entries: 0 };
    try {
      const result = await run(now);
      failedAt = null;
      return result;
    } catch (err) {
      failedAt = now.getTime();
      deps.logger?.error({ err: (err as Error).message, retryInMinutes: DIGEST_RETRY_MS / 60_000 }, 'plan digest failed; will try again later');
      return { week: null, claimed: false, entries: 0 };
    }
  };
}
