/**
 * The standardised yearly internal-control report (the purchasing policy § 7): every figure for the
 * year and the year before, as rows (control, figure, value, target, previous year) that the CSV, the
 * printable page and the officers' card all print. Plain data in, plain data out.
 */
import {
  ContractCheckFigures,
  ContractCoordination,
  ControlCase,
  CoordinatedContract,
  LedgerCompliance,
  LeadTimeFigures,
  NotCoordinated,
  OutcomeFigures,
  StartFigures,
  appealedAndCancelled,
  contractCheckSignal,
  coordinatedOfYear,
  coordinatedProcurements,
  desiredToActual,
  ledgerCompliance,
  notCoordinatedOfYear,
  submissionToDesired,
} from './figures';
import { REGIONS } from '../core/vocabulary';

/**
 * The business plan's controls in its order, then what this product does not measure: contract
 * compliance comes from the regions' ledgers (leverantörsreskontran, the spend capability), and staff turnover, realised
 * savings and suppliers' tax and credit checks are listed as not measured here, so the standardised
 * report is complete.
 */
export const CONTROLS = ['resourcePlanning', 'coordinated', 'appeals', 'contractCheck', 'contractCompliance', 'nki', 'notMeasured'] as const;
export type ControlId = (typeof CONTROLS)[number];
export type Unit = 'count' | 'days' | 'share' | 'index' | 'sek';

/** The NKI of a year as the survey capability publishes it (never computed here). */
export interface NkiYear {
  /** Null when the anonymity rule hides it. */
  nki: number | null;
  responses: number;
  /**
   * "Andel nöjda", the business plan's indicator: the share answering in the top band of the overall
   * question (NKI_SATISFIED_FROM–10), as the survey capability publishes it; null when hidden.
   */
  shareSatisfied?: number | null;
}

export interface ControlInput {
  cases: readonly ControlCase[];
  /** Contracts covering both regions that start in the year or the year before (more do no harm). */
  coordinated: readonly CoordinatedContract[];
  coordinatedTarget: number;
  nki: (year: number) => NkiYear;
  /** Contract compliance per region from the ledgers; absent: no ledger read for any year. */
  ledger?: (year: number) => readonly LedgerCompliance[];
  /** Contracts in the plan marked "ska samordnas" (the plan's marks); absent: none. */
  contractMarks?: readonly ContractCoordination[];
}

export interface YearFigures {
  year: number;
  leadTime: LeadTimeFigures;
  starts: StartFigures;
  outcomes: OutcomeFigures;
  check: ContractCheckFigures;
  coordinated: CoordinatedContract[];
  /** Marked "ska samordnas" and not coordinated, with the reasons. */
  notCoordinated: NotCoordinated[];
  nki: NkiYear;
  /** Per region (both regions, in REGIONS order as the source gives them). */
  ledger: readonly LedgerCompliance[];
}

export function yearFigures(input: ControlInput, year: number): YearFigures {
  return {
    year,
    leadTime: submissionToDesired(input.cases, year),
    starts: desiredToActual(input.cases, year),
    outcomes: appealedAndCancelled(input.cases, year),
    check: contractCheckSignal(input.cases, year),
    coordinated: coordinatedOfYear(input.coordinated, year),
    notCoordinated: notCoordinatedOfYear(input.cases, input.contractMarks ?? [], year),
    nki: input.nki(year),
    ledger: input.ledger ? input.ledger(year) : REGIONS.map((r) => ledgerCompliance(r, null)),
  };
}

/** One line of the report. Texts come from control.figures.<figure> (name, definition). */
export interface FigureRow {
  control: ControlId;
  figure: string;
  unit: Unit;
  value: number | null;
  previous: number | null;
  target: number | null;
  /** Per-category rows: the category's slug. */
  category?: string;
  /** A cause, an appeal outcome or cause, a reason not coordinated (see DETAIL_KEYS in ./text). */
  detail?: string;
  /** A procurement that should have been coordinated and was not (a line of the list, not a figure). */
  item?: NotCoordinated;
  /** Contract-compliance rows: the region. */
  region?: string;
  /** The year whose ledger was not read, per column: the value reads "no ledger read for <year>", not a zero. */
  noLedger?: { value?: number; previous?: number };
}

export interface ControlReport {
  year: number;
  coordinatedTarget: number;
  current: YearFigures;
  previous: YearFigures;
  rows: FigureRow[];
}

