import { Queryable, Tx, countTouched } from '../db';
import { uploadStore } from '../imports/upload-repository';

/** The import log, and the removals a full export makes: all SQL of importing outside the contract rows themselves. */

/**
 * Contract files waiting for their buttons, in the imports' shared upload store under the purpose
 * 'contracts': a token another capability made (a supplier ledger's) is not found here.
 */
export const contractUploads = uploadStore('contracts');

export interface ImportLogEntry {
  source: 'cli' | 'api' | 'teams';
  actorId: string | null;
  actorName: string | null;
  fileName: string | null;
  format: 'csv' | 'xlsx';
  mode: 'update' | 'full';
  outcome: 'applied' | 'refused';
  forced: boolean;
  rowsRead: number;
  added: number;
  updated: number;
  removed: number;
  rejected: number;
  newCategories: string[];
  reason: string | null;
}

export interface ImportLogRow extends ImportLogEntry {
  id: number;
  importedAt: string;
}

interface LogRow {
  id: string;
  imported_at: string;
  source: ImportLogEntry['source'];
  actor_id: string | null;
  actor_name: string | null;
  file_name: string | null;
  format: ImportLogEntry['format'];
  mode: ImportLogEntry['mode'];
  outcome: ImportLogEntry['outcome'];
  forced: boolean;
  rows_read: number;
  added: number;
  updated: number;
  removed: number;
  rejected: number;
  new_categories: string[];
  reason: string | null;
}

const LOG_COLUMNS = `id, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at, source, actor_id, actor_name,
  file_name, format, mode, outcome, forced, rows_read, added, updated, removed, rejected, new_categories, reason`;

export async function insertImportLog(q: Queryable, e: ImportLogEntry): Promise<number> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO contract_imports (source, actor_id, actor_name, file_name, format, mode, outcome, forced, rows_read, added, updated, removed, rejected, new_categories, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [e.source, e.actorId, e.actorName, e.fileName, e.format, e.mode, e.outcome, e.forced, e.rowsRead, e.added, e.updated, e.removed, e.rejected, e.newCategories, e.reason],
  );
  return Number(row.id);
}

export async function updateImportCounts(tx: Tx, id: number, c: { added: number; updated: number; removed: number }): Promise<void> {
  await tx.query('UPDATE contract_imports SET added = $2, updated = $3, removed = $4 WHERE id = $1', [id, c.added, c.updated, c.removed]);
}

export async function latestImports(q: Queryable, limit: number): Promise<ImportLogRow[]> {
  const rows = await q.query<LogRow>(`SELECT ${LOG_COLUMNS} FROM contract_imports ORDER BY imported_at DESC, id DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({
    id: Number(r.id),
    importedAt: r.imported_at,
    source: r.source,
    actorId: r.actor_id,
    actorName: r.actor_name,
    fileName: r.file_name,
    format: r.format,
    mode: r.mode,
    outcome: r.outcome,
    forced: r.forced,
    rowsRead: r.rows_read,
    added: r.added,
    updated: r.updated,
    removed: r.removed,
    rejected: r.rejected,
    newCategories: r.new_categories,
    reason: r.reason,
  }));
}

/** Every contract id the catalogue holds (lower case), and whether a full export removed it. */
export async function knownContractIds(q: Queryable): Promise<Map<string, { contractId: string; title: string; removed: boolean }>> {
  const rows = await q.query<{ id_key: string; contract_id: string; title: string; removed: boolean }>(
    'SELECT id_key, contract_id, title, removed_at IS NOT NULL AS removed FROM contracts',
  );
  return new Map(rows.map((r) => [r.id_key, { contractId: r.contract_id, title: r.title, removed: r.removed }]));
}

/** Takes contracts out of the catalogue (their rows, and so their history, stay). */
export async function markRemoved(tx: Tx, idKeys: string[], importId: number): Promise<number> {
  if (idKeys.length === 0) return 0;
  return countTouched(tx, 'UPDATE contracts SET removed_at = now(), removed_by_import = $2 WHERE id_key = ANY($1::text[]) AND removed_at IS NULL', [idKeys, importId]);
}

/** Serialises imports: two at once would each compute their removals against a catalogue the other is changing. */
export async function lockImports(tx: Tx): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('inkop.contract-import'))`);
}

/** Who imported is personal data: emptied after the retention period; the counts stay. */
export async function purgeImportLog(tx: Tx, days: number): Promise<Record<string, number>> {
  const importsAnonymised = await countTouched(
    tx,
    `UPDATE contract_imports SET actor_id = NULL, actor_name = NULL
     WHERE (actor_id IS NOT NULL OR actor_name IS NOT NULL) AND imported_at < now() - ($1::int * interval '1 day')`,
    [days],
  );
  return { importsAnonymised };
}

/**
 * The contracts module's retention purge: who imported (the log). Files waiting for a button are in the
 * imports' shared upload store, whose expired rows the infrastructure's purge deletes (src/ops/repository.ts).
 */
export async function purgeContractData(tx: Tx, days: number): Promise<Record<string, number>> {
  return purgeImportLog(tx, days);
}
