import { loadMigrations, migrate } from '../../src/db/migrate';
import { Db } from '../../src/db';
import { createTestDb } from '../helpers/db';

let db: Db;
beforeAll(async () => {
  db = await createTestDb(); // already migrated once
});
afterAll(async () => {
  await db.close();
});

describe('migrations', () => {
  it('are numbered without gaps and recorded once each', async () => {
    const files = loadMigrations();
    expect(files.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(files.map((m) => m.version));
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('create the Swedish search configuration (stop words, unaccent, stemming)', async () => {
    const [row] = await db.query<{ v: string }>(`SELECT to_tsvector('inkop_sv', 'Läkemedel för Undersökningshandskar och datorer')::text AS v`);
    expect(row.v).toBe("'dator':5 'lakemedel':1 'undersokningshandsk':3");
  });
});

describe('database interface', () => {
  it('rolls a transaction back when it throws, and commits when it resolves', async () => {
    await db.exec('CREATE TABLE tx_probe (n int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.transaction((tx) => tx.query('INSERT INTO tx_probe VALUES (2)'));
    const rows = await db.query<{ n: number }>('SELECT n FROM tx_probe');
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('returns dates as ISO days, not JS Dates in local time', async () => {
    const [row] = await db.query<{ d: unknown }>(`SELECT DATE '2026-12-31' AS d`);
    expect(row.d).toBe('2026-12-31');
  });
});
