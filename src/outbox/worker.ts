import { classifyFailure } from '../bot/messenger';
import { Logger } from '../logger';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from './rate-limit';
import { OutboxRepository, OutboxRow } from './repository';

/** Delivers one notice; returns what to keep (e.g. the activity id); throws when the connector refused it. */
export type DeliveryHandler = (row: OutboxRow) => Promise<Record<string, unknown>>;

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

/** Exponential backoff with full jitter: a random delay up to base × 2^attempts, capped. */
export function backoffMs(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempts, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Polls the outbox, delivers due notices one by one, and reschedules failures: after the time the
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
   * Waits until Teams' limits allow a send to the row's conversation, then takes the slot. The wait may
   * outlast the claim's lock, and another worker may have claimed the notice meanwhile, so the claim is
   * renewed before the slot is taken: false means the notice is no longer this worker's to send.
   */
  async function sendSlot(row: OutboxRow): Promise<boolean> {
    for (;;) {
      const wait = Math.max(perTenant.waitMs('tenant'), perConversation.waitMs(row.target));
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      if (row.lockToken) {
        const renewed = await repo.renew(row.id, row.lockToken, lockMs);
        if (!renewed) return false;
        row.lockToken = renewed;
      }
      // Another lane may have used the slot while the claim was renewed.
      if (perTenant.waitMs('tenant') === 0 && perConversation.waitMs(row.target) === 0) {
        perTenant.take('tenant');
        perConversation.take(row.target);
        return true;
      }
    }
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const handler = handlers[row.kind];
    if (!handler) {
      opts.onDeliveryFailure?.(row.kind, undefined);
      await repo.failed(row.id, `no handler for kind ${row.kind}`, max, row.lockToken);
      return;
    }
    try {
      if (!(await sendSlot(row))) {
        logger.info({ outboxId: row.id, kind: row.kind }, 'notice taken over by another worker while waiting for the rate limit; not sent here');
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

  /** Delivers everything due now, a few at a time; returns how many notices were tried. */
  async function runOnce(): Promise<number> {
    let tried = 0;
    for (;;) {
      const rows = await repo.claim(batch, lockMs);
      if (rows.length === 0) return tried;
      let next = 0;
      const lanes = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
        while (next < rows.length) {
          if (!running && loop) return;
          const row = rows[next++];
          await deliver(row);
          tried++;
        }
      });
      await Promise.all(lanes);
      if (!running && loop) return tried;
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
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
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
