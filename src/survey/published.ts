import { DRIVERS, Driver } from './nki';
import { CellFigure, QUARTER_CELL, QuarterSnapshot, Range } from './release';
import type { ReleasedComment } from './release-repository';

/**
 * The NKI figures every report shows (the officers' card, the CSV, the yearly internal-control report), read
 * from the released quarters only (release.ts). A quarter's figures are its frozen cells; a figure over
 * several quarters (a year, a category, everything) is put together from the cells the quarters showed —
 * people-weighted, a band where a quarter gave only a band — so nothing published is ever more than a
 * function of what the released quarters already showed. Whatever is compared, before and after a release
 * or across groups, tells no more than the quarters' own cells.
 */

/** Which released figures a report covers; every field given narrows it. */
export interface NkiScope {
  year?: number;
  category?: string;
  caseNumber?: string;
}

/** The published groups' keys (also the CSV's group column, without the year). */
export const NKI_GROUP = {
  all: 'all',
  year: (year: number) => `year:${year}`,
  quarter: (quarter: string) => `quarter:${quarter}`,
  category: (category: string) => `category:${category}`,
  yearCategory: (year: number, category: string) => `year:${year}/category:${category}`,
  categoryQuarter: (category: string, quarter: string) => `category:${category}/quarter:${quarter}`,
  case: (caseNumber: string) => `case:${caseNumber.toUpperCase()}`,
};

/** The group a scope names. */
export function scopeGroup(scope: NkiScope): string {
  if (scope.caseNumber) return NKI_GROUP.case(scope.caseNumber);
  if (scope.year && scope.category) return NKI_GROUP.yearCategory(scope.year, scope.category);
  if (scope.year) return NKI_GROUP.year(scope.year);
  if (scope.category) return NKI_GROUP.category(scope.category);
  return NKI_GROUP.all;
}

/** One group's figures. Values are exact, or (the range fields) a band; counts only where a quarter showed them. */
export interface PublishedFigure {
  /** People behind the figure, summed over the quarters that showed it (a person answering in two quarters counts in each). */
  responses: number;
  invited: number;
  /** At least one released quarter shows this group. */
  shown: boolean;
  /** The released quarters the figure is built from, and those that held the group but did not show it. */
  quarters: string[];
  withheld: string[];
  /** Exact NKI, or null (hidden, or only a band: nkiRange). */
  nki: number | null;
  nkiRange: Range | null;
  responseRate: number | null;
  /** Exact "andel nöjda" (0–1), or null (hidden, or only a band: shareRange). */
  shareSatisfied: number | null;
  shareRange: Range | null;
  /** Per driver: exact index, or its band, and how many people it rests on. */
  drivers: Record<Driver, { index: number | null; range: Range | null; answers: number }>;
  /** Open answers (stripped, random order) of the quarters covered; only for the quarters as wholes, never a category or case. */
  comments: { id: number; text: string }[];
}

export interface PublishedNki {
  figure(group: string): PublishedFigure;
  /** The released quarters, oldest first. */
  quarters(): string[];
  /** The categories a released quarter holds cells for (shown or not: check figure(...).shown before naming one). */
  categoriesOf(quarter: string): string[];
}

const exact = (r: Range | null) => (r && Math.abs(r.hi - r.lo) < 1e-9 ? r.lo : null);

/** A people-weighted mean of ranges (exact when every part is). */
function combine(parts: { range: Range; n: number }[]): { range: Range | null; n: number } {
  const n = parts.reduce((s, p) => s + p.n, 0);
  if (n === 0) return { range: null, n: 0 };
  return { range: { lo: parts.reduce((s, p) => s + p.range.lo * p.n, 0) / n, hi: parts.reduce((s, p) => s + p.range.hi * p.n, 0) / n }, n };
}

const LINE_END = /[\n\r\u2028\u2029]/;

/** "quarter:…" to the end on one line: the quarter, else undefined. */
function quarterPart(s: string): string | undefined {
  const q = s.startsWith('quarter:') ? s.slice(8) : '';
  return q !== '' && !LINE_END.test(q) ? q : undefined;
}

/**
 * "year:2025/category:IT/quarter:2025-Q3" (each part optional, "/" between): its year, category and quarter,
 * or null when the group is not of that form. Plain code, linear in the length; a category runs to the next
 * "/" unless only a shorter one leaves a quarter after it.
 */
