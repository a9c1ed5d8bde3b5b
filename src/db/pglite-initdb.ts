/**
 * Creates an embedded database's data directory in a process of its own: `node pglite-initdb.js DIR`.
 * PGlite's initdb briefly takes some 300 MiB more than the server ever needs again, and a process keeps its
 * peak; doing it apart (as PostgreSQL's own initdb is a program apart) keeps it out of the server's.
 */
import { PGlite } from '@electric-sql/pglite';

async function main(dir: string): Promise<void> {
  const pg = await PGlite.create({ dataDir: dir });
  await pg.close();
}

const dir = process.argv[2];
if (dir) {
  main(dir).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
