/** The purchase-account ranges of SPEND_ACCOUNTS (no imports: the config parses them at start). */

/** An inclusive range of account numbers, e.g. [5000, 5799]. */
export type AccountRange = [number, number];

/** "5000-5799,6000-7999" → ranges; null when the text is not a list of ranges (config refuses it). */
export function parseAccountRanges(text: string): AccountRange[] | null {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const ranges: AccountRange[] = [];
  for (const part of parts) {
    const m = /^(\d{1,9})(?:\s*-\s*(\d{1,9}))?$/.exec(part);
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = Number(m[2] ?? m[1]);
    if (hi < lo) return null;
    ranges.push([lo, hi]);
  }
  return ranges.length > 0 ? ranges : null;
}
