import fs from 'node:fs';
import path from 'node:path';
import { Db } from './database';
import { fromRoot } from '../util/paths';

/**
 * Schema migrations: numbered SQL files, NNN_name.sql, in the kernel's folder (src/db/migrations) and in
 * each capability's (src/<capability>/migrations).
 *
 * A migration is applied by identity, never by "greater than the last version": its id is "NNN_name" in the
 * kernel's folder and "<capability>/NNN_name" in a capability's, and every id not yet recorded in
 * applied_migrations runs. So a new capability folder (its own 001, 002 …) runs on an existing database
 * whatever numbers the kernel has reached, and a database never skips one.
 *
 * The order, the same on a fresh and on an existing database: the kernel's folder first, then the
 * capabilities' folders by folder name, each by number. The rule that makes this safe: a capability's
 * migration touches only its own tables (it may refer to the kernel's), and the kernel's never a capability's.
 */
export interface Migration {
  /** The identity recorded once applied: "NNN_name" (kernel) or "<folder>/NNN_name" (a capability). */
  id: string;
  /** "db" for the kernel's folder, else the capability's folder name. */
  folder: string;
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;
export const KERNEL_FOLDER = 'db';

/** One folder's migrations, by number. */
export function loadMigrations(dir = fromRoot('src', 'db', 'migrations'), folder = KERNEL_FOLDER): Migration[] {
  return fs
    .readdirSync(dir)
    .map((file) => ({ file, m: FILE_PATTERN.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
    .map(({ file, m }) => ({
      id: folder === KERNEL_FOLDER ? `${m[1]}_${m[2]}` : `${folder}/${m[1]}_${m[2]}`,
      folder,
      version: Number(m[1]),
      name: m[2],
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

/** The capabilities' migration folders in the source tree: src/<folder>/migrations (not src/db), by folder name. */
export function capabilityMigrationFolders(src = fromRoot('src')): { folder: string; dir: string }[] {
  return fs
    .readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== KERNEL_FOLDER && fs.existsSync(path.join(src, e.name, 'migrations')))
    .map((e) => ({ folder: e.name, dir: path.join(src, e.name, 'migrations') }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/**
 * Every migration in the global order: the kernel's, then each capability folder's (src/ and `extra`,
 * e.g. a test's fixture capability) by folder name. Two folders of one name stop the start.
 */
export function allMigrations(extra: readonly { folder: string; dir: string }[] = []): Migration[] {
  const folders = [...capabilityMigrationFolders(), ...extra].sort((a, b) => a.folder.localeCompare(b.folder));
  const names = folders.map((f) => f.folder);
  const twice = names.find((n, i) => names.indexOf(n) !== i || n === KERNEL_FOLDER);
  if (twice) throw new Error(`two migration folders are named ${twice}`);
  return [...loadMigrations(), ...folders.flatMap((f) => loadMigrations(f.dir, f.folder))];
}

/**
 * Applies every migration not yet recorded, each in its own transaction, in the global order.
 * An advisory lock keeps two instances starting at once from applying the same migration twice.
 * Returns the ids applied by this call.
 */
export async function migrate(db: Db, migrations = allMigrations()): Promise<string[]> {
  // Under the same lock: two concurrent CREATE TABLE IF NOT EXISTS can both pass the check and one then fails.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4711001)');
    // schema_migrations: the kernel's numbered migrations (kept for tools and older releases that read it).
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS applied_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    // A database migrated before identities existed: its kernel migrations, by the same id.
    await tx.exec(`INSERT INTO applied_migrations (id, applied_at)
      SELECT lpad(version::text, 3, '0') || '_' || name, applied_at FROM schema_migrations
      ON CONFLICT (id) DO NOTHING`);
  });
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4711001)');
      const seen = await tx.query('SELECT 1 FROM applied_migrations WHERE id = $1', [m.id]);
      if (seen.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO applied_migrations (id) VALUES ($1)', [m.id]);
      if (m.folder === KERNEL_FOLDER) await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
