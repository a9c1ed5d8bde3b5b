import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allMigrations, loadMigrations, migrate } from '../../src/db/migrate';
import { Db } from '../../src/db';
import { createEmptyTestDb, createTestDb } from '../helpers/db';

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

  it('are recorded by identity: the kernel\'s as NNN_name, a capability\'s as <folder>/NNN_name', async () => {
    const rows = await db.query<{ id: string }>('SELECT id FROM applied_migrations');
    expect(rows.map((r) => r.id).sort()).toEqual(allMigrations().map((m) => m.id).sort());
    expect(allMigrations()[0].id).toBe('001_contracts');
  });

  it('run a new capability folder on an existing database, whatever number the kernel has reached', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cap-migrations-'));
    const fresh = await createEmptyTestDb();
    try {
      fs.writeFileSync(path.join(dir, '001_widgets.sql'), 'CREATE TABLE widgets (id serial PRIMARY KEY, name text NOT NULL);');
      // An existing database from before identities: kernel migrations recorded only by version.
      const kernel = loadMigrations();
      for (const m of kernel) await fresh.exec(m.sql);
      await fresh.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of kernel) await fresh.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      // The new folder's 001 runs although the kernel is far past 001, and nothing of the kernel runs again.
      const migrations = allMigrations([{ folder: 'widgets', dir }]);
      const applied = await migrate(fresh, migrations);
      // The capability folders' migrations (the source tree's and widgets') run; none of the kernel's.
      expect(applied).toContain('widgets/001_widgets');
      expect(applied).toEqual(migrations.filter((m) => m.folder !== 'db').map((m) => m.id));
      await fresh.query("INSERT INTO widgets (name) VALUES ('a')");
      expect(await migrate(fresh, allMigrations([{ folder: 'widgets', dir }]))).toEqual([]);
      // Two folders of one name are refused.
      expect(() => allMigrations([{ folder: 'db', dir }])).toThrow(/two migration folders are named db/);
    } finally {
      await fresh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
