import { disclosableGroups } from './disclosure';
import { DRIVERS, Driver, PersonAnswer, SatisfiedBand, SurveyAnswers, andelNojda, combinePerson, mean } from './nki';

/**
 * A quarter's NKI figures, computed once when the quarter is released and frozen from then on (release
 * rule: the quarter has ended and every survey sent in it has closed). Open surveys are never counted and
 * nothing is recomputed on a read, so comparing two reads tells nothing about who answered in between.
 *
 * Within the quarter:
 * - k counts people: each person's answers (from all the quarter's surveys) combine into one (combinePerson).
 * - The anonymity rule (disclosure.ts) decides which cells (the quarter, each category, each case) may be
 *   shown, with one unit per person; the NKI's decision also covers the count, response rate and share
 *   satisfied; each driver is decided over the people who answered it.
 * - Dominance: when, in a shown cell or in any set of people the shown cells tell apart, all but at most one
 *   person gave the same value (or all but one are satisfied, or at most one is), that measure is shown for
 *   the whole quarter only as a band, so that knowing every answer but one never fixes the last one.
 * Plain code.
 */

/** A value as published: exact when lo === hi, otherwise the band it lies in. NKI and drivers 0–100, shares 0–1. */
export interface Range {
  lo: number;
  hi: number;
}

export interface CellFigure {
  /** The rule lets this cell be shown (then it has at least k people). */
  shown: boolean;
  /** Distinct people who answered; null when not shown. */
  people: number | null;
  /** Distinct reachable people invited (officers and whoever sent a survey never count); null when not shown. */
  invited: number | null;
  nki: Range | null;
  share: Range | null;
  /** Per driver: its value (null when hidden or unanswered) and how many people answered it (0: nobody; null: hidden). */
  drivers: Record<Driver, { value: Range | null; people: number | null }>;
}

/** The frozen snapshot of one quarter. Cell keys: QUARTER_CELL. */
export interface QuarterSnapshot {
  quarter: string;
  min: number;
  band: SatisfiedBand;
  cells: Record<string, CellFigure>;
}

export const QUARTER_CELL = {
  total: 'total',
  category: (slug: string) => `category:${slug}`,
  case: (caseNumber: string) => `case:${caseNumber.toUpperCase()}`,
};

/** One person who answered in the quarter: her answers and the cells they fall in (the total, her categories, her cases). */
export interface ReleasePerson {
  answers: SurveyAnswers[];
  cells: string[];
}

export interface ReleaseInput {
  quarter: string;
  people: readonly ReleasePerson[];
  /** Distinct reachable people invited, per cell. */
  invited: Readonly<Record<string, number>>;
  min: number;
  band: SatisfiedBand;
}

const EPS = 1e-9;
const floor10 = (share: number) => Math.floor(share * 10 + EPS) / 10;
const ceil10 = (share: number) => Math.ceil(share * 10 - EPS) / 10;

/** The reading bands (DOMAIN: below 40 poor, 75 or more very good) serve as the bands of an index. */
export function indexBand(value: number): Range {
  if (value < 40) return { lo: 0, hi: 40 };
  return value < 75 ? { lo: 40, hi: 75 } : { lo: 75, hi: 100 };
}

/**
 * The band of a share of c satisfied among n people. At the ends both one-person neighbours show the same
 * band ("minst 80 %" for 4 or 5 of 5; "högst 20 %" for 0 or 1 of 5), so the band never tells whether the
 * last person was satisfied.
 */
export function shareBand(c: number, n: number): Range {
  if (c >= n - 1) return { lo: floor10((n - 1) / n), hi: 1 };
  if (c <= 1) return { lo: 0, hi: ceil10(1 / n) };
  return { lo: floor10((c - 1) / n), hi: ceil10((c + 1) / n) };
}

/** All but at most one of the values are equal (including a group where all are). */
export function dominated(values: readonly number[]): boolean {
  if (values.length === 0) return false;
  const sorted = [...values].sort((a, b) => a - b);
  let best = 1;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] > EPS) j++;
    best = Math.max(best, i - j + 1);
  }
  return best >= values.length - 1;
}

