import { disclosableGroups } from './disclosure';
import { DRIVERS, Driver, SurveyAnswers, aggregate, quarterOf } from './nki';

/**
 * The NKI figures that may be published, for every group any report shows: all surveys, a year, a
 * quarter, a category (over all years and within a year), a category's quarter, one case. The
 * anonymity rule (disclosure.ts) is decided over all of them together, so the card, the CSV and the
 * yearly report show the same figures and none of them can be combined to reveal a hidden one.
 * A survey's year and quarter are those of the day it was sent: a survey's answers stay together.
 */
export interface SurveyUnit {
  surveyId: number;
  /** The case the survey followed; null for a procurement that is not a case. */
  caseNumber: string | null;
  category: string;
  /** The day the survey was sent (YYYY-MM-DD). */
  opened: string;
  /** Reachable people asked. */
  invited: number;
  answers: SurveyAnswers[];
}

/** Which surveys a report covers; every field given narrows it. */
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

const yearOf = (u: SurveyUnit) => Number(u.opened.slice(0, 4));

/** Every published group a survey belongs to. */
export function groupsOf(u: SurveyUnit): string[] {
  const quarter = quarterOf(u.opened);
  const year = yearOf(u);
  return [
    NKI_GROUP.all,
    NKI_GROUP.year(year),
    NKI_GROUP.quarter(quarter),
    NKI_GROUP.category(u.category),
    NKI_GROUP.yearCategory(year, u.category),
    NKI_GROUP.categoryQuarter(u.category, quarter),
    ...(u.caseNumber ? [NKI_GROUP.case(u.caseNumber)] : []),
  ];
}

/** The group a scope names. */
export function scopeGroup(scope: NkiScope): string {
  if (scope.caseNumber) return NKI_GROUP.case(scope.caseNumber);
  if (scope.year && scope.category) return NKI_GROUP.yearCategory(scope.year, scope.category);
  if (scope.year) return NKI_GROUP.year(scope.year);
  if (scope.category) return NKI_GROUP.category(scope.category);
  return NKI_GROUP.all;
}

/** Whether a survey lies in a scope. */
export function inScope(u: SurveyUnit, scope: NkiScope): boolean {
  return (
    (!scope.year || yearOf(u) === scope.year) &&
    (!scope.category || u.category === scope.category) &&
    (!scope.caseNumber || (u.caseNumber ?? '').toUpperCase() === scope.caseNumber.toUpperCase())
  );
}

/** A scope's quarters, oldest first, each with the key of its published group (a case has none of its own). */
export function quartersOf(units: readonly SurveyUnit[], scope: NkiScope): { quarter: string; group: string }[] {
  if (scope.caseNumber) return [];
  const quarters = [...new Set(units.filter((u) => inScope(u, scope)).map((u) => quarterOf(u.opened)))].sort();
  // Within a year a quarter is the year's quarter; within a category, the category's quarter.
  return quarters.map((quarter) => ({ quarter, group: scope.category ? NKI_GROUP.categoryQuarter(scope.category, quarter) : NKI_GROUP.quarter(quarter) }));
}

/** One group's figures: counts always; values (null) only where the rule allows. */
export interface PublishedFigure {
  responses: number;
  invited: number;
  /** The NKI, share satisfied, response rate and comments may be shown. */
  shown: boolean;
  nki: number | null;
  responseRate: number | null;
  shareSatisfied: number | null;
  /** Per driver (its own rule, over the people who answered it): index (null when hidden or nobody answered it) and how many answered it. */
  drivers: Record<Driver, { index: number | null; answers: number }>;
  /** The open answers, in alphabetical order (not the order they came in); empty when not shown. */
  comments: string[];
}

export interface PublishedNki {
  figure(group: string): PublishedFigure;
}

/** Applies the anonymity rule to every group of every survey; figures are then read per group. */
export function publishNki(units: readonly SurveyUnit[], opts: { minResponses: number; satisfiedFrom: number }): PublishedNki {
  const groups = units.map(groupsOf);
  // One decision per pattern of counts: drivers most people answer share the NKI's.
  const decided = new Map<string, Set<string>>();
  const disclosable = (counts: number[]) => {
    const key = counts.join(',');
    return decided.get(key) ?? decided.set(key, disclosableGroups(counts.map((count, i) => ({ groups: groups[i], count })), { min: opts.minResponses })).get(key)!;
  };
  const nkiShown = disclosable(units.map((u) => u.answers.length));
  const driverShown = Object.fromEntries(
    DRIVERS.map((d) => [d, disclosable(units.map((u) => u.answers.filter((a) => a.drivers[d] !== null && a.drivers[d] !== undefined).length))]),
  ) as Record<Driver, Set<string>>;
  return {
    figure(group) {
      const members = units.filter((_, i) => groups[i].includes(group));
      const answers = members.flatMap((u) => u.answers);
      const agg = aggregate(answers, members.reduce((n, u) => n + u.invited, 0), opts.satisfiedFrom);
      const shown = nkiShown.has(group);
      return {
        responses: agg.responses,
        invited: agg.invited,
        shown,
        nki: shown ? agg.nki : null,
        responseRate: shown ? agg.responseRate : null,
        shareSatisfied: shown ? agg.shareSatisfied : null,
        drivers: Object.fromEntries(DRIVERS.map((d) => [d, { index: driverShown[d].has(group) ? agg.drivers[d].index : null, answers: agg.drivers[d].answers }])) as PublishedFigure['drivers'],
        comments: shown ? answers.map((a) => a.comment).filter((c): c is string => Boolean(c)).sort((a, b) => a.localeCompare(b, 'sv')) : [],
      };
    },
  };
}
