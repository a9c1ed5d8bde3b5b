import { TestAdapter, TurnContext } from 'botbuilder';
import { DbStorage, ETagConflictError, TurnStateOnDemand } from '../../src/bot/storage';
import { Db } from '../../src/db';
import { createTestDb } from '../helpers/db';

let db: Db;
let storage: DbStorage;
beforeAll(async () => {
  db = await createTestDb();
  storage = new DbStorage(db);
});
afterAll(async () => {
  await db.close();
});

describe('DbStorage (bot state with eTag concurrency)', () => {
  it('writes, reads back with an eTag, and deletes', async () => {
    await storage.write({ 'conv/1': { count: 1 } });
    const read = await storage.read(['conv/1', 'missing']);
    expect(read['conv/1']).toMatchObject({ count: 1 });
    expect(typeof read['conv/1'].eTag).toBe('string');
    expect(read.missing).toBeUndefined();
    await storage.delete(['conv/1']);
    expect(await storage.read(['conv/1'])).toEqual({});
  });

  it('accepts a write with the current eTag and moves the eTag on', async () => {
    await storage.write({ k2: { v: 'a' } });
    const first = (await storage.read(['k2'])).k2;
    await storage.write({ k2: { ...first, v: 'b' } });
    const second = (await storage.read(['k2'])).k2;
    expect(second.v).toBe('b');
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('refuses a lost update: a write with a stale eTag throws and changes nothing', async () => {
    await storage.write({ k3: { v: 1 } });
    const a = (await storage.read(['k3'])).k3;
    const b = (await storage.read(['k3'])).k3;
    await storage.write({ k3: { ...a, v: 2 } });
    await expect(storage.write({ k3: { ...b, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['k3'])).k3.v).toBe(2);
  });

  it('lets "*" overwrite whatever is stored', async () => {
    await storage.write({ k4: { v: 1 } });
    await storage.write({ k4: { v: 9, eTag: '*' } });
    expect((await storage.read(['k4'])).k4.v).toBe(9);
  });

  it('writes several items atomically: one conflict leaves all unchanged', async () => {
    await storage.write({ k5: { v: 1 }, k6: { v: 1 } });
    const stale = (await storage.read(['k6'])).k6;
    await storage.write({ k6: { ...stale, v: 2 } });
    await expect(storage.write({ k5: { v: 100 }, k6: { ...stale, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    const now = await storage.read(['k5', 'k6']);
    expect(now.k5.v).toBe(1);
    expect(now.k6.v).toBe(2);
  });
});

describe('TurnStateOnDemand (state only on the turns that keep it)', () => {
  const turn = (text: string) =>
    new TurnContext(new TestAdapter(), { type: 'message', text, channelId: 'msteams', from: { id: 'u1', name: 'U' }, recipient: { id: 'bot', name: 'Bot' }, conversation: { id: 'c1', name: 'C', isGroup: false } } as never);
  /** DbStorage that counts its reads and writes. */
  function counted() {
    const calls = { read: 0, write: 0 };
    const s = new DbStorage(db);
    const read = s.read.bind(s);
    const write = s.write.bind(s);
    s.read = (keys) => (calls.read++, read(keys));
    s.write = (changes) => (calls.write++, write(changes));
    return { s, calls };
  }

  it('reads and writes nothing on a turn that keeps no state, and still gives the turn its scopes', async () => {
    const { s, calls } = counted();
    const state = new TurnStateOnDemand((ctx) => ctx.activity.text === 'remember');
    const ctx = turn('handskar');
    await state.load(ctx, s);
    state.temp.input = 'handskar';
    (state.conversation as Record<string, unknown>).seen = true;
    await state.save(ctx, s);
    expect(calls).toEqual({ read: 0, write: 0 });
  });

  it('reads and writes the state in the database on a turn that keeps it', async () => {
    const { s, calls } = counted();
    const ctx = turn('remember');
    const first = new TurnStateOnDemand((c) => c.activity.text === 'remember');
    await first.load(ctx, s);
    (first.conversation as Record<string, unknown>).count = 1;
    await first.save(ctx, s);
    const second = new TurnStateOnDemand((c) => c.activity.text === 'remember');
    await second.load(turn('remember'), s);
    expect((second.conversation as Record<string, unknown>).count).toBe(1);
    expect(calls).toEqual({ read: 2, write: 1 });
  });
});
