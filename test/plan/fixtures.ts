import { Db } from '../../src/db';
import { TeamsUser } from '../helpers/teams';
import { addDays } from '../../src/core/dates';
import { addMonths } from '../../src/plan/calendar';
import { CONTRACT_ROUTE_DEFAULTS, contractRoute } from '../../src/plan/route-defaults';
import { DEFAULT_LEAD_TIMES } from '../../src/rules/data';

/** People and helpers the plan's tests share. */
export const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
export const STAFF: TeamsUser = { id: '29:staff', aadObjectId: '11111111-2222-3333-4444-555555555555', name: 'Karin Sjuksköterska' };
/** The sample data's reference day (the test clock) and the plan's default horizon from it. */
export const TODAY = '2026-11-21';
export const HORIZON_END = '2028-05-21';
/** The default implementation margin (PLAN_IMPLEMENTATION_DAYS). */
export const IMPLEMENTATION_DAYS = 30;

/** One item of a rendered plan card: its heading, state line, facts and button titles. */
export interface CardItem {
  id: string;
  heading: string;
  state: string;
  facts: Record<string, string>;
  buttons: string[];
}

type Node = Record<string, unknown>;

/** The items of a plan card (the containers under the intro), in order. */
export function planItems(card: unknown): CardItem[] {
  const body = ((card as Node).body ?? []) as Node[];
  return body
    .filter((n) => n.type === 'Container')
    .map((c) => {
      const items = c.items as Node[];
      const heading = String(items[0].text);
      const facts = Object.fromEntries(((items.find((i) => i.type === 'FactSet')?.facts ?? []) as { title: string; value: string }[]).map((f) => [f.title, f.value]));
      // The item's buttons, from each of its action sets (the coordination reason has its own, under its line).
      const buttons = items.filter((i) => i.type === 'ActionSet').flatMap((set) => ((set.actions ?? []) as Node[]).map((a) => String(a.title)));
      return { id: heading.split(' · ')[0], heading, state: String(items[1].text), facts, buttons };
    });
}

/** The card's "show more" action data, if any. */
export function moreOffset(card: unknown): number | null {
  const actions = ((card as Node).actions ?? []) as { title: string; data: { offset: number | string } }[];
  const more = actions.find((a) => /Visa fler|Show more/.test(a.title));
  return more ? Number(more.data.offset) : null;
}

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Sept: 9, Oct: 10, Nov: 11, Dec: 12 };

/** "3 Sept 2027" (English card dates) → "2027-09-03". */
export function isoFromEnglish(text: string): string {
  const m = /(\d{1,2}) ([A-Z][a-z]{2,3}) (\d{4})/.exec(text);
  if (!m || !MONTHS[m[2]]) throw new Error(`no date in "${text}"`);
  return `${m[3]}-${String(MONTHS[m[2]]).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

/**
 * The sample contracts the plan must list (an independent computation, issue 24): current, and either the
 * final end within the horizon or a day to act within it: the latest start if not extended (current end −
 * the route's longest lead time − the implementation margin) or the extension decision (current end −
 * the notice), whichever is earlier.
 */
export async function contractsInHorizon(db: Db): Promise<{ contract_id: string; valid_to: string; max_extension_to: string | null }[]> {
  const rows = await db.query<{ contract_id: string; valid_to: string; max_extension_to: string | null; contract_type: string; category: string }>(
    `SELECT contract_id, valid_to::text AS valid_to, max_extension_to::text AS max_extension_to, contract_type, category FROM contracts
     WHERE removed_at IS NULL AND valid_to >= $1::date ORDER BY contract_id`,
    [TODAY],
  );
  return rows.filter((c) => {
    if ((c.max_extension_to ?? c.valid_to) <= HORIZON_END) return true;
    const { route } = contractRoute({ contractType: c.contract_type, category: c.category }, CONTRACT_ROUTE_DEFAULTS);
    const notExtended = addDays(c.valid_to, -(DEFAULT_LEAD_TIMES[route].maxDays + IMPLEMENTATION_DAYS));
    return notExtended <= HORIZON_END || addMonths(c.valid_to, -3) <= HORIZON_END;
  });
}
