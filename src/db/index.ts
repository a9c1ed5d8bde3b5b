import path from 'node:path';
import { Db, Queryable } from './database';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type { Db, Queryable, Tx } from './database';
export { migrate } from './migrate';

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** In-memory embedded database (tests). */
  inMemory?: boolean;
}

/** DATABASE_URL selects a real PostgreSQL; otherwise the embedded database under DATA_DIR/pglite. */
export function openDatabase(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  if (opts.inMemory) return openPglite(undefined);
  return openPglite(path.resolve(opts.dataDir ?? './data', 'pglite'));
}

/** Runs a data-changing statement (UPDATE or DELETE without RETURNING) and counts the rows it touched. */
export async function countTouched(q: Queryable, sql: string, params: unknown[]): Promise<number> {
  const rows = await q.query<{ n: number }>(`WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`, params);
  return rows[0]?.n ?? 0;
}
