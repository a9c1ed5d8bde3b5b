import { z } from 'zod';

/**
 * A number from client input (card data, query strings): a string is read with Number() as
 * z.coerce.number() would, a number is kept, anything else (object, array, boolean, null) is refused as
 * the wrong type. z.coerce.number() calls Number() on whatever it gets, which throws a TypeError, not a
 * validation error, for an object like {"toString": "x"}, and quietly turns [5] into 5.
 */
export function numberInput<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), schema);
}

/** The first year a report may name (the regions' data starts well after it). */
export const YEAR_MIN = 2000;
/** The last year a report may name: next year (plans and renewals reach ahead), by the clock when asked. */
export const yearMax = (now: Date = new Date()): number => now.getUTCFullYear() + 1;

/**
 * Every `year` a client gives (REST report queries, "rapport behov 2026", "nki 2026", "rapport
 * internkontroll 2026"), always as text: exactly four ASCII digits within YEAR_MIN..yearMax(). Number()
 * would read "0x7EA", "2e3", "02026" and " 2026" as years; this does not. A refusal is a custom issue with
 * `params.reason = 'year'`, which zodReason words for the caller (one message for every way to get
 * it wrong, so no length or pattern check of zod's own comes first).
 */
export const yearInput = z
  .string()
  .transform((text, ctx) => {
    const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
    const max = yearMax();
    if (!(year >= YEAR_MIN && year <= max)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, params: { reason: 'year', min: YEAR_MIN, max } });
      return z.NEVER;
    }
    return year;
  });

/** A year typed in chat: the year, or null when it is not four digits in range. */
export function parseYear(text: string): number | null {
  const p = yearInput.safeParse(text);
  return p.success ? p.data : null;
}

/**
 * The year after a report command's words ("rapport behov 2026" → "2026"): this year when none is given,
 * null when what follows is not a year (the caller answers with common.badYear).
 */
export function commandYear(rest: string, today: string): number | null {
  const given = rest.trim().replace(/[.!]$/, '').trim();
  return parseYear(given || today.slice(0, 4));
}
