import { Person } from '../core/person';
import { Queryable, Tx, countTouched } from '../db';

/** Policy guidance's own records: model answers with their sources, feedback on them, ticket cards. */

export interface ModelAnswerRecord {
  activityId: string | null;
  question: string;
  answer: string;
  sources: { n: number; section: string; doc: string }[];
  askerAadId: string;
}

export async function recordModelAnswer(q: Queryable, a: ModelAnswerRecord): Promise<void> {
  await q.query('INSERT INTO policy_answers (activity_id, question, answer, sources, asker_aad_id) VALUES ($1, $2, $3, $4::jsonb, $5)', [
    a.activityId,
    a.question,
    a.answer,
    JSON.stringify(a.sources),
    a.askerAadId,
  ]);
}

/** A thumbs up or down, linked to the model answer it was given on (by the answer's message id). */
export async function recordFeedback(q: Queryable, f: { replyToId: string | null; reaction: 'like' | 'dislike'; feedback: string; userAadId: string }): Promise<void> {
  await q.query(
    `INSERT INTO policy_feedback (answer_id, reply_to_id, reaction, feedback, user_aad_id)
     VALUES ((SELECT id FROM policy_answers WHERE activity_id = $1 ORDER BY id DESC LIMIT 1), $1, $2, $3, $4)`,
    [f.replyToId, f.reaction, f.feedback, f.userAadId],
  );
}

/** The officers' channel message that shows the question, remembered the first time it is posted. */
export async function rememberTicketMessage(q: Queryable, ticketId: number, activityId: string): Promise<void> {
  await q.query('UPDATE tickets SET channel_activity_id = $2 WHERE id = $1 AND channel_activity_id IS NULL', [ticketId, activityId]);
}

/** Answered questions to officers, model answers and their feedback older than the retention period: deleted. */
export async function purgePolicy(tx: Tx, days: number): Promise<Record<string, number>> {
  const before = `now() - ($1::int * interval '1 day')`;
  return {
    ticketsDeleted: await countTouched(tx, `DELETE FROM tickets WHERE status = 'answered' AND coalesce(answered_at, created_at) < ${before}`, [days]),
    policyFeedbackDeleted: await countTouched(tx, `DELETE FROM policy_feedback WHERE created_at < ${before}`, [days]),
    policyAnswersDeleted: await countTouched(tx, `DELETE FROM policy_answers WHERE created_at < ${before}`, [days]),
  };
}

export interface Ticket {
  id: number;
  ticketNumber: string;
  status: 'open' | 'answered';
  question: string;
  asker: Person & { locale: string };
  answer: string | null;
  answeredBy: Person | null;
  kbSuggestion: boolean;
  channelActivityId: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  ticket_number: string;
  status: 'open' | 'answered';
  question: string;
  asker_aad_id: string;
  asker_name: string;
  asker_locale: string;
  answer: string | null;
  answered_by_aad_id: string | null;
  answered_by_name: string | null;
  kb_suggestion: boolean;
  channel_activity_id: string | null;
  created_at: string;
}

const COLUMNS = `id, ticket_number, status, question, asker_aad_id, asker_name, asker_locale, answer, answered_by_aad_id,
  answered_by_name, kb_suggestion, channel_activity_id, created_at`;

const toTicket = (r: Row): Ticket => ({
  id: Number(r.id),
  ticketNumber: r.ticket_number,
  status: r.status,
  question: r.question,
  asker: { aadId: r.asker_aad_id, name: r.asker_name, locale: r.asker_locale },
  answer: r.answer,
  answeredBy: r.answered_by_aad_id ? { aadId: r.answered_by_aad_id, name: r.answered_by_name ?? '' } : null,
  kbSuggestion: r.kb_suggestion,
  channelActivityId: r.channel_activity_id,
  createdAt: r.created_at,
});

export async function findTicket(q: Queryable, where: { ticketNumber?: string; id?: number }, forUpdate = false): Promise<Ticket | null> {
  const [col, value] = where.ticketNumber ? ['ticket_number', where.ticketNumber.toUpperCase()] : ['id', where.id];
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM tickets WHERE ${col} = $1${forUpdate ? ' FOR UPDATE' : ''}`, [value]);
  return rows[0] ? toTicket(rows[0]) : null;
}


export async function findTicketByKey(q: Queryable, idempotencyKey: string): Promise<Ticket | null> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM tickets WHERE idempotency_key = $1`, [idempotencyKey]);
  return rows[0] ? toTicket(rows[0]) : null;
}

/** A new question with the year's next number (FR-2026-0001, …). */
export async function insertTicket(tx: Queryable, t: { year: number; idempotencyKey: string; question: string; asker: Person & { locale: string } }): Promise<Ticket> {
  const [{ last }] = await tx.query<{ last: number }>(
    `INSERT INTO ticket_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last`,
    [t.year],
  );
  const [row] = await tx.query<Row>(
    `INSERT INTO tickets (ticket_number, idempotency_key, question, asker_aad_id, asker_name, asker_locale)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [`FR-${t.year}-${String(last).padStart(4, '0')}`, t.idempotencyKey, t.question, t.asker.aadId.toLowerCase(), t.asker.name, t.asker.locale],
  );
  return toTicket(row);
}

export async function markAnswered(tx: Queryable, ticketId: number, answer: string, officer: Person, kbSuggestion: boolean): Promise<Ticket> {
  const [row] = await tx.query<Row>(
    `UPDATE tickets SET status = 'answered', answer = $2, answered_by_aad_id = $3, answered_by_name = $4, answered_at = now(), kb_suggestion = $5
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [ticketId, answer, officer.aadId, officer.name, kbSuggestion],
  );
  return toTicket(row);
}

/** Answered questions an officer marked "bör in i kunskapsbanken", newest first. */
export async function kbSuggestedTickets(q: Queryable): Promise<Ticket[]> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM tickets WHERE kb_suggestion ORDER BY id DESC LIMIT 50`);
  return rows.map(toTicket);
}
