import {
  DEFAULT_AFTER_ADVERTISING_DAYS,
  DEFAULT_LEAD_TIMES,
  DIRECT_PROCUREMENT_LIMITS,
  DOCUMENTATION_DUTY_LIMIT,
  DatedFigure,
  EU_THRESHOLDS,
  LeadTime,
  Period,
  PurchaseKind,
  Route,
  documentationDue,
  figureOn,
  periodOf,
  withinDirectLimit,
} from './data';
import { addDays } from '../core/dates';

/**
 * The likely procurement route for a need and whether the desired start is realistic.
 * Plain functions over dated rules data: no Teams, no database. Inköp makes the final assessment.
 */

export type Risk = 'i-tid' | 'knappt' | 'for-sent';
export const RISKS: readonly Risk[] = ['i-tid', 'knappt', 'for-sent'];

export interface NeedFacts {
  /** Estimated value in SEK excl. VAT over the whole term including options and extensions. */
  totalValueSek: number;
  purchaseKind: PurchaseKind;
  /** Medical technology, IT systems or a negotiated procedure: the long route above the direct limit. */
  complex: boolean;
  /** The need is met by ordering on an existing contract. */
  existingContract?: boolean;
  /** A framework agreement exists to call off from. */
  callOff?: boolean;
  submittedOn: string;
  desiredStart: string;
}

export interface Thresholds {
  directLimit: DatedFigure;
  /** True where the direct-procurement limit is the kind's EU threshold (bilaga 2 services since 2022-02-01). */
  directLimitIsEuThreshold: boolean;
  documentationLimit: DatedFigure;
  euThreshold: DatedFigure;
  /** The period of the EU threshold that applied ("2026-01-01 – 2027-12-31"). */
  period: Period;
  /** The day lies after the last period with decided thresholds: the latest known ones were used. */
  beyondKnownPeriods: boolean;
}

export interface Assessment {
  route: Route;
  leadTime: LeadTime;
  /** Submitted date + the shortest planning lead time for the route. */
  earliestStart: string;
  /** Submitted date + the longest planning lead time: what Inköp can promise. */
  realisticStart: string;
  /** Days between the desired start and the realistic start (negative: too late). */
  slackDays: number;
  risk: Risk;
  documentationDuty: boolean;
  /**
   * The day the procurement is planned to go out (advertised, or for direct procurement and call-offs
   * the day suppliers are asked): the thresholds in force that day apply. See plannedAdvertisement().
   */
  plannedAdvertisement: string;
  thresholds: Thresholds;
}

export class RulesDataError extends Error {}

/** The direct-procurement limit for a kind on a day; for bilaga 2 services since 2022-02-01, the EU threshold. */
function directLimitOn(kind: PurchaseKind, day: string, eu: DatedFigure): { figure: DatedFigure; isEu: boolean } | undefined {
  const rule = figureOn(DIRECT_PROCUREMENT_LIMITS[kind], day);
  if (!rule) return undefined;
  if (!('equalsEuThreshold' in rule)) return { figure: rule, isEu: false };
  const figure: DatedFigure = {
    ...eu,
    validFrom: rule.validFrom > eu.validFrom ? rule.validFrom : eu.validFrom,
    source: rule.source,
    verified: rule.verified && eu.verified,
  };
  return { figure, isEu: true };
}

