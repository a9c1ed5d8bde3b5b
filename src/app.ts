import fs from 'node:fs';
import path from 'node:path';
import { Request, Response, Server } from 'restify';
import { BotParts, TeamsParts, createBot } from './bot/teams';
import { addCardFolder } from './cards/loader';
import { mountActivityEndpoint } from './bot/http';
import { createMessenger } from './bot/messenger';
import { registerModules, rememberPersonalChats } from './bot/router';
import { DbStorage } from './bot/storage';
import { Config } from './config';
import { DomainEvents } from './core/events';
import { createActionLimits } from './core/limits';
import { CapabilityModule, moduleLimits, modulePurges, setupModules } from './core/module';
import { createCategoryDirectory } from './core/category-repository';
import { createOfficerDirectory } from './core/officer-repository';
import { ServiceRegistry } from './core/services';
import { Db } from './db';
import { addTexts, t } from './i18n';
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
  /** The module list (default src/modules.ts); a test adds a fixture capability with one more entry. */
  modules?: readonly CapabilityModule<TeamsParts>[];
}

/**
 * Makes the parts a capability keeps in its folder known to the loaders, for a module whose folder is
 * outside src/ (a test's fixture): texts and card templates. (Those under src/ are found at start;
 * migrations run before the app is built, see migrationFoldersOf.)
 */
export function registerCapabilityFolders(modules: readonly CapabilityModule<unknown>[]): void {
  for (const m of modules) {
    if (!m.folder) continue;
    addTexts(path.join(m.folder, 'locales'));
    addCardFolder(path.join(m.folder, 'cards'));
  }
}

/** The migration folders of modules whose folder is outside src/ (for allMigrations). */
export function migrationFoldersOf(modules: readonly CapabilityModule<unknown>[]): { folder: string; dir: string }[] {
  return modules.filter((m) => m.folder && fs.existsSync(path.join(m.folder, 'migrations'))).map((m) => ({ folder: m.name, dir: path.join(m.folder!, 'migrations') }));
}

/** The OpenAPI document of a module list (what GET /api/openapi.json serves). */
export function apiDocument(publicUrl?: string, modules: readonly CapabilityModule<unknown>[] = MODULES) {
  return openApiDocument(publicUrl, modules.flatMap((m) => (m.api ? [m.api] : [])));
}

export interface BuiltApp extends BotParts {
  server: Server;
  /** Delivers notices from the outbox; index.ts (and tests that need delivery) start it. */
  worker: OutboxWorker;
  surveys: SurveyService;
  /** The modules' services (the architecture test reads who uses whose). */
  services: ServiceRegistry;
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
  const modules = deps.modules ?? MODULES;
  registerCapabilityFolders(modules);
  // Bot Framework state is read and written only on the turns a module keeps state on (none today).
  const needsState = (context: { activity: { type: string; name?: string; text?: string } }) => modules.some((m) => m.conversationState?.(context.activity) ?? false);
  const { adapter, app } = createBot(config, new DbStorage(db), logger, needsState);
  const metrics = createMetrics({ db, logger });
  const retention = createRetentionJob({ db, logger, days: config.RETENTION_DAYS, purges: modulePurges(modules), onPurged: (counts) => metrics.purged(counts) });
  const services = new ServiceRegistry();
  const apiAccess = createApiAccess(config);
  if (config.COPILOT_AUTH === 'none') {
    logger.warn('COPILOT_AUTH=none: the contract search, contract details and policy answers are open to anyone who reaches this server, as the organisation has declared the catalogue public. Remove it to require Microsoft Entra ID sign-in.');
  } else if (apiAccess.mode === 'entra' && !apiAccess.configured) {
    logger.warn('Microsoft 365 Copilot operations answer 503: set ALLOWED_TENANT_IDS (or MicrosoftAppTenantId) and COPILOT_API_AUDIENCE (or MicrosoftAppId) for Entra ID sign-in.');
  }
  const built = setupModules(modules, {
    config,
    db,
    logger,
    now: deps.now,
    officers: createOfficerDirectory(db, config.PROCUREMENT_OFFICERS),
    categories: createCategoryDirectory(db),
    messenger: createMessenger(adapter, config.MicrosoftAppId ?? ''),
    limits: createActionLimits(moduleLimits(modules, config)),
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
  server.get('/api/openapi.json', async (_req: Request, res: Response) => sendJson(res, 200, apiDocument(config.PUBLIC_URL, modules)));
  for (const { parts } of built.parts) parts.routes?.(server);

  const drain = async (timeoutMs?: number) => {
    await endpoint.drain(timeoutMs);
    for (const stop of built.stops) await stop();
  };
  return { server, adapter, app, worker, surveys: services.get<SurveyService>(SURVEY_SERVICE, 'app'), services, metrics, retention, drain };
}
