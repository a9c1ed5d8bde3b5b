/** Calendar days as ISO strings (YYYY-MM-DD), in Swedish time. */
export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Built once: constructing an Intl.DateTimeFormat costs more than a whole cached search.
const swedishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Sweden as YYYY-MM-DD: statuses flip at Swedish midnight, not UTC's. */
export function todayInSweden(now: Date = new Date()): string {
  return swedishDay.format(now);
}

/** True for a calendar day that exists ("2026-02-30" does not). */
export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
