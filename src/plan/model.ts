import { CoordinationMark } from '../core/coordination';
import { addDays, isRealDate } from '../core/dates';
import { contractEndDays } from '../core/renewal';
import { LeadTime, Route } from '../rules/data';
import { addMonths } from './calendar';
import { ContractRouteDefaults, contractRoute, isLeadTime, isRoute } from './route-defaults';

/**
 * The procurement plan ("upphandlingsplan") as plain functions over plain data: every current contract
 * whose final end falls within the horizon, and every open case, each with the dates Inköp must act by.
 * Bad data (no end date, an extension date before the end date, a case without a route) is listed as a
 * data problem, never thrown.
 */

export type Named = { sv: string; en: string } | null;

/** A contract as the plan reads it; dates may be missing or wrong in data from elsewhere. */
export interface PlanContract {
  contractId: string;
  title: string;
  category: string;
  categoryName: Named;
  contractType: string;
  regions: readonly string[];
  validFrom: string | null;
  validTo: string | null;
  maxExtensionTo: string | null;
}

/** An open case as the plan reads it (its stored assessment's route and lead time). */
export interface PlanCase {
  caseNumber: string;
  title: string;
  category: string;
  categoryName: Named;
  status: string;
  desiredStart: string | null;
  route: string | null;
  leadTime: LeadTime | null;
  linkedContractId: string | null;
  /** Started with "Starta ärende" (a re-procurement from the plan), not a need sent by staff. */
  fromPlan?: boolean;
}

