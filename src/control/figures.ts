/**
 * The yearly internal-control figures from the cases (business plan, "Internkontroll med risker"):
 * plain functions over plain data, no database and no Teams. Each function's comment is the figure's
 * definition; the locale files print the same definitions with the report.
 */
import { CoordinationMark, coversBothRegions, reportNote } from '../core/coordination';
import { todayInSweden } from '../core/dates';
import { daysBetween } from '../rules/assess';

/** What the control reads of a case: a structural subset of intake's CaseRecord. */
export interface ControlCase {
  category: string;
  /** The day the need was sent (YYYY-MM-DD, Swedish time). */
  submittedOn: string;
  desiredStart: string;
  /** The lead-time assessment at submission: 'i-tid', 'knappt' or 'for-sent'. */
  risk: string;
  contractCheck: { choice: string };
  /** 'upphandlad', 'befintligt-avtal', 'avbojd', 'atertagen', 'avbruten', or null while open. */
  outcome: string | null;
  /** When the outcome was recorded (ISO timestamp). */
  outcomeAt: string | null;
  actualStart: string | null;
  cancelCause: string | null;
  appeal: { appealed: boolean; outcome: string | null; cause?: string | null };
  /** The case's number and title, for the "should have been coordinated" list. */
  caseNumber?: string;
  title?: string;
  /** The regions the need was for. */
  need?: { regions?: readonly string[] } | null;
  /** "Ska samordnas" and, when it was not, why. */
  coordination?: CoordinationMark;
  /** The case reached "upphandling pågår" (or its outcome says it was procured or cancelled). */
  wentToProcurement: boolean;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** part / whole, or null for an empty whole (no share of nothing). */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

const inYear = (day: string | null | undefined, year: number): boolean => Boolean(day) && (day as string).startsWith(`${year}-`);

/** The Swedish calendar day the outcome was recorded on (23:30 UTC on 31 December is already 1 January in Sweden). */
export const outcomeDay = (c: Pick<ControlCase, 'outcomeAt'>): string | null => (c.outcomeAt ? todayInSweden(new Date(c.outcomeAt)) : null);

/** Cases grouped by category, categories in name order of their slug. */
function byCategory<T extends { category: string }>(cases: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const c of cases) groups.set(c.category, [...(groups.get(c.category) ?? []), c]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'sv'));
}

export const LEAD_BUCKETS = ['lt90', 'd90to180', 'd180to365', 'gt365'] as const;
export type LeadBucket = (typeof LEAD_BUCKETS)[number];

/** Days from submission to desired start: under 90, 90–179, 180–365, over 365. */
export function leadBucket(days: number): LeadBucket {
  if (days < 90) return 'lt90';
  if (days < 180) return 'd90to180';
  if (days <= 365) return 'd180to365';
  return 'gt365';
}

export interface LeadGroup {
  count: number;
  medianDays: number | null;
  tooLateShare: number | null;
}

export interface LeadTimeFigures extends LeadGroup {
  buckets: Record<LeadBucket, number>;
  byCategory: (LeadGroup & { category: string })[];
}

function leadGroup(cases: readonly ControlCase[]): LeadGroup {
  return {
    count: cases.length,
    medianDays: median(cases.map((c) => daysBetween(c.submittedOn, c.desiredStart))),
    tooLateShare: share(cases.filter((c) => c.risk === 'for-sent').length, cases.length),
  };
}

/**
 * Resource planning, first half: over the needs submitted in the year that went to procurement, the
 * days from submission to desired contract start (median, distribution) and the share assessed as too
 * late for the route's lead time at submission ('for-sent').
 */
export function submissionToDesired(cases: readonly ControlCase[], year: number): LeadTimeFigures {
  const scope = cases.filter((c) => inYear(c.submittedOn, year) && c.wentToProcurement);
  const buckets = Object.fromEntries(LEAD_BUCKETS.map((b) => [b, 0])) as Record<LeadBucket, number>;
  for (const c of scope) buckets[leadBucket(daysBetween(c.submittedOn, c.desiredStart))]++;
  return { ...leadGroup(scope), buckets, byCategory: byCategory(scope).map(([category, list]) => ({ category, ...leadGroup(list) })) };
}

export interface StartGroup {
  count: number;
  /** Median of actual − desired start, in days (negative: earlier than desired). */
  medianDiffDays: number | null;
  lateShare: number | null;
}

export interface StartFigures extends StartGroup {
  /** Procured cases whose desired start lies in the year and that have no actual start recorded. */
  missingActualStart: number;
  byCategory: (StartGroup & { category: string })[];
}

function startGroup(cases: readonly ControlCase[]): StartGroup {
  const diffs = cases.map((c) => daysBetween(c.desiredStart, c.actualStart as string));
  return { count: cases.length, medianDiffDays: median(diffs), lateShare: share(diffs.filter((d) => d > 0).length, diffs.length) };
}

