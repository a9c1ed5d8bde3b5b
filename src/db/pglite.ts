import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Extension, PGlite } from '@electric-sql/pglite';
import { Db, Tx, TYPE_OIDS } from './database';

const identity = (v: string) => v;
const parsers = {
  [TYPE_OIDS.DATE]: identity,
  [TYPE_OIDS.TIMESTAMP]: identity,
  [TYPE_OIDS.TIMESTAMPTZ]: (v: string) => new Date(v).toISOString(),
};

// The contrib packages ship CommonJS builds, but their type declarations are ESM-only; load them with require.
/* eslint-disable @typescript-eslint/no-require-imports */
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A new data directory is created by pglite-initdb in a child process, so initdb's passing peak is not the
 * server's. Where that script is not compiled (tests run the sources), PGlite creates it here as before.
 */
function initDataDir(dataDir: string): void {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const script = path.join(__dirname, 'pglite-initdb.js');
  if (!fs.existsSync(script)) return;
  execFileSync(process.execPath, [script, dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Embedded PostgreSQL (WASM). dataDir undefined = in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    initDataDir(dataDir);
  }
  const pg = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent }, parsers });

  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Tx => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);

  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
