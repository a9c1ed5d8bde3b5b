import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Request, Response } from 'restify';
import { Queryable } from '../db';
import { Logger } from '../logger';

/**
 * Prometheus metrics for one built app, in its own registry (tests build several apps in one process).
 * Counters and histograms are updated as things happen; the database gauges (outbox depth and age,
 * survey response rate) are read on scrape with cheap queries. A gauge whose query fails reads NaN.
 */
export type TurnOutcome = 'handled' | 'unhandled' | 'error';

// Activity types Teams sends; anything else is counted as "other" so a client cannot invent labels.
const ACTIVITY_TYPES = new Set([
  'message',
  'invoke',
  'conversationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'installationUpdate',
  'event',
  'typing',
  'endOfConversation',
]);

/** NKI quarters released within this many days count towards the response gauges. */
export const RESPONSE_RATE_WINDOW_DAYS = 90;

export const activityTypeLabel = (type: string | undefined): string => (type && ACTIVITY_TYPES.has(type) ? type : 'other');

export const statusClass = (status: number | undefined): string => (status && status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'none');

/** One query result shared by the gauges that read it during a scrape. */
function perScrape<T>(load: () => Promise<T>, ms = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ms) {
      const value = load();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

export function createMetrics(deps: { db: Queryable; logger: Logger }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { db, logger } = deps;

  const turns = new Counter({
    name: 'inkop_bot_turns_total',
    help: 'Bot turns by activity type and outcome (handled, unhandled, error).',
    labelNames: ['activity_type', 'outcome'] as const,
    registers: [registry],
  });
  const turnErrors = new Counter({
    name: 'inkop_bot_turn_errors_total',
    help: 'Bot turns that threw (the user got the polite error message with a reference).',
    labelNames: ['activity_type'] as const,
    registers: [registry],
  });
  const turnDuration = new Histogram({
    name: 'inkop_bot_turn_duration_seconds',
    help: 'Time to handle one bot turn.',
    labelNames: ['activity_type'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'inkop_http_requests_total',
    help: 'HTTP requests by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'inkop_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const deliveryFailures = new Counter({
    name: 'inkop_outbox_delivery_failures_total',
    help: 'Failed delivery attempts of outbox notices by kind and HTTP status class (none = network error); each is retried.',
    labelNames: ['kind', 'status_class'] as const,
    registers: [registry],
  });
  const purged = new Counter({
    name: 'inkop_retention_purged_rows_total',
    help: 'Rows deleted or anonymised by the personal-data retention job on this instance, by table.',
    labelNames: ['table'] as const,
    registers: [registry],
  });

  const outboxStats = perScrape(async () => {
    // count(*) and the oldest row both use the partial index outbox_pending_id_idx (007_outbox_indexes.sql);
    // ids grow with created_at, so the lowest pending id is the oldest pending notice.
    const [r] = await db.query<{ pending: number; oldest: number | null }>(
      `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending')::int AS pending,
              (SELECT extract(epoch FROM now() - created_at)::float8 FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1) AS oldest`,
    );
    return { pending: r?.pending ?? 0, oldest: r?.oldest ?? 0 };
  });
  // Coarse on purpose: only released NKI quarters (frozen figures, shown ones only) count, so the gauges move
  // once a quarter and never tell that someone just answered (a live count would, to anyone who can scrape).
  const surveyStats = perScrape(async () => {
    const [r] = await db.query<{ invited: number; responses: number }>(
      `SELECT coalesce(sum((figures->'cells'->'total'->>'invited')::int), 0)::int AS invited,
              coalesce(sum((figures->'cells'->'total'->>'people')::int), 0)::int AS responses
       FROM nki_releases WHERE released_at >= now() - ($1::int * interval '1 day') AND (figures->'cells'->'total'->>'shown')::boolean`,
      [RESPONSE_RATE_WINDOW_DAYS],
    );
    return { invited: r?.invited ?? 0, responses: r?.responses ?? 0 };
  });

  /** A gauge read from the database on scrape; NaN (and a warning) when the database does not answer. */
  const dbGauge = <T>(name: string, help: string, load: () => Promise<T>, pick: (v: T) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        try {
          this.set(pick(await load()));
        } catch (err) {
          logger.warn({ metric: name, err: (err as Error).message }, 'metric could not be read from the database');
          this.set(Number.NaN);
        }
      },
    });
  dbGauge('inkop_outbox_pending_notices', 'Notices waiting in the outbox (not yet delivered).', outboxStats, (s) => s.pending);
  dbGauge('inkop_outbox_oldest_pending_age_seconds', 'Age of the oldest notice still waiting in the outbox (0 when none).', outboxStats, (s) => s.oldest);
  dbGauge(
    'inkop_survey_invited',
    `People invited in NKI quarters released within ${RESPONSE_RATE_WINDOW_DAYS} days (released quarters only; moves once a quarter).`,
    surveyStats,
    (s) => s.invited,
  );
  dbGauge('inkop_survey_responses', `People who answered in NKI quarters released within ${RESPONSE_RATE_WINDOW_DAYS} days (released quarters only).`, surveyStats, (s) => s.responses);
  dbGauge(
    'inkop_survey_response_rate',
    `Respondents / invited over NKI quarters released within ${RESPONSE_RATE_WINDOW_DAYS} days (0 when nobody was invited).`,
    surveyStats,
    (s) => (s.invited > 0 ? s.responses / s.invited : 0),
  );

  return {
    registry,

    /** Times a bot turn and counts it by activity type and outcome; errors are rethrown. */
    async observeTurn(activityType: string | undefined, run: () => Promise<boolean>): Promise<boolean> {
      const type = activityTypeLabel(activityType);
      const end = turnDuration.startTimer({ activity_type: type });
      try {
        const handled = await run();
        turns.inc({ activity_type: type, outcome: handled ? 'handled' : 'unhandled' });
        return handled;
      } catch (err) {
        turns.inc({ activity_type: type, outcome: 'error' });
        turnErrors.inc({ activity_type: type });
        throw err;
      } finally {
        end();
      }
    },

    /** For restify's 'after' event: the route pattern (never the raw path, which would explode the labels). */
    observeRequest(req: Request, res: Response, startedAt: number): void {
      const route = req.getRoute()?.path;
      const labels = { method: req.method ?? 'OTHER', route: typeof route === 'string' ? route : 'unmatched' };
      httpRequests.inc({ ...labels, status_class: statusClass(res.statusCode) });
      httpDuration.observe(labels, (Date.now() - startedAt) / 1000);
    },

    deliveryFailed(kind: string, status: number | undefined): void {
      deliveryFailures.inc({ kind, status_class: statusClass(status) });
    },

    purged(counts: Record<string, number>): void {
      for (const [table, n] of Object.entries(counts)) if (n > 0) purged.inc({ table }, n);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
