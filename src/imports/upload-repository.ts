import { randomBytes } from 'node:crypto';
import { Queryable, countTouched } from '../db';

/**
 * The imports' upload store: files officers sent the bot in Teams (contract exports, supplier ledgers),
 * kept between the preview card and the button that applies them. The card carries only the random token;
 * the officer's id and the token's purpose (the capability that made it) are checked on every use, so a
 * contract file's token does nothing on a ledger's buttons and the other way round. A claim makes a second
 * press of the button find the file taken (a triple click imports once).
 */

/** How long a file waits for its button. */
export const UPLOAD_TTL_HOURS = 24;
/** A claim older than this belongs to an import that died: the file may be claimed again. */
const STALE_CLAIM_MINUTES = 10;

/** What a token was made for: the name of the capability whose buttons may use it (e.g. its module's name). */
export type UploadPurpose = string;
const PURPOSE = /^[a-z][a-z0-9-]{0,31}$/;

function checked(purpose: UploadPurpose): UploadPurpose {
  // A programming error, not a user's: the database refuses it too (migration 025).
  if (!PURPOSE.test(purpose)) throw new Error(`not an upload purpose: ${JSON.stringify(purpose)}`);
  return purpose;
}

export interface UploadInfo {
  token: string;
  purpose: UploadPurpose;
  officerAadId: string;
  fileName: string;
}

export interface StoredUpload extends UploadInfo {
  bytes: Buffer;
}

interface Row {
  token: string;
  purpose: string;
  officer_aad_id: string;
  file_name: string;
  bytes?: Uint8Array;
}

const COLUMNS = 'token, purpose, officer_aad_id, file_name';
const info = (r: Row): UploadInfo => ({ token: r.token, purpose: r.purpose, officerAadId: r.officer_aad_id, fileName: r.file_name });

/**
 * Expired files are deleted, whatever they were for: at each upload and by the retention purge of the
 * infrastructure (src/ops/repository.ts), the one place the retention job deletes them.
 */
export async function deleteExpiredUploads(q: Queryable): Promise<number> {
  return countTouched(q, 'DELETE FROM import_uploads WHERE expires_at <= now()', []);
}

/** Keeps a file for its officer and purpose; returns the token the card's buttons carry. */
export async function saveUpload(
  q: Queryable,
  u: { purpose: UploadPurpose; officerAadId: string; fileName: string; bytes: Buffer },
  ttlHours = UPLOAD_TTL_HOURS,
): Promise<string> {
  const purpose = checked(u.purpose);
  await deleteExpiredUploads(q);
  const token = randomBytes(24).toString('base64url');
  await q.query(
    `INSERT INTO import_uploads (token, purpose, officer_aad_id, file_name, bytes, expires_at) VALUES ($1, $2, $3, $4, $5, now() + ($6::int * interval '1 hour'))`,
    [token, purpose, u.officerAadId.toLowerCase(), u.fileName.slice(0, 200), u.bytes, ttlHours],
  );
  return token;
}

/** The file behind a token made for this purpose, without its bytes; null when there is none or it has expired. */
export async function findUpload(q: Queryable, purpose: UploadPurpose, token: string): Promise<UploadInfo | null> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM import_uploads WHERE token = $1 AND purpose = $2 AND expires_at > now()`, [token, checked(purpose)]);
  return rows[0] ? info(rows[0]) : null;
}

/**
 * Takes the officer's file for an import: null when it is gone, expired, made for another purpose,
 * someone else's or already being imported (a second press of the button). releaseUpload gives it back,
 * deleteUpload ends it.
 */
export async function claimUpload(q: Queryable, purpose: UploadPurpose, token: string, officerAadId: string): Promise<StoredUpload | null> {
  const rows = await q.query<Row>(
    `UPDATE import_uploads SET claimed_at = now()
     WHERE token = $1 AND purpose = $2 AND officer_aad_id = $3 AND expires_at > now()
       AND (claimed_at IS NULL OR claimed_at < now() - ($4::int * interval '1 minute'))
     RETURNING ${COLUMNS}, bytes`,
    [token, checked(purpose), officerAadId.toLowerCase(), STALE_CLAIM_MINUTES],
  );
  const r = rows[0];
  return r ? { ...info(r), bytes: Buffer.from(r.bytes ?? new Uint8Array()) } : null;
}

export async function releaseUpload(q: Queryable, purpose: UploadPurpose, token: string): Promise<void> {
  await q.query('UPDATE import_uploads SET claimed_at = NULL WHERE token = $1 AND purpose = $2', [token, checked(purpose)]);
}

/** Deletes the officer's file; false when there was none of theirs for this purpose. */
export async function deleteUpload(q: Queryable, purpose: UploadPurpose, token: string, officerAadId: string): Promise<boolean> {
  return (await countTouched(q, 'DELETE FROM import_uploads WHERE token = $1 AND purpose = $2 AND officer_aad_id = $3', [token, checked(purpose), officerAadId.toLowerCase()])) > 0;
}

/** The store's functions for one purpose (a capability's buttons use only these). */
export function uploadStore(purpose: UploadPurpose) {
  checked(purpose);
  return {
    purpose,
    save: (q: Queryable, u: { officerAadId: string; fileName: string; bytes: Buffer }, ttlHours?: number) => saveUpload(q, { ...u, purpose }, ttlHours),
    find: (q: Queryable, token: string) => findUpload(q, purpose, token),
    claim: (q: Queryable, token: string, officerAadId: string) => claimUpload(q, purpose, token, officerAadId),
    release: (q: Queryable, token: string) => releaseUpload(q, purpose, token),
    delete: (q: Queryable, token: string, officerAadId: string) => deleteUpload(q, purpose, token, officerAadId),
  };
}

export type UploadStore = ReturnType<typeof uploadStore>;
