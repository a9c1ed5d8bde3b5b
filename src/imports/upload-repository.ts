import { randomBytes } from 'node:crypto';
import { Queryable, countTouched } from '../db';

/**
 * The imports' upload store: files officers sent the bot in Teams, kept between the preview card and the
 * button that applies them. The card carries only the random token; the officer's id is checked on every
 * use, and a claim makes a second press of the button find the file taken (a triple click imports once).
 */

/** How long a file waits for its button. */
export const UPLOAD_TTL_HOURS = 24;
/** A claim older than this belongs to an import that died: the file may be claimed again. */
const STALE_CLAIM_MINUTES = 10;

export interface UploadInfo {
  token: string;
  officerAadId: string;
  fileName: string;
}

export interface StoredUpload extends UploadInfo {
  bytes: Buffer;
}

interface Row {
  token: string;
  officer_aad_id: string;
  file_name: string;
  bytes?: Uint8Array;
}

const info = (r: Row): UploadInfo => ({ token: r.token, officerAadId: r.officer_aad_id, fileName: r.file_name });

/** Expired files are deleted (also by the retention job, which may be switched off). */
export async function deleteExpiredUploads(q: Queryable): Promise<number> {
  return countTouched(q, 'DELETE FROM import_uploads WHERE expires_at <= now()', []);
}

/** Keeps a file for its officer; returns the token the card's buttons carry. */
export async function saveUpload(q: Queryable, u: { officerAadId: string; fileName: string; bytes: Buffer }, ttlHours = UPLOAD_TTL_HOURS): Promise<string> {
  await deleteExpiredUploads(q);
  const token = randomBytes(24).toString('base64url');
  await q.query(
    `INSERT INTO import_uploads (token, officer_aad_id, file_name, bytes, expires_at) VALUES ($1, $2, $3, $4, now() + ($5::int * interval '1 hour'))`,
    [token, u.officerAadId.toLowerCase(), u.fileName.slice(0, 200), u.bytes, ttlHours],
  );
  return token;
}

/** The file behind a token, without its bytes; null when there is none or it has expired. */
export async function findUpload(q: Queryable, token: string): Promise<UploadInfo | null> {
  const rows = await q.query<Row>('SELECT token, officer_aad_id, file_name FROM import_uploads WHERE token = $1 AND expires_at > now()', [token]);
  return rows[0] ? info(rows[0]) : null;
}

/**
 * Takes the officer's file for an import: null when it is gone, expired, someone else's or already
 * being imported (a second press of the button). releaseUpload gives it back, deleteUpload ends it.
 */
export async function claimUpload(q: Queryable, token: string, officerAadId: string): Promise<StoredUpload | null> {
  const rows = await q.query<Row>(
    `UPDATE import_uploads SET claimed_at = now()
     WHERE token = $1 AND officer_aad_id = $2 AND expires_at > now()
       AND (claimed_at IS NULL OR claimed_at < now() - ($3::int * interval '1 minute'))
     RETURNING token, officer_aad_id, file_name, bytes`,
    [token, officerAadId.toLowerCase(), STALE_CLAIM_MINUTES],
  );
  const r = rows[0];
  return r ? { ...info(r), bytes: Buffer.from(r.bytes ?? new Uint8Array()) } : null;
}

export async function releaseUpload(q: Queryable, token: string): Promise<void> {
  await q.query('UPDATE import_uploads SET claimed_at = NULL WHERE token = $1', [token]);
}

/** Deletes the officer's file; false when there was none of theirs. */
export async function deleteUpload(q: Queryable, token: string, officerAadId: string): Promise<boolean> {
  return (await countTouched(q, 'DELETE FROM import_uploads WHERE token = $1 AND officer_aad_id = $2', [token, officerAadId.toLowerCase()])) > 0;
}
