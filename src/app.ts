import restify, { Request, Response, Server } from 'restify';
import { createBot, BotParts } from './bot/teams';
import { DbStorage } from './bot/storage';
import * as welcome from './bot/welcome';
import * as fallback from './bot/fallback';
import { Config } from './config';
import * as contractBot from './contracts/bot';
import * as contractExtension from './contracts/message-extension';
import * as contractRoutes from './contracts/routes';
import { createContractRepository } from './contracts/repository';
import { Db } from './db';
import { t } from './i18n';
import { openApiDocument } from './http/openapi';
import { requestLocale, sendJson, sendProblem } from './http/problem';
import { activityBodyParsers, createMessagesHandler } from './http/messages';
import { apiRateLimit } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { Logger } from './logger';
import { createMessenger } from './bot/messenger';
import { createPrivateReply } from './bot/private-reply';
import { createActionLimits } from './core/limits';
import * as intakeBot from './intake/bot';
import { createIntakeDelivery } from './intake/delivery';
import { createOfficerDirectory } from './intake/officers';
import * as intakeRoutes from './intake/routes';
import { createIntakeService } from './intake/service';
import { createOutboxRepository } from './outbox/repository';
import { OutboxWorker, createOutboxWorker } from './outbox/worker';
import * as policyBot from './policy/bot';
import { createTicketDelivery } from './policy/delivery';
import { createTicketService } from './policy/tickets';
import { createPolicyModel } from './policy/model';
import * as surveyBot from './survey/bot';
import * as surveyRoutes from './survey/routes';
import { createSurveyDelivery } from './survey/delivery';
import { createSurveyService } from './survey/service';
import { fromRoot } from './util/paths';
import { requestContext, saneId, withLogContext } from './ops/log-context';
import { Metrics, createMetrics } from './ops/metrics';
import * as opsRoutes from './ops/routes';
import { RetentionJob, createRetentionJob } from './ops/retention';

/** The product's own knowledge base, plus an organisation's folder (KNOWLEDGE_DIR) when configured. */
export function knowledgeDirs(config: Pick<Config, 'KNOWLEDGE_DIR'>): string[] {
  return [fromRoot('knowledge'), ...(config.KNOWLEDGE_DIR ? [config.KNOWLEDGE_DIR] : [])];
}

export { MAX_ACTIVITY_BYTES } from './http/messages';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** Clock for statuses and dates; tests pin it. */
  now?: () => Date;
}

export interface BuiltApp extends BotParts {
  server: Server;
  /** Delivers notices from the outbox; index.ts (and tests that need delivery) start it. */
  worker: OutboxWorker;
  surveys: ReturnType<typeof createSurveyService>;
  /** Prometheus metrics of this app (its own registry), served at GET /metrics. */
  metrics: Metrics;
  /** The daily personal-data purge (runs on the outbox worker's schedule). */
  retention: RetentionJob;
  /** Stops taking new turns and waits for the ones in flight. */
  drain(timeoutMs?: number): Promise<void>;
}

/**
 * Builds the HTTP server and the bot without opening a port (tests import this).
 * Capabilities register in order; the catch-all message handler goes last.
 */
