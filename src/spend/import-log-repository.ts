import { Queryable, Tx, countTouched } from '../db';

/** The spend import log: one row per import (who, when, what file, what it added), shown to officers. */

export interface SpendLogEntry {
  source: 'cli' | 'api' | 'teams' | 'seed';
  actorId: string | null;
  actorName: string | null;
  fileName: string | null;
  format: 'csv' | 'xlsx' | null;
  outcome: 'applied' | 'refused';
  rowsRead: number;
  added: number;
  already: number;
  masked: number;
  firstDay: string | null;
  lastDay: string | null;
  regions: string[];
  reason: string | null;
}
export interface SpendLogRow extends SpendLogEntry {
  id: number;
  importedAt: string;
}

export async function insertSpendLog(q: Queryable, e: SpendLogEntry): Promise<number> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO spend_imports (source, actor_id, actor_name, file_name, format, outcome, rows_read, added, already, masked, first_day, last_day, regions, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [e.source, e.actorId, e.actorName, e.fileName, e.format, e.outcome, e.rowsRead, e.added, e.already, e.masked, e.firstDay, e.lastDay, e.regions, e.reason],
  );
  return Number(row.id);
}

export async function setLogCounts(tx: Tx, id: number, added: number, already: number): Promise<void> {
  await tx.query('UPDATE spend_imports SET added = $2, already = $3 WHERE id = $1', [id, added, already]);
}

export async function latestSpendImports(q: Queryable, limit: number): Promise<SpendLogRow[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT id, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at, source, actor_id, actor_name, file_name, format, outcome,
       rows_read, added, already, masked, to_char(first_day, 'YYYY-MM-DD') AS first_day, to_char(last_day, 'YYYY-MM-DD') AS last_day, regions, reason
     FROM spend_imports ORDER BY imported_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    importedAt: String(r.imported_at),
    source: r.source as SpendLogEntry['source'],
    actorId: (r.actor_id as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    fileName: (r.file_name as string | null) ?? null,
    format: (r.format as SpendLogEntry['format']) ?? null,
    outcome: r.outcome as SpendLogEntry['outcome'],
    rowsRead: Number(r.rows_read),
    added: Number(r.added),
    already: Number(r.already),
    masked: Number(r.masked),
    firstDay: (r.first_day as string | null) ?? null,
    lastDay: (r.last_day as string | null) ?? null,
    regions: (r.regions as string[]) ?? [],
    reason: (r.reason as string | null) ?? null,
  }));
}

/**
 * The spend module's retention purge: the names of officers who imported (the counts stay). Ledgers waiting
 * for their button live in the shared upload store (src/imports/upload-repository.ts), purged by the infrastructure.
 */
export async function purgeSpend(tx: Tx, days: number): Promise<Record<string, number>> {
  const logActorsCleared = await countTouched(
    tx,
    `UPDATE spend_imports SET actor_id = NULL, actor_name = NULL WHERE imported_at < now() - ($1::int * interval '1 day') AND (actor_id IS NOT NULL OR actor_name IS NOT NULL)`,
    [days],
  );
  return { spendLogActorsCleared: logActorsCleared };
}
