import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { createOutboxRepository, enqueue, OutboxRow } from '../../src/outbox/repository';
import { createOutboxWorker } from '../../src/outbox/worker';
import { createTestDb } from '../helpers/db';

/**
 * Two outbox workers (two instances) on one database. A worker claims a batch and then waits for
 * Teams' per-conversation limit (7 a second) before each send; with many notices to one channel that
 * wait outlasts the claim's lock, and the other worker claims the same notices. Each must still go
 * out once. Runs on the embedded database, or on PostgreSQL when TEST_DATABASE_URL is set.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

it('sends each notice once when rate-limit waits outlast the claim and another worker takes it over', async () => {
  const N = 30;
  await db.transaction((tx) => enqueue(tx, Array.from({ length: N }, (_, i) => ({ kind: 'channel', target: 'officers-channel', payload: { i } }))));
  const sends = new Map<number, string[]>();
  const at: number[] = [];
  const handler = (worker: string) => async (row: OutboxRow) => {
    sends.set(row.id, [...(sends.get(row.id) ?? []), worker]);
    at.push(Date.now());
    return {};
  };
  const logger = createLogger('silent');
  const opts = { pollMs: 50, lockMs: 1000, tenantPerSecond: 1000 };
  const one = createOutboxWorker(createOutboxRepository(db), { channel: handler('one') }, logger, opts);
  const two = createOutboxWorker(createOutboxRepository(db), { channel: handler('two') }, logger, opts);
  one.start();
  two.start();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
      if (n === 0) break;
      if (Date.now() > deadline) throw new Error(`${n} notices still pending`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500)); // room for a stray second send
  } finally {
    await one.stop();
    await two.stop();
  }
  // The waits really did outlast the 1 s lock (30 sends at 7 a second per worker), and both workers sent.
  expect(Math.max(...at) - Math.min(...at)).toBeGreaterThan(1000);
  const by = [...sends.values()].flat();
  expect(new Set(by)).toEqual(new Set(['one', 'two']));
  expect(sends.size).toBe(N);
  expect([...sends].filter(([, w]) => w.length > 1)).toEqual([]);
});
