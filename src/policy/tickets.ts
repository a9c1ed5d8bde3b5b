import { ActionLimits } from '../core/limits';
import { Db, Queryable } from '../db';
import { OfficerDirectory } from '../core/officer-repository';
import { enqueue } from '../outbox/repository';
import { Person } from '../core/person';
import { DomainError } from '../core/errors';
import { OFFICERS_CHANNEL, userTarget } from '../core/targets';

/**
 * "Fråga en inköpare": a question goes to the officers' channel as a ticket; an officer answers on the
 * card; the answer reaches the asker 1:1. Written with the outbox like intake, so nothing is lost.
 */
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

export function createTicketService(deps: { db: Db; officers: OfficerDirectory; onEnqueued?: () => void; limits?: ActionLimits }) {
  const { db, officers } = deps;
  return {
    /** Stores a question once per ask button (idempotency key) and sends it to the officers' channel. */
    async ask(question: string, asker: Person & { locale: string }, idempotencyKey: string, year: number): Promise<{ ticket: Ticket; created: boolean }> {
      const existing = await db.query<Row>(`SELECT ${COLUMNS} FROM tickets WHERE idempotency_key = $1`, [idempotencyKey]);
      if (existing[0]) return { ticket: toTicket(existing[0]), created: false };
      if (deps.limits && !deps.limits.allow('question', asker.aadId)) throw new DomainError('too-many');
      const ticket = await db.transaction(async (tx) => {
        const [{ last }] = await tx.query<{ last: number }>(
          `INSERT INTO ticket_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last`,
          [year],
        );
        const [row] = await tx.query<Row>(
          `INSERT INTO tickets (ticket_number, idempotency_key, question, asker_aad_id, asker_name, asker_locale)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [`FR-${year}-${String(last).padStart(4, '0')}`, idempotencyKey, question, asker.aadId.toLowerCase(), asker.name, asker.locale],
        );
        const t = toTicket(row);
        await enqueue(tx, [{ kind: 'policy.ticket-card', ticketId: t.id, target: OFFICERS_CHANNEL, payload: {} }]);
        return t;
      });
      deps.onEnqueued?.();
      return { ticket, created: true };
    },

    /** An officer answers; the asker gets the answer and the ticket card shows it. */
    async answer(ticketNumber: string, actor: Person, answer: string, kbSuggestion: boolean): Promise<Ticket> {
      if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
      const ticket = await db.transaction(async (tx) => {
        const t = await findTicket(tx, { ticketNumber }, true);
        if (!t) throw new DomainError('not-found', { caseNumber: ticketNumber });
        if (t.status === 'answered') throw new DomainError('closed', { caseNumber: ticketNumber });
        const [row] = await tx.query<Row>(
          `UPDATE tickets SET status = 'answered', answer = $2, answered_by_aad_id = $3, answered_by_name = $4, answered_at = now(), kb_suggestion = $5
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [t.id, answer, actor.aadId, actor.name, kbSuggestion],
        );
        const updated = toTicket(row);
        await enqueue(tx, [
          { kind: 'policy.ticket-card', ticketId: t.id, target: OFFICERS_CHANNEL, payload: {} },
          { kind: 'policy.ticket-answer', ticketId: t.id, target: userTarget(t.asker.aadId), payload: {} },
        ]);
        return updated;
      });
      deps.onEnqueued?.();
      return ticket;
    },

    async get(ticketNumber: string): Promise<Ticket | null> {
      return findTicket(db, { ticketNumber });
    },

    /** Answered questions an officer marked "bör in i kunskapsbanken". */
    async kbSuggestions(actor: Person): Promise<Ticket[]> {
      if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM tickets WHERE kb_suggestion ORDER BY id DESC LIMIT 50`);
      return rows.map(toTicket);
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
