import { Locale } from './index';

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/**
 * Days already formatted, per locale: a results card shows the same few contract dates turn after turn,
 * and formatting one costs more than the rest of its fact. Bounded: emptied when it reaches DAYS_KEPT.
 */
const formattedDays: Record<Locale, Map<string, string>> = { sv: new Map(), en: new Map() };
const DAYS_KEPT = 4096;

/** "31 dec. 2026" in Swedish, "31 Dec 2026" in English. Input is an ISO day (YYYY-MM-DD). */
export function formatDate(locale: Locale, isoDay: string): string {
  const day = isoDay.slice(0, 10);
  const kept = formattedDays[locale];
  const known = kept.get(day);
  if (known !== undefined) return known;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  const out = dateFormats[locale].format(d);
  if (kept.size >= DAYS_KEPT) kept.clear();
  kept.set(day, out);
  return out;
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
};

/** "1 250 000 kr" in Swedish (with a normal space as thousands separator, which Teams renders reliably). */
export function formatSek(locale: Locale, amount: number): string {
  const n = numberFormats[locale].format(amount).replace(/[\u00a0\u202f]/g, ' ');
  return locale === 'sv' ? `${n} kr` : `SEK ${n}`;
}
