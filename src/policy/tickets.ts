import { ActionLimits } from '../core/limits';
import { Db } from '../db';
import { OfficerDirectory } from '../core/officer-repository';
import { enqueue } from '../outbox/repository';
import { Person } from '../core/person';
import { DomainError } from '../core/errors';
import { OFFICERS_CHANNEL, userTarget } from '../core/targets';
import { Ticket, findTicket, findTicketByKey, insertTicket, kbSuggestedTickets, markAnswered } from './repository';

/**
 * "Fråga en inköpare": a question goes to the officers' channel as a ticket; an officer answers on the
 * card; the answer reaches the asker 1:1. Written with the outbox like intake, so nothing is lost.
 */
export function createTicketService(deps: { db: Db; officers: OfficerDirectory; onEnqueued?: () => void; limits?: ActionLimits }) {
  const { db, officers } = deps;
  return {
    /** Stores a question once per ask button (idempotency key) and sends it to the officers' channel. */
    async ask(question: string, asker: Person & { locale: string }, idempotencyKey: string, year: number): Promise<{ ticket: Ticket; created: boolean }> {
      const existing = await findTicketByKey(db, idempotencyKey);
      if (existing) return { ticket: existing, created: false };
      if (deps.limits && !deps.limits.allow('question', asker.aadId)) throw new DomainError('too-many');
      const ticket = await db.transaction(async (tx) => {
        const t = await insertTicket(tx, { year, idempotencyKey, question, asker });
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
        const updated = await markAnswered(tx, t.id, answer, actor, kbSuggestion);
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
      return kbSuggestedTickets(db);
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
