import { CardAttachment, cardAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { UNMET_WINDOW_DAYS } from './search-log';
import { UnmetSearch } from './search-log-repository';

/** How many queries the officers' card shows, and over how many days. */
export const UNMET_CARD_TOP = 20;
export const UNMET_CARD_DAYS = UNMET_WINDOW_DAYS;

/**
 * "Sökningar utan träff": what staff searched for without finding a contract, most people first, each
 * with Starta ärende (the intake form, prefilled with the query: intake's own menu verb).
 */
export function unmetSearchesCard(locale: Locale, rows: readonly UnmetSearch[], minPeople: number): CardAttachment {
  return cardAttachment('unmet-searches', {
    title: t(locale, 'contracts.unmet.title', { days: UNMET_CARD_DAYS }),
    intro: t(locale, 'contracts.unmet.intro', { min: minPeople, top: UNMET_CARD_TOP }),
    empty: t(locale, 'contracts.unmet.empty', { min: minPeople }),
    items: rows.map((r, i) => ({
      heading: `${i + 1}. ${r.query}`,
      counts: t(locale, 'contracts.unmet.counts', { searches: r.searches, people: r.people }),
      query: r.query,
    })),
    startLabel: t(locale, 'contracts.unmet.start'),
    intakeVerb: VERBS.menuIntake,
    footnote: t(locale, 'contracts.unmet.footnote'),
  });
}
