import { Db } from '../../src/db';
import { TeamsUser } from '../helpers/teams';

/** People and helpers the plan's tests share. */
export const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
export const STAFF: TeamsUser = { id: '29:staff', aadObjectId: '11111111-2222-3333-4444-555555555555', name: 'Karin Sjuksköterska' };
/** The sample data's reference day (the test clock) and the plan's default horizon from it. */
export const TODAY = '2026-11-21';
export const HORIZON_END = '2028-05-21';

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
      const actionSet = items.find((i) => i.type === 'ActionSet');
      const buttons = ((actionSet?.actions ?? []) as Node[]).map((a) => String(a.title));
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

/** The sample contracts the plan must list: current, final end within the horizon (an independent query). */
export async function contractsInHorizon(db: Db): Promise<{ contract_id: string; valid_to: string; max_extension_to: string | null }[]> {
  return db.query(
    `SELECT contract_id, valid_to, max_extension_to FROM contracts
     WHERE removed_at IS NULL AND valid_to >= $1::date AND coalesce(max_extension_to, valid_to) <= $2::date ORDER BY contract_id`,
    [TODAY, HORIZON_END],
  );
}
