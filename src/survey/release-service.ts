import { createHmac } from 'node:crypto';
import { Db } from '../db';
import { SatisfiedBand } from './nki';
import { shuffled, stripPersonal } from './comments';
import { QUARTER_CELL, ReleasePerson, releaseQuarter } from './release';
import { claimRelease, currentQuarter, lockQuarterSurveys, namesNear, officersAmong, quarterAnswers, quarterInvitations, storeRelease, unreleasedSurveys } from './release-repository';

/** What stands in for a removed name, e-mail address, personnummer or phone number in a released comment. */
export const REDACTED = '[…]';

export interface ReleaseSettings {
  /** k: the fewest people a shown figure rests on (NKI_MIN_RESPONSES, never below 3). */
  min: number;
  band: SatisfiedBand;
  /** NKI_PSEUDONYM_KEY: with it, a released answer keeps a keyed pseudonym of its person until the purge; without it, none. */
  pseudonymKey?: string;
}

/** A person's pseudonym in released answers: HMAC-SHA256 under a key kept outside the database. */
export function personPseudonym(key: string, aadId: string): string {
  return createHmac('sha256', key).update(`nki\n${aadId.trim().toLowerCase()}`).digest('hex');
}

/**
 * Releases every quarter that is due: the quarter has ended (by the database's clock) and every survey sent
 * in it has closed. Runs on the schedule and before every NKI report, so the moment of release does not
 * depend on who reads; a released quarter is never computed again. Officers' answers and the sender's own
 * never count (they are deleted at release); answers lose their link to the respondent.
 */
export function createReleaser(deps: { db: Db; settings: ReleaseSettings; /** PROCUREMENT_OFFICERS (the officers' team is read from the database). */ configuredOfficers?: readonly string[] }) {
  const { db, settings } = deps;

  async function releaseOne(quarter: string, ids: number[]): Promise<boolean> {
    return db.transaction(async (tx) => {
      const surveyIds = await lockQuarterSurveys(tx, ids);
      if (!surveyIds || surveyIds.length === 0) return false;
      const releaseId = await claimRelease(tx, quarter);
      if (releaseId === null) return false;
      const cellsOf = (r: { category: string; caseNumber: string | null }) => [QUARTER_CELL.category(r.category), ...(r.caseNumber ? [QUARTER_CELL.case(r.caseNumber)] : [])];

      // Answers by person; an officer or the survey's sender is not a respondent.
      const byPerson = new Map<string, ReleasePerson & { responses: number[]; comments: string[]; aad: string | null }>();
      const drop: number[] = [];
      const answers = await quarterAnswers(tx, surveyIds);
      const invitations = await quarterInvitations(tx, surveyIds);
      const officers = await officersAmong(tx, [...answers.flatMap((a) => (a.aad ? [a.aad] : [])), ...invitations.map((i) => i.aad)], deps.configuredOfficers ?? []);
      for (const a of answers) {
        if (a.aad && (a.aad === a.startedBy || officers.has(a.aad))) {
          drop.push(a.responseId);
          continue;
        }
        const key = a.aad ?? `response:${a.responseId}`;
        const p = byPerson.get(key) ?? byPerson.set(key, { answers: [], cells: [], responses: [], comments: [], aad: a.aad }).get(key)!;
        p.answers.push(a.answers);
        p.cells.push(...cellsOf(a));
        p.responses.push(a.responseId);
        if (a.answers.comment) p.comments.push(a.answers.comment);
      }
      const invited = new Map<string, Set<string>>();
      for (const i of invitations) {
        if (i.aad === i.startedBy || officers.has(i.aad)) continue;
        for (const cell of [QUARTER_CELL.total, ...cellsOf(i)]) (invited.get(cell) ?? invited.set(cell, new Set()).get(cell)!).add(i.aad);
      }
      const people = [...byPerson.values()];
      const snapshot = releaseQuarter({
        quarter,
        people,
        invited: Object.fromEntries([...invited].map(([cell, set]) => [cell, set.size])),
        min: settings.min,
        band: settings.band,
      });

      // Comments only with a shown quarter, never per category or case; stripped, in random order.
      const names = snapshot.cells[QUARTER_CELL.total]?.shown ? await namesNear(tx, surveyIds) : [];
      const comments = snapshot.cells[QUARTER_CELL.total]?.shown
        ? shuffled(people.flatMap((p) => p.comments.map((c) => stripPersonal(c, names, { name: REDACTED, email: REDACTED, personalNumber: REDACTED, phone: REDACTED })).filter((c) => c.replace(/\[…\]/g, '').trim().length > 0)))
        : [];
      const keep = people.flatMap((p) => p.responses.map((responseId) => ({ responseId, personKey: settings.pseudonymKey && p.aad ? personPseudonym(settings.pseudonymKey, p.aad) : null })));
      await storeRelease(tx, { id: releaseId, snapshot, comments, surveyIds }, { keep, drop });
      return true;
    });
  }

  return {
    /** Releases the quarters that are due; the quarters released now. */
    async releaseDue(): Promise<string[]> {
      const today = await currentQuarter(db);
      const byQuarter = new Map<string, { ids: number[]; open: boolean }>();
      for (const s of await unreleasedSurveys(db)) {
        const q = byQuarter.get(s.quarter) ?? byQuarter.set(s.quarter, { ids: [], open: false }).get(s.quarter)!;
        q.ids.push(s.id);
        q.open ||= s.open;
      }
      const released: string[] = [];
      for (const [quarter, q] of [...byQuarter].sort(([a], [b]) => a.localeCompare(b))) {
        if (quarter >= today || q.open) continue;
        if (await releaseOne(quarter, q.ids)) released.push(quarter);
      }
      return released;
    },
  };
}

export type Releaser = ReturnType<typeof createReleaser>;
