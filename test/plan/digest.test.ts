import { randomUUID } from 'node:crypto';
import { buildApp, BuiltApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { seedSampleContracts } from '../../src/contracts/seed';
import { OFFICERS_CHANNEL } from '../../src/core/targets';
import { Db, migrate, openDatabase } from '../../src/db';
import { createLogger } from '../../src/logger';
import { saveConversationRef } from '../../src/outbox/repository';
import { createDigestJob } from '../../src/plan/digest-job';
import { createTestDb } from '../helpers/db';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { cardText } from '../helpers/teams';
import { outboxIdle, until } from '../helpers/wait';

/**
 * The weekly renewal digest with an injected clock (ModuleContext.now): on its day and time, Swedish time,
 * claimed in the database so it goes out once with two app instances on one database (two connection
 * pools on PostgreSQL when TEST_DATABASE_URL is set, else one embedded database), through the outbox.
 */
const CHANNEL = '19:inkop-plan@thread.tacv2';
/** Monday 23 November 2026, 08:00 in Sweden (week 48). */
const MONDAY_8 = new Date('2026-11-23T07:00:00Z');
const logger = createLogger('silent');
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector?.close();
});

/** Two handles on one fresh database: two pools on PostgreSQL, the same embedded database otherwise. */
async function sharedDatabase(): Promise<{ a: Db; b: Db; close(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const db = await createTestDb();
    return { a: db, b: db, close: () => db.close() };
  }
  const admin = await openDatabase({ databaseUrl: base });
  const name = `plan_${process.pid}_${randomUUID().slice(0, 8)}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const a = await openDatabase({ databaseUrl: u.toString() });
  await migrate(a);
  const b = await openDatabase({ databaseUrl: u.toString() });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      const drop = await openDatabase({ databaseUrl: base });
      await drop.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.close();
    },
  };
}

const instance = (db: Db, now: () => Date): BuiltApp =>
  buildApp({ config: loadConfig({ OUTBOX_POLL_MS: '50', API_RATE_LIMIT: '0', PLAN_DIGEST_DAY: 'måndag', PLAN_DIGEST_TIME: '07:00', PLAN_ALERT_WEEKS: '8' }), db, logger, now });

async function registerChannel(db: Db): Promise<void> {
  await saveConversationRef(db, OFFICERS_CHANNEL, { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' } });
}

const channelPosts = () => connector.delivered().filter((c) => c.conversationId === CHANNEL && c.method === 'POST');

it('goes out once on Monday morning with two instances on one database, through the outbox to the officers\' channel', async () => {
  const { a, b, close } = await sharedDatabase();
  const apps = [instance(a, () => MONDAY_8), instance(b, () => MONDAY_8)];
  try {
    await seedSampleContracts(a, logger);
    await registerChannel(a);
    const before = channelPosts().length;
    // Both workers run their schedule (the digest among it) at once when they start.
    apps.forEach((app) => app.worker.start());
    await until('the digest to be posted', () => channelPosts().length > before);
    await outboxIdle(a);
    await new Promise((r) => setTimeout(r, 300)); // room for a stray second post
    const posts = channelPosts().slice(before);
    expect(posts).toHaveLength(1);
    const text = cardText(posts[0].body.attachments);
    expect(text).toMatch(/^Upphandlingsplanen vecka 48/);
    expect(text).toMatch(/att hantera inom 8 veckor \(försenade: \d+\)\./);
    expect(text).toMatch(/⚠ Försenad: ny upphandling skulle ha startat senast/);
    // At most 30 entries on the card; the rest are counted.
    const shown = text.match(/^[A-Z]+-[\w./-]+ · /gm) ?? [];
    expect(shown).toHaveLength(30);
    expect(text).toMatch(/… och \d+ till\. Skriv "plan" för hela planen\./);
    const weeks = await a.query<{ week: string; entries: number }>('SELECT week, entries FROM plan_digests');
    expect(weeks).toEqual([{ week: '2026-W48', entries: expect.any(Number) }]);
    expect(weeks[0].entries).toBeGreaterThan(10);
    expect(await a.query(`SELECT 1 FROM outbox WHERE kind = 'plan.digest'`)).toHaveLength(1);
  } finally {
    await Promise.all(apps.map((app) => app.worker.stop()));
    await close();
  }
}, 60_000);

it('claims a week with nothing to say and sends nothing', async () => {
  const db = await createTestDb();
  const app = instance(db, () => MONDAY_8); // no contracts and no cases: nothing is due
  try {
    await registerChannel(db);
    const before = channelPosts().length;
    app.worker.start();
    const end = Date.now() + 10_000;
    while ((await db.query('SELECT 1 FROM plan_digests')).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await db.query('SELECT week, entries FROM plan_digests')).toEqual([{ week: '2026-W48', entries: 0 }]);
    await outboxIdle(db);
    expect(await db.query(`SELECT 1 FROM outbox WHERE kind = 'plan.digest'`)).toEqual([]);
    expect(channelPosts().slice(before)).toEqual([]);
  } finally {
    await app.worker.stop();
    await db.close();
  }
}, 30_000);

describe('the day and time', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  const job = (now: Date) =>
    createDigestJob({ db, plan: async () => [], today: (d) => d.toISOString().slice(0, 10), now: () => now, digestDay: 1, digestTime: '07:00', alertWeeks: 8 });

  it('claims nothing before the time on the day or on another day, then the week once per database', async () => {
    expect(await job(new Date('2026-11-23T05:59:00Z'))()).toEqual({ week: null, claimed: false, entries: 0 }); // 06:59 Swedish time
    expect(await job(new Date('2026-11-22T08:00:00Z'))()).toEqual({ week: null, claimed: false, entries: 0 }); // Sunday
    const first = job(new Date('2026-11-23T06:00:00Z'));
    expect(await first()).toEqual({ week: '2026-W48', claimed: true, entries: 0 });
    expect(await first()).toEqual({ week: '2026-W48', claimed: false, entries: 0 });
    expect(await job(new Date('2026-11-23T20:00:00Z'))()).toEqual({ week: '2026-W48', claimed: false, entries: 0 }); // another instance
    expect(await job(new Date('2026-11-30T06:30:00Z'))()).toEqual({ week: '2026-W49', claimed: true, entries: 0 });
  });

  it('backs off for ten minutes after a failure instead of reading the plan on every pass', async () => {
    let now = new Date('2026-12-07T06:00:00Z'); // Monday 07:00 in week 50
    let calls = 0;
    let fail = true;
    const tick = createDigestJob({
      db,
      plan: async () => {
        calls++;
        if (fail) throw new Error('database down');
        return [];
      },
      today: (d) => d.toISOString().slice(0, 10),
      now: () => now,
      digestDay: 1,
      digestTime: '07:00',
      alertWeeks: 8,
    });
    const at = (ms: number) => (now = new Date(Date.parse('2026-12-07T06:00:00Z') + ms));
    expect(await tick()).toEqual({ week: null, claimed: false, entries: 0 });
    for (const ms of [1_000, 60_000, 599_999]) {
      at(ms);
      await tick();
    }
    expect(calls).toBe(1);
    at(600_000);
    await tick();
    expect(calls).toBe(2); // failed again: wait another ten minutes
    fail = false;
    at(600_000 + 1_000);
    expect(await tick()).toEqual({ week: null, claimed: false, entries: 0 });
    expect(calls).toBe(2);
    at(1_200_000);
    expect(await tick()).toEqual({ week: '2026-W50', claimed: true, entries: 0 });
    expect(calls).toBe(3);
  });
});
