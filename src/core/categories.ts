import { Locale } from '../i18n';
import { foldText } from '../util/text';

/**
 * The organisation's contract categories are data (the categories table), not code: an import may
 * add the organisation's own, and the names it uses map by alias. Plain functions over the list.
 */
export interface Category {
  slug: string;
  name: { sv: string; en: string };
  aliases: string[];
  sortOrder: number;
}

export const MAX_CATEGORY_NAME = 80;
export const MAX_SLUG = 60;

/**
 * How two spellings of one name compare: case, diacritics, "och"/"and"/"&"/"/", punctuation and word
 * order ignored ("Fordon och transporter" is "Transporter och fordon").
 */
export function categoryKey(text: string): string {
  return foldText(text)
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && w !== 'och' && w !== 'and')
    .sort()
    .join(' ');
}

/** "Fastighet och service" → "fastighet-och-service": folded, dashes for everything else, at most MAX_SLUG. */
export function slugify(name: string): string {
  const slug = foldText(name)
    .replace(/[^a-z0-9]+/g, '-')
    // Runs are single dashes by now, so one at either end is all there is to trim.
    .replace(/^-|-$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-$/, '');
  return slug || 'kategori';
}

/** The category a slug, a Swedish or English name or an alias names; undefined when none does. */
export function findCategory(categories: readonly Category[], text: string): Category | undefined {
  const raw = text.trim();
  if (!raw) return undefined;
  const bySlug = categories.find((c) => c.slug === raw.toLowerCase());
  if (bySlug) return bySlug;
  const key = categoryKey(raw);
  if (!key) return undefined;
  return categories.find((c) => [c.name.sv, c.name.en, ...c.aliases].some((n) => categoryKey(n) === key));
}

/** A slug not yet taken: "it-och-telekom", else "it-och-telekom-2", "-3", … */
export function freeSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base.slice(0, MAX_SLUG - String(i).length - 1)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The category's name in the reader's language; a slug no longer in the table is shown as it is. */
export function categoryLabel(categories: readonly Category[], slug: string, locale: Locale): string {
  const c = categories.find((x) => x.slug === slug);
  return c ? c.name[locale] : slug;
}
