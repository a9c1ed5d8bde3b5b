import { Db, migrate, openDatabase } from '../../src/db';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; a real PostgreSQL
 * when TEST_DATABASE_URL is set (the same suites run against both backends).
 */
export async function createTestDb(): Promise<Db> {
  const db = await createEmptyTestDb();
  await migrate(db);
  return db;
}

/** A fresh database with no migrations applied (a test of a migration applies them itself). */
export async function createEmptyTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ inMemory: true });
  const admin = await openDatabase({ databaseUrl: url });
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return openDatabase({ databaseUrl: u.toString() });
}
