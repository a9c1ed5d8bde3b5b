import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { createOutboxRepository, enqueue } from '../../src/outbox/repository';
import { backoffMs, createOutboxWorker } from '../../src/outbox/worker';
import { createTestDb } from '../helpers/db';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.exec('DELETE FROM outbox');
});

const logger = createLogger('silent');
const httpError = (status: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${status}`), { statusCode: status, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

describe('outbox worker', () => {
  it('delivers each notice once, retrying 502s with backoff', async () => {
    await db.transaction((tx) =>
      enqueue(tx, [
        { kind: 'note', target: 'a', payload: { n: 1 } },
        { kind: 'note', target: 'a', payload: { n: 2 } },
      ]),
    );
    const repo = createOutboxRepository(db);
    const seen: number[] = [];
    let failuresLeft = 2;
    const worker = createOutboxWorker(
      repo,
      {
        note: async (row) => {
          if (failuresLeft-- > 0) throw httpError(502);
          seen.push(row.payload.n as number);
          return { ok: true };
        },
      },
      logger,
      { baseBackoffMs: 1, maxBackoffMs: 5 },
    );
    for (let i = 0; i < 20 && seen.length < 2; i++) {
      await worker.runOnce();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen.sort()).toEqual([1, 2]);
    const rows = await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox ORDER BY id');
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    expect(rows.reduce((s, r) => s + r.attempts, 0)).toBe(4);
  });

  it('keeps the other lanes sending while one send is slow (no wait for a whole batch to finish)', async () => {
    // One notice's send hangs (as a connector waiting out a 429's Retry-After does); the rest go to other
    // conversations. With batches of 3 and 2 lanes, every other notice must be delivered before it returns.
    await db.transaction((tx) => enqueue(tx, Array.from({ length: 10 }, (_, n) => ({ kind: 'note', target: `conv-${n}`, payload: { n } }))));
    const repo = createOutboxRepository(db);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const delivered: number[] = [];
    const worker = createOutboxWorker(
      repo,
      {
        note: async (row) => {
          const n = row.payload.n as number;
          if (n === 0) await slow;
          delivered.push(n);
          return {};
        },
      },
      logger,
      { batch: 3, concurrency: 2 },
    );
    const pass = worker.runOnce();
    for (let i = 0; i < 200 && delivered.length < 9; i++) await new Promise((r) => setTimeout(r, 10));
    expect([...delivered].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    release();
    expect(await pass).toBe(10);
    expect(delivered).toContain(0);
  });

  it('waits as long as Retry-After says on 429', async () => {
    await db.transaction((tx) => enqueue(tx, [{ kind: 'note', target: 'a', payload: {} }]));
    const repo = createOutboxRepository(db);
    const worker = createOutboxWorker(repo, { note: async () => Promise.reject(httpError(429, '120')) }, logger);
    await worker.runOnce();
    const [row] = await db.query<{ wait: number; last_error: string }>(
      `SELECT extract(epoch FROM next_attempt_at - now())::float8 AS wait, last_error FROM outbox`,
    );
    expect(row.wait).toBeGreaterThan(110);
    expect(row.wait).toBeLessThanOrEqual(120);
    expect(row.last_error).toMatch(/^429/);
    expect(await worker.runOnce()).toBe(0); // not due yet
  });

  it('keeps notices about one case in order, one at a time', async () => {
    await db.exec(`INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year,
      desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id)
      VALUES ('INK-2099-0001', 'k-order', 'inkommen', 't', 'tjanster', 'supplies-services', 1, 1, '2099-01-01', '2098-01-01', 'direct', 'i-tid', 0, '{}', '{}', 'u')`);
    const [{ id }] = await db.query<{ id: string }>(`SELECT id FROM cases WHERE case_number = 'INK-2099-0001'`);
    await db.transaction((tx) =>
      enqueue(tx, [
        { kind: 'card', caseId: Number(id), target: 'c', payload: { n: 1 } },
        { kind: 'card', caseId: Number(id), target: 'c', payload: { n: 2 } },
        { kind: 'card', caseId: Number(id), target: 'c', payload: { n: 3 } },
      ]),
    );
    const repo = createOutboxRepository(db);
    const first = await repo.claim(10, 60_000);
    expect(first.map((r) => r.payload.n)).toEqual([1]);
    expect(await repo.claim(10, 60_000)).toEqual([]); // the claimed one is locked, the rest wait behind it
    await repo.delivered(first[0].id, {});
    expect((await repo.claim(10, 60_000)).map((r) => r.payload.n)).toEqual([2]);
  });

  it('lets a crashed worker\'s claim expire so another delivers it', async () => {
    await db.transaction((tx) => enqueue(tx, [{ kind: 'note', target: 'a', payload: {} }]));
    const repo = createOutboxRepository(db);
    expect(await repo.claim(10, 50)).toHaveLength(1);
    expect(await repo.claim(10, 50)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(await repo.claim(10, 50)).toHaveLength(1);
  });

  it('does not let one busy conversation hold up the others (finding 5 of the review)', async () => {
    // 30 notices for the officers' channel (Teams allows 7 a second there), then one for a person.
    await db.transaction((tx) =>
      enqueue(tx, [
        ...Array.from({ length: 30 }, (_, n) => ({ kind: 'note', target: 'officers-channel', payload: { n } })),
        { kind: 'note', target: 'user:someone', payload: { n: 'user' } },
      ]),
    );
    const repo = createOutboxRepository(db);
    const order: string[] = [];
    const worker = createOutboxWorker(
      repo,
      {
        note: async (row) => {
          order.push(String(row.payload.n));
          return {};
        },
      },
      logger,
      { batch: 40 },
    );
    await worker.runOnce();
    // Every notice delivered in one pass, once each.
    expect(order).toHaveLength(31);
    expect(new Set(order).size).toBe(31);
    // The person's notice went out with the channel's first second of sends, not after the channel's wait.
    expect(order.indexOf('user')).toBeLessThanOrEqual(7);
    // Put back for the rate limit is not a failed attempt.
    const rows = await db.query<{ attempts: number; last_error: string | null }>('SELECT attempts, last_error FROM outbox');
    expect(rows.every((r) => r.attempts === 1 && r.last_error === null)).toBe(true);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
