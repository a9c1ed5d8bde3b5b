import { Messenger } from '../core/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { localeFrom, t } from '../i18n';
import { OutboxRow } from '../outbox/repository';
import { postOrUpdate, resolveTarget } from '../outbox/targets';
import { DeliveryHandler } from '../outbox/worker';
import { ticketCard } from './cards';
import { livePublishedForTicket } from './published-repository';
import { findTicket, rememberTicketMessage } from './repository';

/** Delivers questions to the officers' channel and answers to the askers, rendered at delivery time. */
export function createTicketDelivery(deps: { db: Db; messenger: Messenger; config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> }) {
  const { db, messenger } = deps;
  const target = (row: OutboxRow) => resolveTarget(db, row.target, deps.config);
  async function ticketOf(row: OutboxRow) {
    const ticket = row.ticketId ? await findTicket(db, { id: row.ticketId }) : null;
    if (!ticket) throw Object.assign(new Error(`ticket ${row.ticketId} is gone`), { statusCode: 410 });
    return ticket;
  }
  const handlers: Record<string, DeliveryHandler> = {
    'ticket-card': async (row) => {
      const ticket = await ticketOf(row);
      const ref = await target(row);
      const card = ticketCard('sv', ticket, await livePublishedForTicket(db, ticket.id));
      return postOrUpdate(messenger, ref, { attachments: [card] }, ticket.channelActivityId, (id) => rememberTicketMessage(db, ticket.id, id));
    },
    'ticket-answer': async (row) => {
      const ticket = await ticketOf(row);
      const locale = localeFrom(ticket.asker.locale);
      const text = t(locale, 'policy.ticket.answerToAsker', { ticketNumber: ticket.ticketNumber, question: ticket.question, answer: ticket.answer ?? '' });
      const { id } = await messenger.send(await target(row), { text });
      return { id: id ?? null };
    },
  };
  return handlers;
}
