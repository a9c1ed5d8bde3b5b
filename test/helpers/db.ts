import { Db, migrate, openDatabase } from '../../src/db';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; a real PostgreSQL
 * when TEST_DATABASE_URL is set (the same suites run against both backends).
 */
export async function createTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = await openDatabase({ databaseUrl: url });
    const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin.exec(`CREATE DATABASE ${name}`);
    await admin.close();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: u.toString() });
    await migrate(db);
    return db;
  }
  const db = await openDatabase({ inMemory: true });
  await migrate(db);
  return db;
}