function groupParts(group: string): [string, string | undefined, string | undefined, string | undefined] | null {
  let s = group;
  const year = /^year:(\d{4})/.exec(s);
  if (year) s = s.slice(year[0].length);
  if (s.startsWith('/')) s = s.slice(1);
  let category: string | undefined;
  let quarter: string | undefined;
  const tail = (rest: string): boolean => {
    const r = rest.startsWith('/') ? rest.slice(1) : rest;
    if (r === '') return true;
    quarter = quarterPart(r);
    return quarter !== undefined;
  };
  if (s.startsWith('category:')) {
    const body = s.slice(9);
    const slash = body.indexOf('/');
    const run = slash < 0 ? body.length : slash;
    if (run === 0) return null;
    if (tail(body.slice(run))) category = body.slice(0, run);
    else {
      // The last "quarter:" inside the run that leaves a quarter; one left empty gives way to the one before.
      let at = body.lastIndexOf('quarter:', run - 1);
      if (at > 0 && at + 8 === body.length) at = body.lastIndexOf('quarter:', at - 1);
      if (at <= 0 || quarterPart(body.slice(at)) === undefined) return null;
      category = body.slice(0, at);
      quarter = quarterPart(body.slice(at));
    }
  } else if (!tail(s)) return null;
  return [group, year?.[1], category, quarter];
}

/** Which cell of which quarter a group is made of. */
function cellsOf(snapshots: readonly QuarterSnapshot[], group: string): { quarter: string; cell: CellFigure | undefined; whole: boolean }[] {
  const year = (q: string) => Number(q.slice(0, 4));
  const m = groupParts(group);
  if (group.startsWith('case:')) {
    const key = QUARTER_CELL.case(group.slice(5));
    return snapshots.filter((s) => s.cells[key]).map((s) => ({ quarter: s.quarter, cell: s.cells[key], whole: false }));
  }
  if (!m && group !== NKI_GROUP.all) return [];
  const [, y, category, quarter] = m ?? [];
  const key = category ? QUARTER_CELL.category(category) : QUARTER_CELL.total;
  return snapshots
    .filter((s) => (!y || year(s.quarter) === Number(y)) && (!quarter || s.quarter === quarter))
    .filter((s) => s.cells[key])
    .map((s) => ({ quarter: s.quarter, cell: s.cells[key], whole: !category }));
}

/** The published figures over the released quarters. */
export function publishNki(snapshots: readonly QuarterSnapshot[], comments: readonly ReleasedComment[] = []): PublishedNki {
  return {
    quarters: () => snapshots.map((s) => s.quarter),
    categoriesOf: (quarter) =>
      Object.keys(snapshots.find((s) => s.quarter === quarter)?.cells ?? {})
        .filter((k) => k.startsWith('category:'))
        .map((k) => k.slice('category:'.length)),
    figure(group) {
      const all = cellsOf(snapshots, group);
      const parts = all.filter((p) => p.cell?.shown) as { quarter: string; cell: CellFigure; whole: boolean }[];
      const people = parts.reduce((s, p) => s + (p.cell.people ?? 0), 0);
      const invited = parts.reduce((s, p) => s + (p.cell.invited ?? 0), 0);
      const nki = combine(parts.flatMap((p) => (p.cell.nki ? [{ range: p.cell.nki, n: p.cell.people ?? 0 }] : [])));
      const share = combine(parts.flatMap((p) => (p.cell.share ? [{ range: p.cell.share, n: p.cell.people ?? 0 }] : [])));
      const drivers = Object.fromEntries(
        DRIVERS.map((d) => {
          // Only where every quarter the figure is built from shows the driver: then a driver covers the same
          // quarters as the NKI beside it, and nobody has to guess which quarters a driver left out.
          // A quarter where nobody answered the driver adds nothing and takes nothing away.
          const given = parts.filter((p) => p.cell.drivers[d].people !== 0);
          if (given.length === 0 || given.some((p) => !p.cell.drivers[d].value)) return [d, { index: null, range: null, answers: 0 }];
          const c = combine(given.map((p) => ({ range: p.cell.drivers[d].value!, n: p.cell.drivers[d].people ?? 0 })));
          return [d, { index: exact(c.range), range: exact(c.range) === null ? c.range : null, answers: c.n }];
        }),
      ) as PublishedFigure['drivers'];
      const quarters = parts.map((p) => p.quarter);
      const wholeQuarters = new Set(parts.filter((p) => p.whole).map((p) => p.quarter));
      return {
        responses: people,
        invited,
        shown: parts.length > 0,
        quarters,
        withheld: all.filter((p) => !p.cell?.shown).map((p) => p.quarter),
        nki: exact(nki.range),
        nkiRange: exact(nki.range) === null ? nki.range : null,
        responseRate: invited > 0 && parts.length > 0 ? people / invited : null,
        shareSatisfied: exact(share.range),
        shareRange: exact(share.range) === null ? share.range : null,
        drivers,
        comments: comments.filter((c) => wholeQuarters.has(c.quarter)).map((c) => ({ id: c.id, text: c.text })),
      };
    },
  };
}
