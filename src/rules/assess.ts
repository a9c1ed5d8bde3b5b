import { DEFAULT_LEAD_TIMES, DIRECT_PROCUREMENT_LIMIT, DOCUMENTATION_DUTY_LIMIT, DatedFigure, EU_THRESHOLDS, LeadTime, PurchaseKind, Route, figureOn } from './data';
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
  documentationLimit: DatedFigure;
  euThreshold: DatedFigure;
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
  thresholds: Thresholds;
}

export class RulesDataError extends Error {}

/** The figures in force on a day. */
export function thresholdsOn(day: string, kind: PurchaseKind): Thresholds {
  const directLimit = figureOn(DIRECT_PROCUREMENT_LIMIT, day);
  const documentationLimit = figureOn(DOCUMENTATION_DUTY_LIMIT, day) ?? DOCUMENTATION_DUTY_LIMIT[0];
  const euThreshold = figureOn(EU_THRESHOLDS[kind], day);
  if (!directLimit || !euThreshold) throw new RulesDataError(`no procurement limits recorded for ${day}`);
  return { directLimit, documentationLimit, euThreshold };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The route: existing contract, call-off, direct (below the limit), advertised below / open above the EU threshold, complex. */
export function likelyRoute(facts: Pick<NeedFacts, 'totalValueSek' | 'complex' | 'existingContract' | 'callOff'>, t: Thresholds): Route {
  if (facts.existingContract) return 'existing-contract';
  if (facts.callOff) return 'call-off';
  // "Understiger": direct procurement needs a value strictly below the limit.
  if (facts.totalValueSek < t.directLimit.sek) return 'direct';
  if (facts.complex) return 'complex';
  return facts.totalValueSek < t.euThreshold.sek ? 'advertised-below' : 'open-above';
}

export function riskFor(desiredStart: string, earliestStart: string, realisticStart: string): Risk {
  if (desiredStart >= realisticStart) return 'i-tid';
  if (desiredStart >= earliestStart) return 'knappt';
  return 'for-sent';
}

export function assessNeed(facts: NeedFacts, leadTimes: Record<Route, LeadTime> = DEFAULT_LEAD_TIMES): Assessment {
  const thresholds = thresholdsOn(facts.submittedOn, facts.purchaseKind);
  const route = likelyRoute(facts, thresholds);
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
    documentationDuty: route === 'direct' && facts.totalValueSek >= thresholds.documentationLimit.sek,
    thresholds,
  };
}
