import { Activity, ConversationReference } from 'botbuilder';
import { Messenger } from '../bot/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { localeFrom, t } from '../i18n';
import { OFFICERS_CHANNEL } from '../intake/service';
import { OutboxRow, loadConversationRef } from '../outbox/repository';
import { DeliveryHandler } from '../outbox/worker';
import { ticketCard } from './cards';
import { findTicket } from './tickets';

/** Delivers questions to the officers' channel and answers to the askers, rendered at delivery time. */
export function createTicketDelivery(deps: { db: Db; messenger: Messenger; config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> }) {
  const { db, messenger } = deps;
  async function target(row: OutboxRow): Promise<Partial<ConversationReference>> {
    const stored = await loadConversationRef(db, row.target);
    if (stored) return stored as Partial<ConversationReference>;
    if (row.target === OFFICERS_CHANNEL && deps.config.INTAKE_CHANNEL_ID) {
      return { channelId: 'msteams', serviceUrl: deps.config.INTAKE_SERVICE_URL, conversation: { id: deps.config.INTAKE_CHANNEL_ID, isGroup: true, conversationType: 'channel', name: '' } };
    }
    throw Object.assign(new Error(`no conversation for ${row.target}`), { statusCode: 404 });
  }
  async function ticketOf(row: OutboxRow) {
    const ticket = row.ticketId ? await findTicket(db, { id: row.ticketId }) : null;
    if (!ticket) throw Object.assign(new Error(`ticket ${row.ticketId} is gone`), { statusCode: 410 });
    return ticket;
  }
  const handlers: Record<string, DeliveryHandler> = {
    'ticket-card': async (row) => {
      const ticket = await ticketOf(row);
      const ref = await target(row);
      const activity: Partial<Activity> = { type: 'message', attachments: [ticketCard('sv', ticket)] };
      if (ticket.channelActivityId) {
        await messenger.update(ref, ticket.channelActivityId, activity);
        return { updated: ticket.channelActivityId };
      }
      const { id } = await messenger.send(ref, activity);
      if (id) await db.query('UPDATE tickets SET channel_activity_id = $2 WHERE id = $1 AND channel_activity_id IS NULL', [ticket.id, id]);
      return { posted: id ?? null };
    },
    'ticket-answer': async (row) => {
      const ticket = await ticketOf(row);
      const locale = localeFrom(ticket.asker.locale);
      const text = t(locale, 'policy.ticket.answerToAsker', { ticketNumber: ticket.ticketNumber, question: ticket.question, answer: ticket.answer ?? '' });
      const { id } = await messenger.send(await target(row), { type: 'message', text });
      return { id: id ?? null };
    },
  };
  return handlers;
}
