/** Calendar days as ISO strings (YYYY-MM-DD), in Swedish time. */
export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Built once: constructing an Intl.DateTimeFormat costs more than a whole cached search.
const swedishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The last minute asked about and its Swedish day: Sweden's offset from UTC is whole hours, so the day
 * cannot change within a minute, and every turn in that minute skips the formatter.
 */
let lastMinute = NaN;
let lastDay = '';

/** Today's date in Sweden as YYYY-MM-DD: statuses flip at Swedish midnight, not UTC's. */
export function todayInSweden(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    // An invalid date throws in format, as before, and is not remembered.
    lastDay = swedishDay.format(now);
    lastMinute = minute;
  }
  return lastDay;
}

/** True for a calendar day that exists ("2026-02-30" does not). */
export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The same day `months` months later (or earlier), clamped to the month's last day: 31 May − 3 months = 28 Feb. */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
