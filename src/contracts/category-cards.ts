import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Category, MAX_CATEGORY_NAME } from '../core/categories';
import { Locale, t } from '../i18n';
import { CategoryCount } from './repository';

/** How many categories the list shows before "… and N more", and the bytes it may take (Teams stops at about 28 KB). */
export const CATEGORY_LIST_MAX = 40;
const CARD_BUDGET_BYTES = 24 * 1024;

const clip = (s: string) => (s.length > MAX_CATEGORY_NAME ? `${s.slice(0, MAX_CATEGORY_NAME)}…` : s);
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

/**
 * "Kategorier": each category in the reader's language with its id and its number of current contracts,
 * CATEGORY_LIST_MAX at most (fewer when the names are long), the rest counted.
 */
export function categoryListCard(locale: Locale, rows: readonly CategoryCount[]): AdaptiveCardJson {
  const build = (limit: number) => {
    const shown = rows.slice(0, limit);
    return renderCard('category-list', {
      title: t(locale, 'contracts.categories.listTitle', { count: rows.length }),
      intro: t(locale, 'contracts.categories.listIntro'),
      empty: t(locale, 'contracts.categories.listEmpty'),
      items: shown.map((r) => ({
        heading: clip(r.name[locale]),
        detail: t(locale, 'contracts.categories.listItem', { slug: r.slug.slice(0, 60), current: r.active }),
      })),
      more: rows.length > shown.length ? t(locale, 'contracts.categories.more', { count: rows.length - shown.length }) : '',
      footnote: t(locale, 'contracts.categories.footnote'),
    });
  };
  let limit = CATEGORY_LIST_MAX;
  let card = build(limit);
  while (bytes(card) > CARD_BUDGET_BYTES && limit > 0) {
    limit = Math.max(0, limit - 10);
    card = build(limit);
  }
  return card;
}

export type CategoryConfirmation =
  | { kind: 'merge'; from: Category; into: Category; usage: { contracts: number; current: number } }
  | { kind: 'remove'; from: Category; usage: { contracts: number; current: number } };

/**
 * Slå ihop / Ta bort, before anything changes: what happens, with the numbers the server checks again
 * when the button is pressed (a card whose numbers no longer hold changes nothing).
 */
export function categoryConfirmCard(locale: Locale, c: CategoryConfirmation): AdaptiveCardJson {
  const from = clip(c.from.name[locale]);
  const base = { cancelVerb: VERBS.contractsCategoryCancel, cancelLabel: t(locale, 'contracts.categories.button.cancel'), contracts: c.usage.contracts, current: c.usage.current };
  if (c.kind === 'remove') {
    return renderCard('category-confirm', {
      ...base,
      title: t(locale, 'contracts.categories.removeTitle', { name: from }),
      lines: [{ text: t(locale, 'contracts.categories.removeText', { name: from, slug: c.from.slug }) }],
      confirmVerb: VERBS.contractsCategoryRemove,
      confirmLabel: t(locale, 'contracts.categories.button.remove'),
      from: '',
      into: '',
      slug: c.from.slug,
    });
  }
  const into = clip(c.into.name[locale]);
  return renderCard('category-confirm', {
    ...base,
    title: t(locale, 'contracts.categories.mergeTitle', { from, into }),
    lines: [
      { text: t(locale, 'contracts.categories.mergeMoves', { from, into, count: c.usage.contracts, current: c.usage.current }) },
      { text: t(locale, 'contracts.categories.mergeAliases', { from, into }) },
    ],
    confirmVerb: VERBS.contractsCategoryMerge,
    confirmLabel: t(locale, 'contracts.categories.button.merge'),
    from: c.from.slug,
    into: c.into.slug,
    slug: '',
  });
}