type Getter = (y: YearFigures) => number | null;
const MAIN: { control: ControlId; figure: string; unit: Unit; get: Getter }[] = [
  { control: 'resourcePlanning', figure: 'leadCount', unit: 'count', get: (y) => y.leadTime.count },
  { control: 'resourcePlanning', figure: 'leadMedian', unit: 'days', get: (y) => y.leadTime.medianDays },
  { control: 'resourcePlanning', figure: 'leadTooLate', unit: 'share', get: (y) => y.leadTime.tooLateShare },
  { control: 'resourcePlanning', figure: 'startCount', unit: 'count', get: (y) => y.starts.count },
  { control: 'resourcePlanning', figure: 'startMedianDiff', unit: 'days', get: (y) => y.starts.medianDiffDays },
  { control: 'resourcePlanning', figure: 'startLate', unit: 'share', get: (y) => y.starts.lateShare },
  { control: 'resourcePlanning', figure: 'startMissing', unit: 'count', get: (y) => y.starts.missingActualStart },
  { control: 'coordinated', figure: 'coordinatedCount', unit: 'count', get: (y) => coordinatedProcurements(y.coordinated) },
  { control: 'coordinated', figure: 'notCoordinated', unit: 'count', get: (y) => y.notCoordinated.length },
  { control: 'appeals', figure: 'concluded', unit: 'count', get: (y) => y.outcomes.concluded },
  { control: 'appeals', figure: 'appealed', unit: 'count', get: (y) => y.outcomes.appealed },
  { control: 'appeals', figure: 'appealedShare', unit: 'share', get: (y) => y.outcomes.appealedShare },
  { control: 'appeals', figure: 'cancelled', unit: 'count', get: (y) => y.outcomes.cancelled },
  { control: 'appeals', figure: 'cancelledShare', unit: 'share', get: (y) => y.outcomes.cancelledShare },
  { control: 'contractCheck', figure: 'submitted', unit: 'count', get: (y) => y.check.submitted },
  { control: 'contractCheck', figure: 'metByContract', unit: 'count', get: (y) => y.check.metByContract },
  { control: 'contractCheck', figure: 'sentAnyway', unit: 'count', get: (y) => y.check.sentAnyway },
  { control: 'nki', figure: 'nkiSatisfied', unit: 'share', get: (y) => (y.nki.nki === null ? null : (y.nki.shareSatisfied ?? null)) },
  { control: 'nki', figure: 'nki', unit: 'index', get: (y) => y.nki.nki },
  { control: 'nki', figure: 'nkiResponses', unit: 'count', get: (y) => y.nki.responses },
  { control: 'notMeasured', figure: 'staffTurnover', unit: 'share', get: () => null },
  { control: 'notMeasured', figure: 'realisedSavings', unit: 'count', get: () => null },
  { control: 'notMeasured', figure: 'supplierChecks', unit: 'count', get: () => null },
];

/** Figures this product does not compute: their value reads control.notHere.<figure> instead of "–". */
export const NOT_COMPUTED_HERE: readonly string[] = ['staffTurnover', 'realisedSavings', 'supplierChecks'];

/** The keys that occur in either year, most frequent this year first. */
function unionKeys(current: Record<string, number>, previous: Record<string, number>): string[] {
  return [...new Set([...Object.keys(current), ...Object.keys(previous)])].sort((a, b) => (current[b] ?? 0) - (current[a] ?? 0) || a.localeCompare(b));
}

/** Per-category rows of one half of resource planning, for the categories of either year. */
function categoryRows<G extends { category: string }>(
  figures: { figure: string; unit: Unit; get: (g: G) => number | null }[],
  current: readonly G[],
  previous: readonly G[],
): FigureRow[] {
  const categories = [...new Set([...current, ...previous].map((g) => g.category))].sort((a, b) => a.localeCompare(b, 'sv'));
  return categories.flatMap((category) => {
    const now = current.find((g) => g.category === category);
    const before = previous.find((g) => g.category === category);
    return figures.map((f) => ({
      control: 'resourcePlanning' as const,
      figure: f.figure,
      unit: f.unit,
      category,
      value: now ? f.get(now) : f.unit === 'count' ? 0 : null,
      previous: before ? f.get(before) : f.unit === 'count' ? 0 : null,
      target: null,
    }));
  });
}

function detailRows(
  figure: 'appealOutcome' | 'appealCause' | 'cancelCause' | 'notCoordinatedReason',
  current: Record<string, number>,
  previous: Record<string, number>,
): FigureRow[] {
  return unionKeys(current, previous).map((detail) => ({
    control: figure === 'notCoordinatedReason' ? ('coordinated' as const) : ('appeals' as const),
    figure,
    unit: 'count' as const,
    detail,
    value: current[detail] ?? 0,
    previous: previous[detail] ?? 0,
    target: null,
  }));
}

