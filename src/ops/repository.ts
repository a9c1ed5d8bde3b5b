import { Tx, countTouched } from '../db';
import { deleteExpiredUploads } from '../imports/upload-repository';

/**
 * What the infrastructure keeps about people, purged after the retention period: delivered outbox
 * notices, bot conversation and user state, and personal conversation references not touched within it;
 * and, whatever their age, the files officers sent in Teams whose day of waiting for a button is over (the
 * imports' upload store is shared by every capability that reads files: its expired rows go here, once).
 */
export async function purgeInfrastructure(tx: Tx, days: number): Promise<Record<string, number>> {
  const before = `now() - ($1::int * interval '1 day')`;
  return {
    outboxDeleted: await countTouched(tx, `DELETE FROM outbox WHERE status = 'delivered' AND coalesce(delivered_at, created_at) < ${before}`, [days]),
    botStateDeleted: await countTouched(tx, `DELETE FROM bot_state WHERE updated_at < ${before}`, [days]),
    conversationRefsDeleted: await countTouched(tx, `DELETE FROM conversation_refs WHERE key LIKE 'user:%' AND updated_at < ${before}`, [days]),
    uploadsDeleted: await deleteExpiredUploads(tx),
  };
}

/** Claims a daily job for this instance (FOR UPDATE SKIP LOCKED): false when it ran within the day or another instance has it. */
export async function claimDailyJob(tx: Tx, job: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT job FROM scheduled_jobs WHERE job = $1 AND (last_run_at IS NULL OR last_run_at <= now() - interval '1 day') FOR UPDATE SKIP LOCKED`,
    [job],
  );
  return rows.length > 0;
}

export async function recordJobRun(tx: Tx, job: string, result: Record<string, unknown>): Promise<void> {
  await tx.query(`UPDATE scheduled_jobs SET last_run_at = now(), last_result = $2::jsonb WHERE job = $1`, [job, JSON.stringify(result)]);
}
