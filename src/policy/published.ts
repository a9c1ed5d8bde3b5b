import { z } from 'zod';
import { AdaptiveCardJson } from '../cards/loader';
import { todayInSweden } from '../core/dates';
import { DomainError } from '../core/errors';
import { OfficerDirectory } from '../core/officer-repository';
import { Person } from '../core/person';
import { cleanInput } from '../util/text';
import { Db } from '../db';
import { Locale, localeFrom, t } from '../i18n';
import { enqueue } from '../outbox/repository';
import { OFFICERS_CHANNEL } from '../core/targets';
import { ticketCard } from './cards';
import { questionLanguage } from './language';
import { publishedListCard } from './published-cards';
import { PublishedAnswer, findPublished, insertPublished, livePublished, livePublishedForTicket, markWithdrawn } from './published-repository';
import { MAX_QUESTION_LENGTH } from './query';
import { Ticket, findTicket } from './repository';

/**
 * "Publicera i kunskapsbanken": an officer turns an answered ticket's question and answer (edited on the
 * card) into a knowledge entry that the next person who asks finds, cited "Svar från Inköp, {datum}".
 * Officers list and withdraw entries. The service is plain code; the action functions below parse what
 * a card sent and return what to show, so the Teams handlers only pass the turn's locale and person.
 */
export const MAX_PUBLISHED_ANSWER = 4000;
const TICKET_NUMBER = /^FR-\d{4}-\d{4,6}$/i;
const ENTRY_NUMBER = /^KB-(\d{1,9})$/i;

