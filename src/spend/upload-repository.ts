import { randomBytes } from 'node:crypto';
import { Queryable, Tx, countTouched } from '../db';

/** Ledger files an officer uploaded in chat, kept until the preview's button imports them (or they expire). */

export const UPLOAD_TTL_HOURS = 24;

export async function saveSpendUpload(q: Queryable, u: { officerAadId: string; fileName: string; bytes: Buffer }): Promise<string> {
  await countTouched(q, 'DELETE FROM spend_uploads WHERE expires_at <= now()', []);
  const token = randomBytes(18).toString('base64url');
  await q.query(`INSERT INTO spend_uploads (token, officer_aad_id, file_name, bytes, expires_at) VALUES ($1, $2, $3, $4, now() + ($5::int * interval '1 hour'))`, [
    token,
    u.officerAadId.toLowerCase(),
    u.fileName,
    u.bytes,
    UPLOAD_TTL_HOURS,
  ]);
  return token;
}

export interface SpendUpload {
  token: string;
  officerAadId: string;
  fileName: string;
}

export async function findSpendUpload(q: Queryable, token: string): Promise<SpendUpload | null> {
  const [r] = await q.query<{ token: string; officer_aad_id: string; file_name: string }>('SELECT token, officer_aad_id, file_name FROM spend_uploads WHERE token = $1 AND expires_at > now()', [token]);
  return r ? { token: r.token, officerAadId: r.officer_aad_id, fileName: r.file_name } : null;
}

/** Claims an upload for its import (a second press finds it claimed); the bytes come with the claim. */
export async function claimSpendUpload(q: Queryable, token: string, officerAadId: string): Promise<(SpendUpload & { bytes: Buffer }) | null> {
  const [r] = await q.query<{ token: string; officer_aad_id: string; file_name: string; bytes: Uint8Array }>(
    `UPDATE spend_uploads SET claimed_at = now() WHERE token = $1 AND officer_aad_id = $2 AND expires_at > now() AND (claimed_at IS NULL OR claimed_at < now() - interval '10 minutes')
     RETURNING token, officer_aad_id, file_name, bytes`,
    [token, officerAadId.toLowerCase()],
  );
  return r ? { token: r.token, officerAadId: r.officer_aad_id, fileName: r.file_name, bytes: Buffer.from(r.bytes) } : null;
}

export async function releaseSpendUpload(q: Queryable, token: string): Promise<void> {
  await q.query('UPDATE spend_uploads SET claimed_at = NULL WHERE token = $1', [token]);
}

export async function deleteSpendUpload(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM spend_uploads WHERE token = $1', [token]);
}

/** The retention purge: the names of officers who imported, and expired uploads. */
export async function purgeSpend(tx: Tx, days: number): Promise<Record<string, number>> {
  const logActorsCleared = await countTouched(
    tx,
    `UPDATE spend_imports SET actor_id = NULL, actor_name = NULL WHERE imported_at < now() - ($1::int * interval '1 day') AND (actor_id IS NOT NULL OR actor_name IS NOT NULL)`,
    [days],
  );
  return { spendLogActorsCleared: logActorsCleared, spendUploadsDeleted: await countTouched(tx, 'DELETE FROM spend_uploads WHERE expires_at <= now()', []) };
}
