import { coordinatedContracts } from '../contracts/api';
import { Db } from '../db';
import { NKI_GROUP, loadPublishedNki } from '../survey/api';
import { ControlCase } from './figures';
import { ControlReport, buildControlReport } from './report';

/** Where the report's cases come from: intake's every case (the caller checks who may see the report). */
export interface CaseSource {
  allCases(): Promise<readonly ControlCase[]>;
}

export interface ControlReportDeps {
  db: Db;
  intake: CaseSource;
  /** CONTROL_COORDINATED_TARGET. */
  coordinatedTarget: number;
  /** The NKI anonymity rule's settings: the figures are read as the survey capability publishes them. */
  nki: { minResponses: number; satisfiedFrom: number };
}

/** Gathers a year's data (cases, the catalogue's coordinated contracts, published NKI) and builds the report. */
export function createControlReports(deps: ControlReportDeps) {
  return {
    async build(year: number): Promise<ControlReport> {
      const [cases, coordinated, published] = await Promise.all([
        deps.intake.allCases(),
        coordinatedContracts(deps.db, year - 1, year),
        loadPublishedNki(deps.db, deps.nki),
      ]);
      const nki = (y: number) => {
        const f = published.figure(NKI_GROUP.year(y));
        return { nki: f.nki, responses: f.responses, shareSatisfied: f.shareSatisfied ?? null };
      };
      return buildControlReport({ cases, coordinated, coordinatedTarget: deps.coordinatedTarget, nki }, year);
    },
  };
}

export type ControlReports = ReturnType<typeof createControlReports>;
