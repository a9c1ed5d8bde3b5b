import { coordinatedContracts } from '../contracts/api';
import { listContractMarks } from '../plan/api';
import { Db } from '../db';
import { NKI_GROUP, loadPublishedNki } from '../survey/api';
import { REGIONS } from '../core/vocabulary';
import { ControlCase, LedgerCompliance, LedgerYearSource, ledgerCompliance } from './figures';
import { ControlReport, buildControlReport } from './report';

/** Where the report's cases come from: intake's every case (the caller checks who may see the report). */
export interface CaseSource {
  allCases(): Promise<readonly ControlCase[]>;
}

/**
 * Where contract compliance comes from: the spend capability's service (a structural subset of its
 * SpendService: the years with a ledger and a region's yearly figures).
 */
export interface LedgerSource {
  years(region?: string): Promise<number[]>;
  figures(region: string, year: number): Promise<LedgerYearSource>;
}

/** Contract compliance per region for a year and the year before; a region's year with no ledger is not imported. */
export async function ledgerYears(source: LedgerSource | undefined, year: number): Promise<Map<number, LedgerCompliance[]>> {
  const out = new Map<number, LedgerCompliance[]>([
    [year, []],
    [year - 1, []],
  ]);
  for (const region of REGIONS) {
    const read = source ? await source.years(region) : [];
    for (const y of [year, year - 1]) out.get(y)!.push(ledgerCompliance(region, read.includes(y) && source ? await source.figures(region, y) : null));
  }
  return out;
}

export interface ControlReportDeps {
  db: Db;
  intake: CaseSource;
  /** CONTROL_COORDINATED_TARGET. */
  coordinatedTarget: number;
  /** The NKI anonymity rule's settings: the figures are read as the survey capability publishes them. */
  nki: { minResponses: number; satisfiedFrom: number };
  /** The spend capability's figures; absent: no ledger is read for any year. */
  ledger?: LedgerSource;
}

/** Gathers a year's data (cases, the catalogue's coordinated contracts, published NKI, the ledgers' figures) and builds the report. */
export function createControlReports(deps: ControlReportDeps) {
  return {
    async build(year: number): Promise<ControlReport> {
      const [cases, coordinated, published, ledger, contractMarks] = await Promise.all([
        deps.intake.allCases(),
        coordinatedContracts(deps.db, year - 1, year),
        loadPublishedNki(deps.db, deps.nki),
        ledgerYears(deps.ledger, year),
        listContractMarks(deps.db),
      ]);
      const nki = (y: number) => {
        const f = published.figure(NKI_GROUP.year(y));
        return { nki: f.nki, responses: f.responses, shareSatisfied: f.shareSatisfied ?? null };
      };
      return buildControlReport({ cases, coordinated, coordinatedTarget: deps.coordinatedTarget, nki, ledger: (y) => ledger.get(y) ?? [], contractMarks }, year);
    },
  };
}

export type ControlReports = ReturnType<typeof createControlReports>;
