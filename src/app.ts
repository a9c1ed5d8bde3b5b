import { Request, Response, Server } from 'restify';
import { BotParts, createBot } from './bot/teams';
import { mountActivityEndpoint } from './bot/http';
import { createMessenger } from './bot/messenger';
import { registerModules, rememberPersonalChats } from './bot/router';
import { DbStorage } from './bot/storage';
import { Config } from './config';
import { DomainEvents } from './core/events';
import { createActionLimits } from './core/limits';
import { modulePurges, setupModules } from './core/module';
import { createCategoryDirectory } from './core/category-repository';
import { createOfficerDirectory } from './core/officer-repository';
import { ServiceRegistry } from './core/services';
import { Db } from './db';
import { t } from './i18n';
import { createApiAccess } from './http/copilot-access';
import { openApiDocument } from './http/openapi';
import { requestLocale, sendJson, sendProblem } from './http/problem';
import { createHttpServer } from './http/server';
import { Logger } from './logger';
import { MODULES } from './modules';
import { Metrics, createMetrics } from './ops/metrics';
import { RetentionJob, createRetentionJob } from './ops/retention';
import * as opsRoutes from './ops/routes';
import { OutboxWorker, createOutboxWorker } from './outbox/worker';
import { createOutboxRepository } from './outbox/repository';
import { SURVEY_SERVICE, SurveyService } from './survey/api';
import { fromRoot } from './util/paths';

/** The product's own knowledge base, plus an organisation's folder (KNOWLEDGE_DIR) when configured. */
export function knowledgeDirs(config: Pick<Config, 'KNOWLEDGE_DIR'>): string[] {
  return [fromRoot('knowledge'), ...(config.KNOWLEDGE_DIR ? [config.KNOWLEDGE_DIR] : [])];
}

export { MAX_ACTIVITY_BYTES } from './http/body';

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
  surveys: SurveyService;
  /** Prometheus metrics of this app (its own registry), served at GET /metrics. */
  metrics: Metrics;
  /** The daily personal-data purge (runs on the outbox worker's schedule). */
  retention: RetentionJob;
  /** Stops taking new turns, waits for the ones in flight, then runs the modules' stop hooks. */
  drain(timeoutMs?: number): Promise<void>;
}

/**
 * Builds the HTTP server and the bot without opening a port (tests import this): the shared
 * dependencies, then every module of src/modules.ts in order, then the routes they contribute.
 */
export function buildApp(deps: AppDeps): BuiltApp {
  const { config, db, logger } = deps;
  const { adapter, app } = createBot(config, new DbStorage(db), logger);
  const metrics = createMetrics({ db, logger });
  const retention = createRetentionJob({ db, logger, days: config.RETENTION_DAYS, purges: modulePurges(MODULES), onPurged: (counts) => metrics.purged(counts) });
  const services = new ServiceRegistry();
  const apiAccess = createApiAccess(config);
  if (config.COPILOT_AUTH === 'none') {
    logger.warn('COPILOT_AUTH=none: the contract search, contract details and policy answers are open to anyone who reaches this server, as the organisation has declared the catalogue public. Remove it to require Microsoft Entra ID sign-in.');
  } else if (apiAccess.mode === 'entra' && !apiAccess.configured) {
    logger.warn('Microsoft 365 Copilot operations answer 503: set ALLOWED_TENANT_IDS (or MicrosoftAppTenantId) and COPILOT_API_AUDIENCE (or MicrosoftAppId) for Entra ID sign-in.');
  }
  const built = setupModules(MODULES, {
    config,
    db,
    logger,
    now: deps.now,
    officers: createOfficerDirectory(db, config.PROCUREMENT_OFFICERS),
    categories: createCategoryDirectory(db),
    messenger: createMessenger(adapter, config.MicrosoftAppId ?? ''),
    limits: createActionLimits({ case: config.LIMIT_CASES_PER_HOUR, question: config.LIMIT_QUESTIONS_PER_HOUR, survey: config.LIMIT_SURVEY_ACTIONS_PER_HOUR, import: config.LIMIT_IMPORT_ACTIONS_PER_HOUR }),
    kick: () => worker.kick(),
    services,
    events: new DomainEvents(),
    apiAccess,
  });
  const worker = createOutboxWorker(createOutboxRepository(db), built.deliveries, logger, {
    pollMs: config.OUTBOX_POLL_MS,
    lockMs: config.OUTBOX_LOCK_MS,
    tenantPerSecond: config.TEAMS_TENANT_RPS,
    onSchedule: async () => {
      for (const run of built.schedules) await run();
      await retention.tick();
    },
    onDeliveryFailure: (kind, status) => metrics.deliveryFailed(kind, status),
  });
  rememberPersonalChats(app, db);
  registerModules(app, built, logger);

  const server = createHttpServer({ config, logger, metrics });
  const endpoint = mountActivityEndpoint(server, { adapter, app, allowedTenants: config.ALLOWED_TENANT_IDS, logger, metrics });
  server.get('/healthz', async (_req: Request, res: Response) => sendJson(res, 200, { status: 'ok' }));
  server.get('/readyz', async (req: Request, res: Response) => {
    try {
      if (endpoint.draining()) throw new Error('draining');
      await db.query('SELECT 1');
      sendJson(res, 200, { status: 'ready', database: db.kind });
    } catch {
      sendProblem(res, { status: 503, title: t(requestLocale(req), 'api.notReady') });
    }
  });
  opsRoutes.register(server, { metrics, key: config.METRICS_KEY, logger });
  server.get('/api/openapi.json', async (_req: Request, res: Response) => sendJson(res, 200, openApiDocument(config.PUBLIC_URL)));
  for (const { parts } of built.parts) parts.routes?.(server);

  const drain = async (timeoutMs?: number) => {
    await endpoint.drain(timeoutMs);
    for (const stop of built.stops) await stop();
  };
  return { server, adapter, app, worker, surveys: services.get<SurveyService>(SURVEY_SERVICE, 'app'), metrics, retention, drain };
}
