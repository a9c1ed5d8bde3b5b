import pg from 'pg';
import { Db, Tx, TYPE_OIDS } from './database';

const identity = (v: string) => v;

export interface PostgresOptions {
  max?: number;
}

/** A real PostgreSQL server through a pg connection pool. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Db> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === TYPE_OIDS.DATE || oid === TYPE_OIDS.TIMESTAMP) return identity;
      if (oid === TYPE_OIDS.TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: types as pg.CustomTypesConfig });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  // Fail fast on a wrong URL instead of at the first request.
  const probe = await pool.connect();
  probe.release();

  const wrap = (c: pg.Pool | pg.PoolClient): Tx => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await c.query(sql, params as unknown[] | undefined);
      return res.rows as T[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await c.query(sql);
    },
  });
  const base = wrap(pool);

  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
