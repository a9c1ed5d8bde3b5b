/**
 * The one small database interface every repository is written against.
 * Two implementations: embedded PGlite (default) and a real PostgreSQL through `pg`.
 * SQL is PostgreSQL dialect with $1-style parameters in both.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Tx extends Queryable {
  /** Runs a multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres DATE and timestamp values come back as ISO strings, never as JS Dates in local time. */
export const TYPE_OIDS = { DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, INT8: 20, NUMERIC: 1700 } as const;
