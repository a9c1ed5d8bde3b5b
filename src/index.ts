import { buildApp, knowledgeDirs } from './app';
import { indexKnowledge, watchKnowledge } from './policy/knowledge';
import { ConfigError, loadConfig } from './config';
import { migrate, openDatabase } from './db';
import { createLogger } from './logger';
import { seedModules } from './core/module';
import { MODULES } from './modules';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, MODULES);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Inköpsassistenten cannot start. Fix these environment variables (see .env.example):\n  - ${err.problems.join('\n  - ')}`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  // Each capability's fictional sample data, from its own files, into an empty database (cheap when present).
  if (config.SEED_SAMPLE_DATA) await seedModules(MODULES, { config, db, logger });

  const dirs = knowledgeDirs(config);
  const reindex = async () => {
    try {
      const r = await indexKnowledge(db, dirs);
      for (const p of r.problems) logger.warn(p, 'knowledge file skipped');
      if (r.indexed) logger.info({ chunks: r.chunks, dirs }, 'knowledge base indexed');
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'knowledge base could not be indexed');
    }
  };
  await reindex();
  const stopWatching = watchKnowledge(dirs, () => void reindex());

  const built = buildApp({ config, db, logger });
  if (config.localMode) {
    logger.warn(
      'LOCAL MODE: MicrosoftAppId is empty, so incoming activities are NOT authenticated. Use this only on your own machine (Agents Playground, tests).',
    );
  }
  await new Promise<void>((resolve) => built.server.listen(config.PORT, config.HOST, resolve));
  built.worker.start();
  const base = `http://localhost:${config.PORT}`;
  logger.info(
    {
      database: db.kind === 'pglite' ? `embedded (${config.DATA_DIR}/pglite)` : 'PostgreSQL (DATABASE_URL)',
      bot: `${base}/api/messages`,
      contracts: `${base}/api/contracts?q=handskar`,
      openapi: `${base}/api/openapi.json`,
      health: `${base}/healthz`,
      metrics: `${base}/metrics${config.METRICS_KEY ? ' (Bearer METRICS_KEY)' : ''}`,
      retentionDays: config.RETENTION_DAYS ?? 'off',
      playground: `npm run playground (instead of npm start), or beside this server: npx agentsplayground -e ${base}/api/messages -c msteams`,
    },
    `Inköpsassistenten is running on ${base}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing turns in flight');
    const hardStop = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    hardStop.unref();
    stopWatching();
    built.server.close(); // stop accepting connections; open ones finish
    await built.drain();
    await built.worker.stop();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Inköpsassistenten failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