/** The figures in force on a day. */
export function thresholdsOn(day: string, kind: PurchaseKind): Thresholds {
  const euThreshold = figureOn(EU_THRESHOLDS[kind], day);
  const direct = euThreshold && directLimitOn(kind, day, euThreshold);
  if (!direct || !euThreshold) throw new RulesDataError(`no procurement limits recorded for ${day}`);
  const documentationLimit = figureOn(DOCUMENTATION_DUTY_LIMIT, day) ?? DOCUMENTATION_DUTY_LIMIT[0];
  const period = periodOf(EU_THRESHOLDS[kind], euThreshold);
  return {
    directLimit: direct.figure,
    directLimitIsEuThreshold: direct.isEu,
    documentationLimit,
    euThreshold,
    period,
    beyondKnownPeriods: period.to !== undefined && day > period.to,
  };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The route: existing contract, call-off, direct (below the limit), advertised below / open above the EU threshold, complex. */
export function likelyRoute(facts: Pick<NeedFacts, 'totalValueSek' | 'complex' | 'existingContract' | 'callOff'>, t: Thresholds): Route {
  if (facts.existingContract) return 'existing-contract';
  if (facts.callOff) return 'call-off';
  // "Understiger" (since 2022-02-01): strictly below the limit; "högst" before: at most.
  if (withinDirectLimit(facts.totalValueSek, t.directLimit)) return 'direct';
  if (facts.complex) return 'complex';
  return facts.totalValueSek < t.euThreshold.sek ? 'advertised-below' : 'open-above';
}

export function riskFor(desiredStart: string, earliestStart: string, realisticStart: string): Risk {
  if (desiredStart >= realisticStart) return 'i-tid';
  if (desiredStart >= earliestStart) return 'knappt';
  return 'for-sent';
}

/**
 * When the procurement is planned to go out, which decides the thresholds (the thresholds in force when
 * a procurement is advertised apply, not those of the day the need was submitted). Inköp plans to sign
 * by the desired start, but cannot sign before the realistic start (submitted + the route's longest lead
 * time); the procurement goes out the route's after-advertising days before that contract day, and never
 * before the need was submitted. So a need submitted in December for a contract in the autumn is
 * advertised in the spring and falls in the new year's thresholds.
 */
export function plannedAdvertisement(facts: Pick<NeedFacts, 'submittedOn' | 'desiredStart'>, leadTime: LeadTime, afterAdvertisingDays: number): string {
  const realisticStart = addDays(facts.submittedOn, leadTime.maxDays);
  const contractDay = facts.desiredStart > realisticStart ? facts.desiredStart : realisticStart;
  const day = addDays(contractDay, -Math.min(afterAdvertisingDays, leadTime.maxDays));
  return day > facts.submittedOn ? day : facts.submittedOn;
}

/**
 * The route and the thresholds that decide it, on the planned advertisement day. The route sets the
 * lead time and so the day, and the day's thresholds set the route: start from the submission day and
 * follow until the route stays the same (one or two steps; where a boundary moves between periods and
 * the route flips back, the third step's answer is kept).
 */
function settleRoute(facts: NeedFacts, leadTimes: Record<Route, LeadTime>, after: Record<Route, number>) {
  let thresholds = thresholdsOn(facts.submittedOn, facts.purchaseKind);
  let route = likelyRoute(facts, thresholds);
  let day = facts.submittedOn;
  for (let step = 0; step < 3; step++) {
    day = plannedAdvertisement(facts, leadTimes[route], after[route]);
    thresholds = thresholdsOn(day, facts.purchaseKind);
    const next = likelyRoute(facts, thresholds);
    if (next === route) break;
    route = next;
  }
  return { route, thresholds, day };
}

export function assessNeed(
  facts: NeedFacts,
  leadTimes: Record<Route, LeadTime> = DEFAULT_LEAD_TIMES,
  afterAdvertising: Record<Route, number> = DEFAULT_AFTER_ADVERTISING_DAYS,
): Assessment {
  const { route, thresholds, day } = settleRoute(facts, leadTimes, afterAdvertising);
  const leadTime = leadTimes[route];
  const earliestStart = addDays(facts.submittedOn, leadTime.minDays);
  const realisticStart = addDays(facts.submittedOn, leadTime.maxDays);
  return {
    route,
    leadTime,
    earliestStart,
    realisticStart,
    slackDays: daysBetween(realisticStart, facts.desiredStart),
    risk: riskFor(facts.desiredStart, earliestStart, realisticStart),
    documentationDuty: route === 'direct' && documentationDue(facts.totalValueSek, thresholds.documentationLimit),
    plannedAdvertisement: day,
    thresholds,
  };
}
