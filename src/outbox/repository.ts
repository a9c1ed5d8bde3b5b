import { OutboxMessage, OutboxRow } from '../core/delivery';
import { Db, Queryable } from '../db';

export type { OutboxMessage, OutboxRow } from '../core/delivery';

interface Row {
  id: string;
  kind: string;
  case_id: string | null;
  ticket_id: string | null;
  target: { key: string };
  payload: Record<string, unknown>;
  attempts: number;
  status: 'pending' | 'delivered';
  last_error: string | null;
  created_at: string;
  lock_token?: string | null;
}

const toRow = (r: Row): OutboxRow => ({
  id: Number(r.id),
  kind: r.kind,
  caseId: r.case_id === null ? null : Number(r.case_id),
  ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
  target: r.target.key,
  payload: r.payload,
  attempts: r.attempts,
  status: r.status,
  lastError: r.last_error,
  createdAt: r.created_at,
  ...(r.lock_token ? { lockToken: r.lock_token } : {}),
});

// A claim's token is its lock expiry in microseconds: every claim sets a new one, so a worker whose lock
// expired and was taken by another no longer matches. (An ISO string would lose the microseconds.)
const LOCK_TOKEN = `(extract(epoch FROM locked_until) * 1000000)::bigint::text`;

/** Writes notices inside the caller's transaction, so they exist exactly when the change they announce does. */
export async function enqueue(tx: Queryable, messages: OutboxMessage[]): Promise<void> {
  for (const m of messages) {
    await tx.query('INSERT INTO outbox (kind, case_id, ticket_id, survey_id, target, payload) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [
      m.kind,
      m.caseId ?? null,
      m.ticketId ?? null,
      m.surveyId ?? null,
      JSON.stringify({ key: m.target }),
      JSON.stringify(m.payload),
    ]);
  }
}

export function createOutboxRepository(db: Db) {
  return {
    /**
     * Claims due notices for this worker for lockMs. Rows locked by another worker are skipped
     * (FOR UPDATE SKIP LOCKED); a crashed worker's claims expire with their lock. Notices about the
     * same case (or question) and of the same kind go one at a time, in order.
     */
    async claim(limit: number, lockMs: number): Promise<OutboxRow[]> {
      const rows = await db.query<Row>(
        `UPDATE outbox SET locked_until = now() + ($2::int * interval '1 millisecond')
         WHERE id IN (
           SELECT o.id FROM outbox o
           WHERE o.status = 'pending' AND o.next_attempt_at <= now() AND (o.locked_until IS NULL OR o.locked_until < now())
             AND (o.case_id IS NULL OR NOT EXISTS (
               SELECT 1 FROM outbox e WHERE e.case_id = o.case_id AND e.kind = o.kind AND e.status = 'pending' AND e.id < o.id
             ))
             AND (o.ticket_id IS NULL OR NOT EXISTS (
               SELECT 1 FROM outbox e WHERE e.ticket_id = o.ticket_id AND e.kind = o.kind AND e.status = 'pending' AND e.id < o.id
             ))
           ORDER BY o.id
           LIMIT $1
           FOR UPDATE SKIP LOCKED
         )
         RETURNING id, kind, case_id, ticket_id, target, payload, attempts, status, last_error, created_at, ${LOCK_TOKEN} AS lock_token`,
        [limit, lockMs],
      );
      return rows.map(toRow).sort((a, b) => a.id - b.id);
    },

    /**
     * Extends a claim that is still this worker's; null when the lock expired and another worker took
     * the notice over (it delivers it, so this one must not).
     */
    async renew(id: number, lockToken: string, lockMs: number): Promise<string | null> {
      const rows = await db.query<{ lock_token: string }>(
        `UPDATE outbox SET locked_until = now() + ($3::int * interval '1 millisecond')
         WHERE id = $1 AND status = 'pending' AND ${LOCK_TOKEN} = $2
         RETURNING ${LOCK_TOKEN} AS lock_token`,
        [id, lockToken, lockMs],
      );
      return rows[0]?.lock_token ?? null;
    },

    async delivered(id: number, result: Record<string, unknown>): Promise<void> {
      await db.query(
        `UPDATE outbox SET status = 'delivered', delivered_at = now(), locked_until = NULL, attempts = attempts + 1, result = $2::jsonb WHERE id = $1`,
        [id, JSON.stringify(result)],
      );
    },

    /** Reschedules a notice; with a lock token, only while that claim holds (never releasing another worker's claim). */
    async failed(id: number, error: string, retryInMs: number, lockToken?: string): Promise<void> {
      await db.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2, locked_until = NULL,
           next_attempt_at = now() + ($3::int * interval '1 millisecond')
         WHERE id = $1 AND status = 'pending' AND ($4::text IS NULL OR ${LOCK_TOKEN} = $4)`,
        [id, error.slice(0, 500), Math.round(retryInMs), lockToken ?? null],
      );
    },

    /**
     * Puts a claimed notice back until its conversation may be sent to again: no attempt is counted and
     * nothing is recorded as an error. Only while the claim holds.
     */
    async defer(id: number, delayMs: number, lockToken?: string): Promise<void> {
      await db.query(
        `UPDATE outbox SET locked_until = NULL, next_attempt_at = now() + ($2::int * interval '1 millisecond')
         WHERE id = $1 AND status = 'pending' AND ($3::text IS NULL OR ${LOCK_TOKEN} = $3)`,
        [id, Math.round(delayMs), lockToken ?? null],
      );
    },

    /** Notices not yet delivered, oldest first (shown to officers). */
    async pending(limit = 50): Promise<OutboxRow[]> {
      const rows = await db.query<Row>(
        `SELECT id, kind, case_id, ticket_id, target, payload, attempts, status, last_error, created_at FROM outbox
         WHERE status = 'pending' ORDER BY id LIMIT $1`,
        [limit],
      );
      return rows.map(toRow);
    },

    async stats(): Promise<{ pending: number; oldestPendingSeconds: number }> {
      const [r] = await db.query<{ pending: number; oldest: number | null }>(
        `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest FROM outbox WHERE status = 'pending'`,
      );
      return { pending: r?.pending ?? 0, oldestPendingSeconds: r?.oldest ?? 0 };
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

export async function saveConversationRef(db: Queryable, key: string, reference: object): Promise<void> {
  await db.query(
    `INSERT INTO conversation_refs (key, reference) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
    [key, JSON.stringify(reference)],
  );
}

export async function loadConversationRef(db: Queryable, key: string): Promise<Record<string, unknown> | null> {
  const rows = await db.query<{ reference: Record<string, unknown> }>('SELECT reference FROM conversation_refs WHERE key = $1', [key]);
  return rows[0]?.reference ?? null;
}

/** The most recently used 1:1 chat of anyone (its service address and tenant serve to open a new one). */
export async function latestPersonalRef(db: Queryable): Promise<Record<string, unknown> | null> {
  const rows = await db.query<{ reference: Record<string, unknown> }>(`SELECT reference FROM conversation_refs WHERE key LIKE 'user:%' ORDER BY updated_at DESC LIMIT 1`);
  return rows[0]?.reference ?? null;
}
