import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildApp, BuiltApp, knowledgeDirs } from '../../src/app';
import { indexKnowledge } from '../../src/policy/knowledge';
import type { TeamsParts } from '../../src/bot/teams';
import { Config, loadConfig } from '../../src/config';
import type { CapabilityModule } from '../../src/core/module';
import { MODULES } from '../../src/modules';
import { seedSampleContracts } from '../../src/contracts/seed';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { REFERENCE_DAY } from '../../scripts/sample-data/generate';
import { createTestDb } from './db';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789';
/** Tests pin the clock to the day the sample data was laid out against. */
export const TEST_NOW = () => new Date(`${REFERENCE_DAY}T10:00:00+01:00`);

export interface TestApp {
  baseUrl: string;
  db: Db;
  built: BuiltApp;
  config: Config;
  logs: string[];
  close(): Promise<void>;
}

/** Builds the whole app on a fresh database (with the sample contracts unless seed is false) and listens on a free port. */
export async function startTestApp(opts: { seed?: boolean; env?: Record<string, string>; db?: Db; worker?: boolean; modules?: readonly CapabilityModule<TeamsParts>[] } = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDb());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const logger = createLogger(opts.env?.LOG_LEVEL ?? 'info', sink);
  // The REST rate limit has its own tests (test/security); suites that call the API in loops would trip it.
  const modules = opts.modules ?? MODULES;
  const config = loadConfig({ CONTRACTS_ADMIN_KEY: TEST_ADMIN_KEY, OUTBOX_POLL_MS: '50', API_RATE_LIMIT: '0', SEARCH_LOG_SECRET: 'test-search-log-secret-0123456789abcdef', ...opts.env }, modules);
  if (opts.seed !== false) await seedSampleContracts(db, logger);
  await indexKnowledge(db, knowledgeDirs(config));
  const built = buildApp({ config, db, logger, now: TEST_NOW, modules });
  await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
  if (opts.worker) built.worker.start();
  const { port } = built.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    built,
    config,
    logs,
    async close() {
      await built.worker.stop();
      await new Promise<void>((resolve) => built.server.close(() => resolve()));
      await db.close();
    },
  };
}