export const DECISION_KINDS = ['case-started', 'extend', 'no-procurement'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** An officer's decision on a contract in the plan, with who and when. */
export interface PlanDecision {
  id: number;
  contractId: string;
  kind: DecisionKind;
  newEnd: string | null;
  reason: string | null;
  caseNumber: string | null;
  decidedAt: string;
  actorName: string;
}

export interface PlanSettings {
  today: string;
  horizonMonths: number;
  noticeMonths: number;
  /**
   * Days between a signed contract and its start (set-up in e-commerce, ordering, information): part of
   * every lead time the plan counts back from a contract start (a planning default, PLAN_IMPLEMENTATION_DAYS).
   */
  implementationDays: number;
  leadTimes: Record<Route, LeadTime>;
  contractRoutes: ContractRouteDefaults;
}

export type PlanProblem = 'no-end-date' | 'extension-before-end' | 'no-route' | 'no-desired-start';
/** The new procurement: under way (a linked case), decided against, late, still to start, or unknown (a data problem). */
export type StartState = 'started' | 'no-procurement' | 'overdue' | 'open' | 'unknown';
/** The extension option: none left, decided (not yet in the catalogue), to decide (late or not). */
export type ExtensionState = 'none' | 'decided' | 'overdue' | 'open';

export interface PlanItem {
  kind: 'contract' | 'case';
  contractId: string | null;
  caseNumber: string | null;
  caseStatus: string | null;
  /** A contract's linked open need that is not (yet) its re-procurement: shown as a note, the item still asks for a start. */
  need: { caseNumber: string; status: string } | null;
  title: string;
  category: string;
  categoryName: Named;
  contractType: string | null;
  regions: readonly string[];
  /** The contract's current end (valid_to). */
  currentEnd: string | null;
  /** The latest possible end: the last extension date if any, else the current end. */
  finalEnd: string | null;
  /** When a new contract must be in place: the final end (contract) or the desired start (case). */
  neededBy: string | null;
  extension: { remains: boolean; decideBy: string | null; decidedTo: string | null; state: ExtensionState };
  route: Route | null;
  leadTime: LeadTime | null;
  routeSource: 'case' | 'type' | 'category' | 'fallback' | null;
  /**
   * The latest day the new procurement must start to be in place by neededBy, if every extension option
   * is used: neededBy − (the lead time's max + the implementation margin).
   */
  latestStart: string | null;
  /**
   * The latest start if the remaining option is not used: the current end (or a decided, not yet imported
   * new end) − the same lead time. Equal to latestStart where no option remains; filled even when past.
   */
  latestStartIfNotExtended: string | null;
  /** The implementation margin counted in both latest starts, in days. */
  implementationDays: number;
  start: StartState;
  noProcurement: { reason: string; decidedAt: string; actorName: string } | null;
  problems: PlanProblem[];
  /** "Ska samordnas" and, when it was not, why (set by the service from the plan's and intake's marks). */
  coordination?: CoordinationMark;
}

/** Case statuses at which the procurement itself is under way or done. */
const STARTED_STATUSES = ['upphandling-pagar', 'avtal-tecknat'];
/** Case statuses at which a case linked to a contract is its renewal, whoever sent it (Inköp has planned it). */
const RENEWAL_STATUSES = ['planerad', ...STARTED_STATUSES];

/**
 * Whether a linked open case is the contract's new procurement: started from the plan, or planned or under
 * way. A need staff sent with "Skicka ändå" that is still inkommen or under bedömning is not: the contract
 * keeps its alerts and buttons. The renewal_status table (migration 023) applies the same rule in SQL
 * (case_is_renewal); test/plan/renewal.test.ts holds the two together.
 */
export const isRenewal = (c: { status: string; fromPlan?: boolean }): boolean => c.fromPlan === true || RENEWAL_STATUSES.includes(c.status);

const day = (v: string | null | undefined): string | null => (typeof v === 'string' && isRealDate(v.slice(0, 10)) ? v.slice(0, 10) : null);
const key = (contractId: string) => contractId.trim().toLowerCase();
const latest = (ds: readonly PlanDecision[], kind: DecisionKind) => ds.filter((d) => d.kind === kind).sort((a, b) => b.decidedAt.localeCompare(a.decidedAt) || b.id - a.id)[0];

/** A contract's current and final end (the kernel's rule, src/core/renewal.ts), and what is wrong with its dates. */
export function contractEnds(c: Pick<PlanContract, 'validTo' | 'maxExtensionTo'>): { currentEnd: string | null; finalEnd: string | null; maxExtension: string | null; problems: PlanProblem[] } {
  const { currentEnd, finalEnd, maxExtension, optionBeforeEnd } = contractEndDays(c.validTo, c.maxExtensionTo);
  const problems: PlanProblem[] = [];
  if (!currentEnd) problems.push('no-end-date');
  if (optionBeforeEnd) problems.push('extension-before-end');
  return { currentEnd, finalEnd, maxExtension, problems };
}

/** The end a contract has today: an extension decided (not yet imported) past the current end, else the current end. */
function endNow(ends: ReturnType<typeof contractEnds>, decided: PlanDecision | undefined): { end: string | null; decidedTo: string | null } {
  const decidedTo = decided?.newEnd && ends.currentEnd && decided.newEnd > ends.currentEnd ? decided.newEnd : null;
  return { end: decidedTo ?? ends.currentEnd, decidedTo };
}

/**
 * Whether an extension option remains past the current end (or past an extension decided but not yet
 * imported), and by when to decide it: the notice before the end, and never later than the latest start
 * if the option is not used, so declining it still leaves the lead time for a new procurement.
 */
function extensionOf(
  ends: ReturnType<typeof contractEnds>,
  decided: PlanDecision | undefined,
  s: PlanSettings,
  settled: boolean,
  latestStartIfNotExtended: string | null,
): PlanItem['extension'] {
  const { end, decidedTo } = endNow(ends, decided);
  const remains = Boolean(ends.maxExtension && end && ends.maxExtension > end);
  const notice = remains && end ? addMonths(end, -s.noticeMonths) : null;
  const decideBy = notice && latestStartIfNotExtended && latestStartIfNotExtended < notice ? latestStartIfNotExtended : notice;
  const state: ExtensionState = settled || !remains ? (decidedTo ? 'decided' : 'none') : decideBy && decideBy < s.today ? 'overdue' : 'open';
  return { remains, decideBy, decidedTo, state };
}

const startState = (latestStart: string | null, today: string): StartState => (!latestStart ? 'unknown' : latestStart < today ? 'overdue' : 'open');

/**
 * One contract's plan item: its dates, route and lead time (the linked renewal's if there is one), and state.
 * A linked case that is not a renewal (isRenewal) is only noted on the item.
 */
export function contractItem(c: PlanContract, linkedCase: PlanCase | undefined, decisions: readonly PlanDecision[], s: PlanSettings): PlanItem {
  const ends = contractEnds(c);
  const linked = linkedCase && isRenewal(linkedCase) ? linkedCase : undefined;
  const caseRoute = linked && isRoute(linked.route) ? linked.route : null;
  const byContract = contractRoute(c, s.contractRoutes);
  const route = caseRoute ?? byContract.route;
  const leadTime = caseRoute && isLeadTime(linked?.leadTime) ? (linked?.leadTime as LeadTime) : s.leadTimes[route];
  const lead = leadTime.maxDays + s.implementationDays;
  const latestStart = ends.finalEnd ? addDays(ends.finalEnd, -lead) : null;
  const extendDecision = latest(decisions, 'extend');
  const { end } = endNow(ends, extendDecision);
  const latestStartIfNotExtended = end ? addDays(end, -lead) : null;
  // The later of "no new procurement" and "case started" counts; an open linked case always means started.
  const no = latest(decisions, 'no-procurement');
  const started = latest(decisions, 'case-started');
  const settled = !linked && no !== undefined && (!started || no.decidedAt >= started.decidedAt);
  return {
    kind: 'contract',
    contractId: c.contractId,
    caseNumber: linked?.caseNumber ?? null,
    caseStatus: linked?.status ?? null,
    need: linkedCase && !linked ? { caseNumber: linkedCase.caseNumber, status: linkedCase.status } : null,
    title: c.title,
    category: c.category,
    categoryName: c.categoryName,
    contractType: c.contractType,
    regions: c.regions,
    currentEnd: ends.currentEnd,
    finalEnd: ends.finalEnd,
    neededBy: ends.finalEnd,
    extension: extensionOf(ends, extendDecision, s, settled, latestStartIfNotExtended),
    route,
    leadTime,
    routeSource: caseRoute ? 'case' : byContract.source,
    latestStart,
    latestStartIfNotExtended,
    implementationDays: s.implementationDays,
    start: linked ? 'started' : settled ? 'no-procurement' : startState(latestStart, s.today),
    noProcurement: settled && no ? { reason: no.reason ?? '', decidedAt: no.decidedAt, actorName: no.actorName } : null,
    problems: ends.problems,
  };
}

/** One open case's plan item: needed by its desired start, with its stored route and lead time. */
export function caseItem(c: PlanCase, contract: PlanContract | undefined, s: PlanSettings): PlanItem {
  const problems: PlanProblem[] = [];
  const route = isRoute(c.route) ? c.route : null;
  if (!route) problems.push('no-route');
  const leadTime = isLeadTime(c.leadTime) ? c.leadTime : route ? s.leadTimes[route] : null;
  const neededBy = day(c.desiredStart);
  if (!neededBy) problems.push('no-desired-start');
  const latestStart = neededBy && leadTime ? addDays(neededBy, -(leadTime.maxDays + s.implementationDays)) : null;
  const ends = contract ? contractEnds(contract) : null;
  return {
    kind: 'case',
    contractId: c.linkedContractId,
    caseNumber: c.caseNumber,
    caseStatus: c.status,
    need: null,
    title: c.title,
    category: c.category,
    categoryName: c.categoryName,
    contractType: contract?.contractType ?? null,
    regions: contract?.regions ?? [],
    currentEnd: ends?.currentEnd ?? null,
    finalEnd: ends?.finalEnd ?? null,
    neededBy,
    extension: { remains: false, decideBy: null, decidedTo: null, state: 'none' },
    route,
    leadTime,
    routeSource: route ? 'case' : null,
    latestStart,
    latestStartIfNotExtended: latestStart,
    implementationDays: s.implementationDays,
    start: STARTED_STATUSES.includes(c.status) ? 'started' : startState(latestStart, s.today),
    noProcurement: null,
    problems,
  };
}

/**
 * Why an extension to newEnd cannot be decided on `today`, or null when it can: an option extends a
 * current contract and never revives one whose end has passed; the new end lies after the current end
 * and within the option.
 */
export function extensionRefusal(
  c: Pick<PlanContract, 'validTo' | 'maxExtensionTo'>,
  newEnd: string,
  today: string,
): { code: 'expired' | 'no-option' | 'not-later' | 'beyond-option'; end: string } | null {
  const ends = contractEnds(c);
  if (ends.currentEnd && ends.currentEnd < today) return { code: 'expired', end: ends.currentEnd };
  if (!ends.currentEnd || !ends.maxExtension || ends.maxExtension <= ends.currentEnd) return { code: 'no-option', end: ends.currentEnd ?? '' };
  if (newEnd <= ends.currentEnd) return { code: 'not-later', end: ends.currentEnd };
  if (newEnd > ends.maxExtension) return { code: 'beyond-option', end: ends.maxExtension };
  return null;
}

/** The earliest day Inköp must act on an item: the extension decision, the latest start if not extended, or the latest start. */
export function earliestToAct(item: Pick<PlanItem, 'extension' | 'latestStart' | 'latestStartIfNotExtended'>): string | null {
  const days = [item.extension.state === 'open' || item.extension.state === 'overdue' ? item.extension.decideBy : null, item.latestStartIfNotExtended, item.latestStart];
  return days.filter((d): d is string => d !== null).sort()[0] ?? null;
}

/**
 * A contract belongs in the plan: current (its end not passed, or extended by a decision whose new end is
 * still ahead and no import has confirmed yet) with data to fix, or with its earliest day to act within
 * the horizon or already past, so the longest lead time shows in time.
 */
export function inPlan(
  c: Pick<PlanContract, 'validTo' | 'maxExtensionTo'>,
  s: Pick<PlanSettings, 'today' | 'horizonMonths'>,
  decidedTo?: string | null,
  item?: Pick<PlanItem, 'extension' | 'latestStart' | 'latestStartIfNotExtended'>,
): boolean {
  const ends = contractEnds(c);
  if (!ends.currentEnd) return true;
  if (ends.currentEnd < s.today && !(decidedTo && decidedTo >= s.today)) return false;
  if (ends.problems.length > 0) return true;
  const horizon = addMonths(s.today, s.horizonMonths);
  const act = item ? earliestToAct(item) : null;
  return (ends.finalEnd as string) <= horizon || (act !== null && act <= horizon);
}

/** Items in the order Inköp must act: latest start first; items without one (data problems) last. */
export function comparePlanItems(a: PlanItem, b: PlanItem): number {
  if (a.latestStart !== b.latestStart) {
    if (!a.latestStart) return 1;
    if (!b.latestStart) return -1;
    return a.latestStart < b.latestStart ? -1 : 1;
  }
  return (a.neededBy ?? '9999').localeCompare(b.neededBy ?? '9999') || (a.contractId ?? a.caseNumber ?? '').localeCompare(b.contractId ?? b.caseNumber ?? '');
}

/**
 * The plan: the contracts in it (each with its linked open case, the first by case number when there are
 * several) and every other open case, sorted by latest start. `cases` are the open cases.
 */
export function buildPlan(contracts: readonly PlanContract[], cases: readonly PlanCase[], decisions: readonly PlanDecision[], s: PlanSettings): PlanItem[] {
  const linkedTo = new Map<string, PlanCase>();
  for (const c of [...cases].sort((a, b) => a.caseNumber.localeCompare(b.caseNumber))) {
    const k = c.linkedContractId && key(c.linkedContractId);
    // The first renewal by case number; else the first need (noted on the contract).
    if (k && (!linkedTo.has(k) || (isRenewal(c) && !isRenewal(linkedTo.get(k) as PlanCase)))) linkedTo.set(k, c);
  }
  const decisionsOf = new Map<string, PlanDecision[]>();
  for (const d of decisions) decisionsOf.set(key(d.contractId), [...(decisionsOf.get(key(d.contractId)) ?? []), d]);
  const byId = new Map(contracts.map((c) => [key(c.contractId), c]));
  const items: PlanItem[] = [];
  const shown = new Set<string>();
  for (const c of contracts) {
    const own = decisionsOf.get(key(c.contractId)) ?? [];
    const linked = linkedTo.get(key(c.contractId));
    const item = contractItem(c, linked, own, s);
    if (!inPlan(c, s, latest(own, 'extend')?.newEnd, item)) continue;
    if (linked) shown.add(linked.caseNumber);
    items.push(item);
  }
  for (const c of cases) {
    if (!shown.has(c.caseNumber)) items.push(caseItem(c, c.linkedContractId ? byId.get(key(c.linkedContractId)) : undefined, s));
  }
  return items.sort(comparePlanItems);
}
