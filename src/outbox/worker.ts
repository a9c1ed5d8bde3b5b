import { DeliveryHandler } from '../core/delivery';
import { classifyFailure } from '../core/messenger';
import { Logger } from '../logger';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from '../util/rate-limit';
import { OutboxRepository, OutboxRow } from './repository';

export type { DeliveryHandler };

export interface WorkerOptions {
  pollMs?: number;
  batch?: number;
  lockMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  /** Notices in flight at once (the connector's own retries make sequential delivery slow at scale). */
  concurrency?: number;
  /** Sends per second to the Bot Connector for the whole tenant (Teams allows about 30–50). */
  tenantPerSecond?: number;
  /** Scheduled work to run before a pass (e.g. survey reminders and closing), at most every scheduleMs. */
  onSchedule?: () => Promise<unknown>;
  scheduleMs?: number;
  /** Told about every failed attempt (for metrics); status is the connector's HTTP status, if any. */
  onDeliveryFailure?: (kind: string, status: number | undefined) => void;
}

/** How long after its due time a put-back notice is still waited for (the database's clock may lag a little). */
const DEFER_GRACE_MS = 100;

/** Exponential backoff with full jitter: a random delay up to base × 2^attempts, capped. */
export function backoffMs(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempts, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Polls the outbox, delivers due notices a few at a time, and reschedules failures: after the time the
 * service asked for (Retry-After on 429) or with exponential backoff and jitter. Nothing is dropped:
 * a notice that keeps failing stays pending (and visible to officers) and is retried at most hourly.
 */
export function createOutboxWorker(repo: OutboxRepository, handlers: Record<string, DeliveryHandler>, logger: Logger, opts: WorkerOptions = {}) {
  const pollMs = opts.pollMs ?? 1000;
  const batch = opts.batch ?? 20;
  const lockMs = opts.lockMs ?? 60_000;
  const base = opts.baseBackoffMs ?? 1000;
  const max = opts.maxBackoffMs ?? 3_600_000;
  const random = opts.random ?? Math.random;
  let running = false;
  let loop: Promise<void> | undefined;
  let lastSchedule = 0;
  const concurrency = opts.concurrency ?? 8;
  // Teams' limits: 7 sends a second, 60 per 30 seconds, 1 800 an hour per conversation; ~30/s per tenant.
  const perConversation = new RateLimiter(TEAMS_CONVERSATION_LIMITS);
  const perTenant = new RateLimiter([{ max: opts.tenantPerSecond ?? 30, ms: 1000 }]);
  let wake: (() => void) | undefined;

  /**
   * Takes a send slot for the row's conversation, or says how long that conversation must wait. The
   * tenant's limit is shared by every conversation, so it is waited for here; a conversation's own limit
   * is not: the lane puts the notice back (without counting an attempt) and moves on to other
   * conversations' work. The claim is renewed before the slot is taken, since a wait may outlast its
   * lock: 'lost' means another worker took the notice over.
   */
  async function sendSlot(row: OutboxRow): Promise<'ok' | 'lost' | { deferMs: number }> {
    for (;;) {
      const conversationWait = perConversation.waitMs(row.target);
      if (conversationWait > 0) return { deferMs: conversationWait };
      const tenantWait = perTenant.waitMs('tenant');
      if (tenantWait > 0) {
        await new Promise((r) => setTimeout(r, tenantWait));
        continue;
      }
      if (row.lockToken) {
        const renewed = await repo.renew(row.id, row.lockToken, lockMs);
        if (!renewed) return 'lost';
        row.lockToken = renewed;
      }
      // Another lane may have used the slot while the claim was renewed.
      if (perTenant.waitMs('tenant') === 0 && perConversation.waitMs(row.target) === 0) {
        perTenant.take('tenant');
        perConversation.take(row.target);
        return 'ok';
      }
    }
  }

  /** When each notice put back for its conversation's rate limit is due again (ms since epoch). */
  let deferredUntil: number[] = [];

  async function deliver(row: OutboxRow): Promise<void> {
    const handler = handlers[row.kind];
    if (!handler) {
      opts.onDeliveryFailure?.(row.kind, undefined);
      await repo.failed(row.id, `no handler for kind ${row.kind}`, max, row.lockToken);
      return;
    }
    try {
      const slot = await sendSlot(row);
      if (slot === 'lost') {
        logger.info({ outboxId: row.id, kind: row.kind }, 'notice taken over by another worker while waiting for the rate limit; not sent here');
        return;
      }
      if (slot !== 'ok') {
        await repo.defer(row.id, slot.deferMs, row.lockToken);
        deferredUntil.push(Date.now() + slot.deferMs);
        return;
      }
      const result = await handler(row);
      await repo.delivered(row.id, result);
    } catch (err) {
      const f = classifyFailure(err);
      const delay = f.retryable ? (f.retryAfterMs ?? backoffMs(row.attempts, base, max, random)) : max;
      opts.onDeliveryFailure?.(row.kind, f.status);
      logger.warn({ outboxId: row.id, kind: row.kind, attempts: row.attempts + 1, status: f.status, retryInMs: delay }, 'notice not delivered; will retry');
      await repo.failed(row.id, f.message, delay, row.lockToken);
    }
  }

  /** A pause that a kick (new work) ends early. */
  function pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = undefined;
    });
  }

  /**
   * Delivers everything due now, `concurrency` notices at a time; returns how many notices were tried.
   * Lanes pull from one queue that is refilled by a claim whenever it runs dry, so a lane held by a slow
   * send (a connector waiting out a 429's Retry-After) never keeps the others waiting for a batch to end.
   */
  async function runOnce(): Promise<number> {
    let tried = 0;
    const stopped = () => !running && loop !== undefined;
    for (;;) {
      const queue: OutboxRow[] = [];
      let exhausted = false;
      let claiming: Promise<void> | undefined;
      const refill = (): Promise<void> =>
        (claiming ??= repo
          .claim(batch, lockMs)
          .then((rows) => {
            if (rows.length === 0) exhausted = true;
            else queue.push(...rows);
          })
          .finally(() => {
            claiming = undefined;
          }));
      const lane = async (): Promise<void> => {
        for (;;) {
          if (stopped()) return;
          const row = queue.shift();
          if (row) {
            await deliver(row);
            tried++;
          } else if (exhausted) {
            return;
          } else {
            await refill();
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      if (stopped()) return tried;
      // Nothing else is due: wait for the notices put back for their conversation's limit, then go on.
      // A deadline well past that still finds nothing was taken by another worker: forget it.
      const now = Date.now();
      deferredUntil = deferredUntil.filter((d) => d > now - DEFER_GRACE_MS);
      if (deferredUntil.length === 0 || stopped()) return tried;
      const upcoming = deferredUntil.filter((d) => d > now);
      await pause(upcoming.length > 0 ? Math.min(...upcoming) - now + 5 : DEFER_GRACE_MS / 2);
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            if (opts.onSchedule && Date.now() - lastSchedule >= (opts.scheduleMs ?? 10_000)) {
              lastSchedule = Date.now();
              await opts.onSchedule();
            }
            await runOnce();
          } catch (err) {
            logger.error({ err: (err as Error).message }, 'outbox worker pass failed');
          }
          if (!running) break;
          await pause(pollMs);
        }
      })();
    },
    /** Delivers soon instead of at the next poll (after a commit that enqueued notices). */
    kick() {
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
