/**
 * Calendar arithmetic the plan needs beyond src/core/dates.ts (which has whole months: notice periods, the
 * horizon): the Swedish week and clock (the weekly digest). Days are ISO strings (YYYY-MM-DD).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** Whole months (the kernel's: the renewal status staff see uses it too). */
export { addMonths } from '../core/dates';

/** The ISO week of a day, as "2026-W48" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

// Built once (constructing a DateTimeFormat is slow); en-GB gives stable weekday names and a 24-hour clock.
const swedish = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The moment in Swedish time: the day, the ISO weekday (1 = Monday) and "HH:MM". */
export function swedishClock(now: Date): { day: string; weekday: number; time: string } {
  const p = Object.fromEntries(swedish.formatToParts(now).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS.indexOf(p.weekday) + 1, time: `${p.hour}:${p.minute}` };
}

/**
 * The week whose digest is due at `now`, or null: on the configured weekday from the configured time
 * until midnight, Swedish time. Later days of the week do not catch up on a day the service was down.
 */
export function digestWeekDue(now: Date, weekday: number | null, time: string): string | null {
  if (weekday === null) return null;
  const c = swedishClock(now);
  return c.weekday === weekday && c.time >= time ? isoWeek(c.day) : null;
}
