import { CardAttachment, cardAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { todayInSweden } from '../core/dates';
import { cut } from '../util/text';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { PUBLISHED_DOC_PREFIX, PublishedAnswer } from './published-repository';

/** Published answers as officers and askers see them: the citation, the ticket card's line, the list. */

/** "Svar från Inköp, 21 nov. 2026" for a published answer's passage; null for a document's. */
export function publishedCitation(locale: Locale, passage: { docPath: string; validFrom: string }): string | null {
  if (!passage.docPath.startsWith(PUBLISHED_DOC_PREFIX)) return null;
  return t(locale, 'policy.publish.citation', { date: formatDate(locale, passage.validFrom) });
}

const publishedDay = (locale: Locale, e: PublishedAnswer) => formatDate(locale, todayInSweden(new Date(e.publishedAt)));

/** "📚 Publicerad i kunskapsbanken som KB-3, 21 nov. 2026, av Olle Officer". */
export function publishedLine(locale: Locale, e: PublishedAnswer): string {
  return t(locale, e.publishedBy ? 'policy.publish.publishedBy' : 'policy.publish.publishedOn', {
    entryNumber: e.entryNumber,
    date: publishedDay(locale, e),
    name: e.publishedBy?.name ?? '',
  });
}

/** The live entries with a withdraw button each (for officers), with a notice on top after a withdrawal. */
export function publishedListCard(locale: Locale, entries: PublishedAnswer[], notice = ''): CardAttachment {
  return cardAttachment('published-list', {
    title: t(locale, 'policy.publish.listTitle'),
    notice,
    empty: t(locale, 'policy.publish.listEmpty'),
    intro: t(locale, 'policy.publish.listIntro'),
    entries: entries.map((e) => ({
      entryNumber: e.entryNumber,
      question: e.question,
      answer: cut(e.answer, 400),
      meta: `${publishedLine(locale, e)} · ${t(locale, 'policy.publish.fromTicket', { ticketNumber: e.ticketNumber })}`,
      withdrawLabel: t(locale, 'policy.publish.withdrawButton', { entryNumber: e.entryNumber }),
    })),
    withdrawConfirmText: t(locale, 'policy.publish.withdrawConfirmText'),
    withdrawConfirmLabel: t(locale, 'policy.publish.withdrawConfirm'),
    withdrawVerb: VERBS.kbWithdraw,
  });
}