/**
 * Resource planning, second half: over the procured cases (outcome 'upphandlad') whose actual contract
 * start lies in the year, actual − desired start in days (median) and the share that started later
 * than desired; beside it, how many procured cases with a desired start in the year lack an actual start.
 */
export function desiredToActual(cases: readonly ControlCase[], year: number): StartFigures {
  const procured = cases.filter((c) => c.outcome === 'upphandlad');
  const scope = procured.filter((c) => inYear(c.actualStart, year));
  return {
    ...startGroup(scope),
    missingActualStart: procured.filter((c) => !c.actualStart && inYear(c.desiredStart, year)).length,
    byCategory: byCategory(scope).map(([category, list]) => ({ category, ...startGroup(list) })),
  };
}

export interface OutcomeFigures {
  /** Procurements concluded in the year: procured or cancelled, by the day the outcome was recorded. */
  concluded: number;
  appealed: number;
  appealedShare: number | null;
  /** Appeal outcomes among the appealed ('okand' where none is recorded yet). */
  appealOutcomes: Record<string, number>;
  /** Appeal causes among the appealed ('okand' where none is recorded). */
  appealCauses: Record<string, number>;
  cancelled: number;
  cancelledShare: number | null;
  /** Causes among the cancelled ('okand' where none is recorded). */
  causes: Record<string, number>;
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/**
 * Appealed and cancelled procurements: over the procurements concluded in the year (outcome
 * 'upphandlad' or 'avbruten' recorded that year), how many were appealed (överprövade, with the
 * appeals' outcomes) and how many were cancelled (avbrutna, with their causes), and their shares.
 */
export function appealedAndCancelled(cases: readonly ControlCase[], year: number): OutcomeFigures {
  const scope = cases.filter((c) => (c.outcome === 'upphandlad' || c.outcome === 'avbruten') && inYear(outcomeDay(c), year));
  const appealed = scope.filter((c) => c.appeal.appealed);
  const cancelled = scope.filter((c) => c.outcome === 'avbruten');
  return {
    concluded: scope.length,
    appealed: appealed.length,
    appealedShare: share(appealed.length, scope.length),
    appealOutcomes: countBy(appealed.map((c) => c.appeal.outcome ?? 'okand')),
    appealCauses: countBy(appealed.map((c) => c.appeal.cause ?? 'okand')),
    cancelled: cancelled.length,
    cancelledShare: share(cancelled.length, scope.length),
    causes: countBy(cancelled.map((c) => c.cancelCause ?? 'okand')),
  };
}

export interface ContractCheckFigures {
  submitted: number;
  /** Met by an existing contract: outcome 'befintligt-avtal', or "Använd avtalet" chosen at submission. */
  metByContract: number;
  /** Sent although the contract check found a matching contract ("Skicka ändå"). */
  sentAnyway: number;
}

/** The contract-check signal over the needs submitted in the year. */
export function contractCheckSignal(cases: readonly ControlCase[], year: number): ContractCheckFigures {
  const scope = cases.filter((c) => inYear(c.submittedOn, year));
  return {
    submitted: scope.length,
    metByContract: scope.filter((c) => c.outcome === 'befintligt-avtal' || c.contractCheck.choice === 'use-contract').length,
    sentAnyway: scope.filter((c) => c.contractCheck.choice === 'sent-anyway').length,
  };
}

/** A contract covering both regions, as the catalogue lists it. */
export interface CoordinatedContract {
  contractId: string;
  title: string;
  validFrom: string;
  /** When a full export took it out of the catalogue; it still counts for the year it started. */
  removedAt: string | null;
  /** The catalogue's contract type ("ramavtal", "avtal", "externt-ramavtal" …). */
  contractType: string;
}

/**
 * Contract types that mean a framework procured by someone else (Adda, Kammarkollegiet,
 * Varuförsörjningen): the catalogue's own value and the organisation's usual names for it, folded to
 * lower case. Decided by the type column alone, never by the ordering route.
 */
export const EXTERNAL_FRAMEWORK_TYPES: readonly string[] = ['externt-ramavtal', 'externt ramavtal', 'externa ramavtal', 'extern upphandling', 'external framework'];

export const isExternalFramework = (contractType: string, types: readonly string[] = EXTERNAL_FRAMEWORK_TYPES): boolean =>
  types.includes(contractType.trim().toLowerCase());

/**
 * The procurement a contract came from: its diary number without a lot suffix ("RS-2025-0101-2",
 * "RS-2025-0101 del 3", "RS-2025-0101/L4" are lots of RS-2025-0101). A number with no lot suffix is its
 * own procurement.
 */
export function procurementNumber(contractId: string): string {
  const id = contractId.trim();
  const m = /^([A-Za-zÅÄÖåäö]+-\d{4}-\d{3,})(?:\s*[-/.]\s*|\s+)(?:(?:l|lot|del|delomr[aå]de|anbudsomr[aå]de)\s*)?\d{1,2}$/i.exec(id);
  return (m ? m[1] : id).toUpperCase();
}

/**
 * Coordinated procurements: Inköp's own contracts in the catalogue that cover both regions and whose
 * validity starts in the year, removed ones included (they existed that year), oldest start first.
 * External frameworks are not Inköp's procurements and are left out by their contract type.
 */
export function coordinatedOfYear(contracts: readonly CoordinatedContract[], year: number): CoordinatedContract[] {
  return contracts
    .filter((c) => inYear(c.validFrom, year) && !isExternalFramework(c.contractType))
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.contractId.localeCompare(b.contractId));
}