export function buildApp(deps: AppDeps): BuiltApp {
  const { config, db, logger } = deps;
  const contracts = createContractRepository(db);
  const { adapter, app } = createBot(config, new DbStorage(db), logger);
  const inkopEmail = config.INKOP_CONTACT_EMAIL;

  const officers = createOfficerDirectory(db, config.PROCUREMENT_OFFICERS);
  const outbox = createOutboxRepository(db);
  const metrics = createMetrics({ db, logger });
  const retention = createRetentionJob({ db, logger, days: config.RETENTION_DAYS, onPurged: (counts) => metrics.purged(counts) });
  const messenger = createMessenger(adapter, config.MicrosoftAppId ?? '');
  const privateReply = createPrivateReply({ db, messenger, logger });
  const limits = createActionLimits({
    case: config.LIMIT_CASES_PER_HOUR,
    question: config.LIMIT_QUESTIONS_PER_HOUR,
    survey: config.LIMIT_SURVEY_ACTIONS_PER_HOUR,
  });
  const kick = () => worker.kick();
  const surveys = createSurveyService({ db, officers, config: { reminderDays: config.REMINDER_DAYS, closeDays: config.CLOSE_DAYS }, onEnqueued: kick });
  const handlers = {
    ...createIntakeDelivery({ db, messenger, officers, config }),
    ...createTicketDelivery({ db, messenger, config }),
    ...createSurveyDelivery({ db, messenger, surveys, config }),
  };
  const worker = createOutboxWorker(outbox, handlers, logger, {
    pollMs: config.OUTBOX_POLL_MS,
    lockMs: config.OUTBOX_LOCK_MS,
    tenantPerSecond: config.TEAMS_TENANT_RPS,
    onSchedule: async () => {
      await surveys.tick();
      await retention.tick();
    },
    onDeliveryFailure: (kind, status) => metrics.deliveryFailed(kind, status),
  });
  const intake = createIntakeService({
    db,
    officers,
    leadTimes: config.LEAD_TIMES,
    limits,
    onEnqueued: kick,
    afterStatus: async (tx, c, to, actor) => {
      if (to === config.SURVEY_TRIGGER) await surveys.startInTx(tx, c, actor);
    },
  });
  const tickets = createTicketService({ db, officers, limits, onEnqueued: () => worker.kick() });
  const model = createPolicyModel(config, db, logger);
  if (model) logger.info('policy answers use the configured language model, with the documents as fallback');
  const replyWithAnswer = policyBot.createPolicyReply({ db, tickets, model, now: deps.now });

  const replyWithSearch = contractBot.createContractSearchReply({ contracts, inkopEmail, logger, now: deps.now });
  welcome.register(app);
  intakeBot.register(app, { db, intake, officers, contracts, outbox, logger, localMode: config.localMode, intakeChannelId: config.INTAKE_CHANNEL_ID, privateReply, now: deps.now });
  surveyBot.register(app, { db, surveys, intake, officers, minResponses: config.NKI_MIN_RESPONSES, satisfiedFrom: config.NKI_SATISFIED_FROM, privateReply, limits });
  policyBot.register(app, { db, tickets, now: deps.now, replyWithAnswer, privateReply });
  contractBot.register(app, { contracts, inkopEmail, logger, now: deps.now, replyWithSearch });
  contractExtension.register(app, { contracts, now: deps.now });
  fallback.register(app, { replyWithSearch, replyWithAnswer });

  const server = restify.createServer({
    name: 'inkopsassistenten',
    handleUncaughtExceptions: false,
    // restify's own warnings (and its throttle's) go to our log, not to a second logger on stdout.
    log: logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'],
    formatters: {
      'application/problem+json': (_req, res, body) => {
        const data = JSON.stringify(body);
        res.setHeader('Content-Length', Buffer.byteLength(data));
        return data;
      },
    },
  });
  server.pre(restify.plugins.pre.sanitizePath());
  server.pre(requestContext());
  server.pre(securityHeaders({ publicUrl: config.PUBLIC_URL }));
  server.pre(apiRateLimit({ perMinute: config.API_RATE_LIMIT, trustedProxyHops: config.TRUSTED_PROXY_HOPS, keys: [config.CONTRACTS_ADMIN_KEY, config.REPORTS_KEY] }));
  server.pre((req: Request, _res: Response, next) => {
    (req as Request & { startedAt?: number }).startedAt = Date.now();
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false, allowDots: false, parseArrays: true }));
  server.on('after', (req: Request, res: Response) => {
    const started = (req as Request & { startedAt?: number }).startedAt ?? Date.now();
    metrics.observeRequest(req, res, started);
    logger.debug({ reqId: req.id(), method: req.method, path: req.path(), status: res.statusCode, ms: Date.now() - started }, 'request');
  });
  // restify's own errors (404, 405, bad JSON, body too large) as problem+json in the caller's language.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: unknown }, cb: () => void) => {
    const status = err.statusCode ?? 500;
    const locale = requestLocale(req);
    const title =
      status === 404
        ? t(locale, 'api.notFound')
        : status === 405
          ? t(locale, 'api.methodNotAllowed')
          : status === 413
            ? t(locale, 'api.payloadTooLarge')
            : status === 415
              ? t(locale, 'api.mediaTypeNotSupported')
              : status >= 500
              ? t(locale, 'api.internal')
              : t(locale, 'api.badRequest');
    const detail =
      status === 404
        ? t(locale, 'api.routeNotFound', { path: req.path().slice(0, 200) })
        : status === 400 && /json/i.test(err.message)
          ? t(locale, 'api.invalidJson')
          : undefined;
    if (status >= 500) logger.error({ reqId: req.id(), err: err.message }, 'unhandled request error');
    // restify sends the error itself after this hook; give it our body and media type.
    const problem = { type: 'about:blank', status, title, ...(detail ? { detail } : {}) };
    (err as Error & { toJSON: () => unknown }).toJSON = () => problem;
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    cb();
  });

  let inFlight = 0;
  let draining = false;
  const idleWaiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight === 0) idleWaiters.splice(0).forEach((w) => w());
  };

  const handleActivity = createMessagesHandler({ adapter, allowedTenants: config.ALLOWED_TENANT_IDS, logger });
  server.post(
    '/api/messages',
    ...activityBodyParsers(),
    async (req: Request, res: Response) => {
      if (draining) {
        sendProblem(res, { status: 503, title: t(requestLocale(req), 'api.shuttingDown') });
        return;
      }
      inFlight++;
      try {
        // Every log line of the turn, the turn-error handler's too, carries its id: the activity id, or ours.
        const turnId = saneId((req.body as { id?: unknown } | undefined)?.id) ?? `turn-${req.id()}`;
        await withLogContext({ reqId: req.id(), turnId }, () =>
          handleActivity(req, res, async (context) => {
            const type = context.activity.type;
            await metrics.observeTurn(type, async () => {
              const started = Date.now();
              const handled = await app.run(context);
              logger.debug({ activityType: type, handled, ms: Date.now() - started }, 'turn');
              return handled;
            });
          }),
        );
      } catch (err) {
        logger.error({ reqId: req.id(), err: (err as Error).message }, 'activity processing failed');
        if (!res.headersSent) sendProblem(res, { status: 500, title: t(requestLocale(req), 'api.internal') });
      } finally {
        inFlight--;
        settle();
      }
    },
  );

  server.get('/healthz', async (_req: Request, res: Response) => sendJson(res, 200, { status: 'ok' }));
  server.get('/readyz', async (req: Request, res: Response) => {
    try {
      if (draining) throw new Error('draining');
      await db.query('SELECT 1');
      sendJson(res, 200, { status: 'ready', database: db.kind });
    } catch {
      sendProblem(res, { status: 503, title: t(requestLocale(req), 'api.notReady') });
    }
  });
  opsRoutes.register(server, { metrics, key: config.METRICS_KEY, logger });
  server.get('/api/openapi.json', async (_req: Request, res: Response) => sendJson(res, 200, openApiDocument(config.PUBLIC_URL)));
  contractRoutes.register(server, { db, contracts, adminKey: config.CONTRACTS_ADMIN_KEY, logger, now: deps.now });
  intakeRoutes.register(server, { db, keys: [config.REPORTS_KEY, config.CONTRACTS_ADMIN_KEY], logger });
  surveyRoutes.register(server, {
    db,
    keys: [config.REPORTS_KEY, config.CONTRACTS_ADMIN_KEY],
    minResponses: config.NKI_MIN_RESPONSES,
    satisfiedFrom: config.NKI_SATISFIED_FROM,
    logger,
  });

  return {
    server,
    adapter,
    app,
    worker,
    surveys,
    metrics,
    retention,
    drain(timeoutMs = 10_000) {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