type LedgerGetter = (l: LedgerCompliance) => number | null;
const LEDGER_ROWS: { figure: string; unit: Unit; get: LedgerGetter }[] = [
  { figure: 'contractCompliance', unit: 'share', get: (l) => l.share },
  { figure: 'flaggedDirect', unit: 'count', get: (l) => l.flagged['over-direct-limit'].count },
  { figure: 'flaggedDirectSek', unit: 'sek', get: (l) => l.flagged['over-direct-limit'].sek },
  { figure: 'flaggedDocumentation', unit: 'count', get: (l) => l.flagged['documentation-duty'].count },
  { figure: 'flaggedDocumentationSek', unit: 'sek', get: (l) => l.flagged['documentation-duty'].sek },
];

/**
 * Contract compliance per region, the regions of either year: the share contracted and the flagged
 * uncontracted suppliers. A year without a ledger for the region has no value and says so (noLedger).
 */
function ledgerRows(report: { year: number; current: YearFigures; previous: YearFigures }): FigureRow[] {
  const regions = [...new Set([...report.current.ledger, ...report.previous.ledger].map((l) => l.region))];
  return regions.flatMap((region) => {
    const now = report.current.ledger.find((l) => l.region === region) ?? ledgerCompliance(region, null);
    const before = report.previous.ledger.find((l) => l.region === region) ?? ledgerCompliance(region, null);
    return LEDGER_ROWS.map((f) => {
      const noLedger = { ...(now.imported ? {} : { value: report.year }), ...(before.imported ? {} : { previous: report.year - 1 }) };
      return {
        control: 'contractCompliance' as const,
        figure: f.figure,
        unit: f.unit,
        region,
        value: now.imported ? f.get(now) : null,
        previous: before.imported ? f.get(before) : null,
        target: null,
        ...(Object.keys(noLedger).length > 0 ? { noLedger } : {}),
      };
    });
  });
}

const countReasons = (list: readonly NotCoordinated[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of list) out[x.reason] = (out[x.reason] ?? 0) + 1;
  return out;
};

/** The report for a year: the figures of the year and the year before, in the standard order. */
export function buildControlReport(input: ControlInput, year: number): ControlReport {
  const current = yearFigures(input, year);
  const previous = yearFigures(input, year - 1);
  const main = (control: ControlId) =>
    MAIN.filter((m) => m.control === control).map((m) => ({
      control,
      figure: m.figure,
      unit: m.unit,
      value: m.get(current),
      previous: m.get(previous),
      target: m.figure === 'coordinatedCount' ? input.coordinatedTarget : null,
    }));
  const rows: FigureRow[] = [
    ...main('resourcePlanning'),
    ...categoryRows(
      [
        { figure: 'leadCount', unit: 'count', get: (g) => g.count },
        { figure: 'leadMedian', unit: 'days', get: (g) => g.medianDays },
        { figure: 'leadTooLate', unit: 'share', get: (g) => g.tooLateShare },
      ],
      current.leadTime.byCategory,
      previous.leadTime.byCategory,
    ),
    ...categoryRows(
      [
        { figure: 'startCount', unit: 'count', get: (g) => g.count },
        { figure: 'startMedianDiff', unit: 'days', get: (g) => g.medianDiffDays },
        { figure: 'startLate', unit: 'share', get: (g) => g.lateShare },
      ],
      current.starts.byCategory,
      previous.starts.byCategory,
    ),
    ...main('coordinated'),
    ...detailRows('notCoordinatedReason', countReasons(current.notCoordinated), countReasons(previous.notCoordinated)),
    ...current.notCoordinated.map((item) => ({ control: 'coordinated' as const, figure: 'notCoordinatedItem', unit: 'count' as const, value: null, previous: null, target: null, item })),
    ...main('appeals'),
    ...detailRows('appealOutcome', current.outcomes.appealOutcomes, previous.outcomes.appealOutcomes),
    ...detailRows('appealCause', current.outcomes.appealCauses, previous.outcomes.appealCauses),
    ...detailRows('cancelCause', current.outcomes.causes, previous.outcomes.causes),
    ...main('contractCheck'),
    ...ledgerRows({ year, current, previous }),
    ...main('nki'),
    ...main('notMeasured'),
  ];
  return { year, coordinatedTarget: input.coordinatedTarget, current, previous, rows };
}