/** How many procurements the year's coordinated contracts come from: several lots of one procurement count once. */
export const coordinatedProcurements = (contracts: readonly CoordinatedContract[]): number => new Set(contracts.map((c) => procurementNumber(c.contractId))).size;

/** The screen flags the control counts (the spend capability's flags at or above a limit). */
export const LEDGER_FLAGS = ['over-direct-limit', 'documentation-duty'] as const;
export type LedgerFlag = (typeof LEDGER_FLAGS)[number];

/**
 * What the control reads of the spend capability's figures of a region's year: a structural subset of
 * spend's YearFigures (amounts in öre).
 */
export interface LedgerYearSource {
  total: { share: number | null };
  suppliers: readonly { flag: string; ore: number }[];
}

/** Contract compliance of one region and year, from its ledger; `imported` false when no ledger was read for it. */
export interface LedgerCompliance {
  region: string;
  imported: boolean;
  /** Leverantörstrohet: contracted ÷ influenceable (null when nothing was influenceable or no ledger). */
  share: number | null;
  /** Flagged uncontracted suppliers per flag: how many, and their yearly spend in kronor. */
  flagged: Record<LedgerFlag, { count: number; sek: number }>;
}

/**
 * Contract compliance from a region's ledger for a year: the share contracted and, per flag
 * (over-direct-limit, documentation-duty), the number of uncontracted suppliers and their spend. A region
 * without a ledger for the year (null) is `imported: false`, never zeros that read as a measurement.
 */
export function ledgerCompliance(region: string, figures: LedgerYearSource | null): LedgerCompliance {
  const flagged = Object.fromEntries(LEDGER_FLAGS.map((f) => [f, { count: 0, sek: 0 }])) as Record<LedgerFlag, { count: number; sek: number }>;
  if (!figures) return { region, imported: false, share: null, flagged };
  for (const s of figures.suppliers) {
    const f = flagged[s.flag as LedgerFlag];
    if (!f) continue;
    f.count++;
    f.sek += s.ore;
  }
  for (const f of LEDGER_FLAGS) flagged[f].sek = flagged[f].sek / 100;
  return { region, imported: true, share: figures.total.share, flagged };
}

/** A contract in the plan an officer marked "ska samordnas" (the plan capability's marks). */
export interface ContractCoordination {
  contractId: string;
  title: string;
  mark: CoordinationMark;
}

/** One procurement that should have been coordinated and was not, with the officer's reason. */
export interface NotCoordinated {
  /** The case number or the contract id. */
  id: string;
  title: string;
  /** The reason's code, or 'okand' where none was recorded. */
  reason: string;
  /** The officer's note, on one line and cut short (reportNote). */
  note: string;
  /** The day it counts for: the day the reason was recorded, else the day the case ended. */
  day: string;
}

/**
 * Internal control 1, second half: the procurements Inköp marked "ska samordnas" that were not coordinated,
 * and why. A marked case counts once it has a reason or has ended other than procured for both regions; a
 * marked contract in the plan once it has a reason. By the day the reason was recorded (else the day the
 * case ended), in Swedish time; in that order.
 */
export function notCoordinatedOfYear(cases: readonly ControlCase[], contracts: readonly ContractCoordination[], year: number): NotCoordinated[] {
  const day = (at: string | null) => (at ? todayInSweden(new Date(at)) : null);
  const fromCases = cases.flatMap((c): NotCoordinated[] => {
    const m = c.coordination;
    if (!m?.marked || (c.outcome === 'upphandlad' && coversBothRegions(c.need?.regions ?? []))) return [];
    const d = day(m.reasonAt) ?? (c.outcome ? outcomeDay(c) : null);
    return d ? [{ id: c.caseNumber ?? '', title: c.title ?? '', reason: m.reason ?? 'okand', note: reportNote(m.note), day: d }] : [];
  });
  const fromContracts = contracts.flatMap((k): NotCoordinated[] => {
    const d = k.mark.marked && k.mark.reason ? day(k.mark.reasonAt) : null;
    return d ? [{ id: k.contractId, title: k.title, reason: k.mark.reason as string, note: reportNote(k.mark.note), day: d }] : [];
  });
  return [...fromCases, ...fromContracts].filter((x) => inYear(x.day, year)).sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
}