/** An answer's paragraphs kept, each line cleaned of control and invisible characters. */
export function cleanAnswer(text: string): string {
  return text
    .split(/\r?\n/)
    .map(cleanInput)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function createPublishService(deps: { db: Db; officers: OfficerDirectory; now?: () => Date; onEnqueued?: () => void }) {
  const { db, officers } = deps;
  const officerOnly = async (actor: Person) => {
    if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
  };
  return {
    /** Publishes an answered ticket's question and answer (as the officer edited them). */
    async publish(ticketNumber: string, actor: Person, text: { question: string; answer: string }): Promise<{ ticket: Ticket; entry: PublishedAnswer }> {
      await officerOnly(actor);
      return db.transaction(async (tx) => {
        const ticket = await findTicket(tx, { ticketNumber }, true);
        if (!ticket) throw new DomainError('not-found', { ticketNumber });
        if (ticket.status !== 'answered') throw new DomainError('transition', { ticketNumber: ticket.ticketNumber });
        const live = await livePublishedForTicket(tx, ticket.id);
        if (live) throw new DomainError('closed', { ticketNumber: ticket.ticketNumber, entryNumber: live.entryNumber });
        // The entry's language is the text's own (a Swedish answer typed in an English client is Swedish).
        const language = questionLanguage(`${text.question} ${text.answer}`, localeFrom(ticket.asker.locale));
        const publishedAt = deps.now?.() ?? new Date();
        const entry = await insertPublished(tx, {
          ticketId: ticket.id,
          ticketNumber: ticket.ticketNumber,
          ...text,
          language,
          officer: actor,
          publishedAt: publishedAt.toISOString(),
          day: todayInSweden(publishedAt),
          title: t(language, 'policy.publish.source'),
        });
        return { ticket, entry };
      });
    },

    /** Withdraws an entry: it stops being found at once; its ticket's card offers to publish again. */
    async withdraw(entryNumber: string, actor: Person): Promise<PublishedAnswer> {
      await officerOnly(actor);
      const id = Number(ENTRY_NUMBER.exec(entryNumber)?.[1] ?? NaN);
      const entry = await db.transaction(async (tx) => {
        const e = Number.isSafeInteger(id) ? await findPublished(tx, id, true) : null;
        if (!e) throw new DomainError('not-found', { entryNumber: entryNumber.toUpperCase() });
        if (e.withdrawnAt) throw new DomainError('closed', { entryNumber: e.entryNumber });
        const withdrawn = await markWithdrawn(tx, e.id, actor);
        if (e.ticketId) await enqueue(tx, [{ kind: 'policy.ticket-card', ticketId: e.ticketId, target: OFFICERS_CHANNEL, payload: {} }]);
        return withdrawn;
      });
      if (entry.ticketId) deps.onEnqueued?.();
      return entry;
    },

    async list(actor: Person): Promise<PublishedAnswer[]> {
      await officerOnly(actor);
      return livePublished(db);
    },

    forTicket: (ticketId: number) => livePublishedForTicket(db, ticketId),
  };
}

export type PublishService = ReturnType<typeof createPublishService>;

const publishPayload = z.object({
  ticketNumber: z.string().regex(TICKET_NUMBER),
  question: z.string().max(4 * MAX_QUESTION_LENGTH).transform(cleanInput).pipe(z.string().min(1).max(MAX_QUESTION_LENGTH)),
  answer: z.string().max(2 * MAX_PUBLISHED_ANSWER).transform(cleanAnswer).pipe(z.string().min(1).max(MAX_PUBLISHED_ANSWER)),
});
const withdrawPayload = z.object({ entryNumber: z.string().regex(ENTRY_NUMBER) });

/** A refusal in the officer's language. */
function refusal(locale: Locale, err: unknown): string {
  if (!(err instanceof DomainError)) throw err;
  const p = err.params;
  switch (err.code) {
    case 'forbidden':
      return t(locale, 'errors.forbidden');
    case 'transition':
      return t(locale, 'policy.publish.notAnswered', p);
    case 'closed':
      return t(locale, p.ticketNumber ? 'policy.publish.alreadyPublished' : 'policy.publish.alreadyWithdrawn', p);
    default:
      return p.ticketNumber ? t(locale, 'policy.ticket.notFound', p) : t(locale, 'policy.publish.entryNotFound', p);
  }
}

/** The "Publicera" button on an answered ticket card: the updated card, or why not (nothing stored). */
export async function publishAction(service: PublishService, locale: Locale, actor: Person, data: unknown): Promise<string | AdaptiveCardJson> {
  const p = publishPayload.safeParse(data ?? {});
  if (!p.success) {
    const textProblem = p.error.issues.every((i) => i.path[0] === 'question' || i.path[0] === 'answer');
    return textProblem ? t(locale, 'policy.publish.invalidText', { question: MAX_QUESTION_LENGTH, answer: MAX_PUBLISHED_ANSWER }) : t(locale, 'common.cardDataInvalid');
  }
  try {
    const { ticket, entry } = await service.publish(p.data.ticketNumber, actor, { question: p.data.question, answer: p.data.answer });
    return ticketCard(locale, ticket, entry).content;
  } catch (err) {
    return refusal(locale, err);
  }
}

/** The withdraw button on the list of entries: the list without it, or why not. */
export async function withdrawAction(service: PublishService, locale: Locale, actor: Person, data: unknown): Promise<string | AdaptiveCardJson> {
  const p = withdrawPayload.safeParse(data ?? {});
  if (!p.success) return t(locale, 'common.cardDataInvalid');
  try {
    const entry = await service.withdraw(p.data.entryNumber, actor);
    return publishedListCard(locale, await service.list(actor), t(locale, 'policy.publish.withdrawn', { entryNumber: entry.entryNumber })).content;
  } catch (err) {
    return refusal(locale, err);
  }
}

/** "dra tillbaka KB-12" typed in chat. */
export async function withdrawCommand(service: PublishService, locale: Locale, actor: Person, text: string): Promise<string> {
  const entryNumber = /KB-\d+/i.exec(text)?.[0] ?? '';
  try {
    const entry = await service.withdraw(entryNumber, actor);
    return t(locale, 'policy.publish.withdrawn', { entryNumber: entry.entryNumber });
  } catch (err) {
    return refusal(locale, err);
  }
}

/** "kunskapsbank publicerat": the live entries with a withdraw button each, or why not. */
export async function listReply(service: PublishService, locale: Locale, actor: Person): Promise<{ card?: AdaptiveCardJson; text?: string }> {
  try {
    return { card: publishedListCard(locale, await service.list(actor)).content };
  } catch (err) {
    return { text: refusal(locale, err) };
  }
}