/** At most one, or all but at most one, of the people are satisfied. */
export function shareDominated(satisfied: readonly boolean[]): boolean {
  const c = satisfied.filter(Boolean).length;
  return satisfied.length > 0 && (c <= 1 || c >= satisfied.length - 1);
}

/** The people of each set the shown cells tell apart (same shown cells), leaving out people in no shown cell. */
function classes(cells: readonly string[][], shown: ReadonlySet<string>): number[][] {
  const byKey = new Map<string, number[]>();
  cells.forEach((keys, i) => {
    const key = keys.filter((k) => shown.has(k)).sort().join('|');
    if (key) (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(i);
  });
  return [...byKey.values()];
}

/** Computes a quarter's frozen figures. */
export function releaseQuarter(input: ReleaseInput): QuarterSnapshot {
  const persons: PersonAnswer[] = input.people.map((p) => combinePerson(p.answers));
  const cells = input.people.map((p) => [...new Set([QUARTER_CELL.total, ...p.cells])]);
  const keys = [...new Set(cells.flat())].sort();
  const membersOf = (key: string, has: (i: number) => boolean) => cells.flatMap((c, i) => (c.includes(key) && has(i) ? [i] : []));
  const satisfied = (i: number) => persons[i].overall >= input.band.from && persons[i].overall <= input.band.to;

  // The NKI's decision (one unit per person) also decides the count, the response rate and the share satisfied.
  const nkiShown = disclosableGroups(cells.map((groups) => ({ groups, count: 1 })), { min: input.min });
  const nkiClasses = classes(cells, nkiShown);
  const shownGroups = (shown: ReadonlySet<string>, has: (i: number) => boolean) => [...shown].map((k) => membersOf(k, has));
  const banded = (sets: number[][], test: (members: number[]) => boolean) => sets.some((m) => m.length > 0 && test(m));
  const nkiBanded = banded([...shownGroups(nkiShown, () => true), ...nkiClasses], (m) => dominated(m.map((i) => persons[i].nki)));
  const shareBanded = banded([...shownGroups(nkiShown, () => true), ...nkiClasses], (m) => shareDominated(m.map(satisfied)));

  const drivers = Object.fromEntries(
    DRIVERS.map((d) => {
      const has = (i: number) => persons[i].drivers[d] !== null;
      const shown = disclosableGroups(cells.map((groups, i) => ({ groups, count: has(i) ? 1 : 0 })), { min: input.min });
      const sets = [...shownGroups(shown, has), ...classes(cells.map((c, i) => (has(i) ? c : [])), shown)];
      return [d, { shown, banded: banded(sets, (m) => dominated(m.map((i) => persons[i].drivers[d]!))), has }];
    }),
  ) as Record<Driver, { shown: Set<string>; banded: boolean; has: (i: number) => boolean }>;

  const out: Record<string, CellFigure> = {};
  for (const key of keys) {
    const members = membersOf(key, () => true);
    const shown = nkiShown.has(key);
    const nki = mean(members.map((i) => persons[i].nki))!;
    const c = members.filter(satisfied).length;
    out[key] = {
      shown,
      people: shown ? members.length : null,
      invited: shown ? Math.max(input.invited[key] ?? 0, members.length) : null,
      nki: shown ? (nkiBanded ? indexBand(nki) : { lo: nki, hi: nki }) : null,
      share: shown ? (shareBanded ? shareBand(c, members.length) : { lo: andelNojda(members.map((i) => persons[i].overall), input.band)!, hi: c / members.length }) : null,
      drivers: Object.fromEntries(
        DRIVERS.map((d) => {
          const x = drivers[d];
          const given = membersOf(key, x.has);
          // Nobody answered it here: nothing to protect (0), unlike a driver the rule hides (null).
          if (given.length === 0) return [d, { value: null, people: 0 }];
          if (!x.shown.has(key)) return [d, { value: null, people: null }];
          const v = mean(given.map((i) => persons[i].drivers[d]!))!;
          return [d, { value: x.banded ? indexBand(v) : { lo: v, hi: v }, people: given.length }];
        }),
      ) as CellFigure['drivers'],
    };
  }
  return { quarter: input.quarter, min: input.min, band: input.band, cells: out };
}
