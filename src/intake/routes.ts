import type { Request, Response, Server } from 'restify';
import { csvCell, csvDocument } from '../core/csv';
import { Db } from '../db';
import { openReport, sendCsv } from '../http/report-access';
import { requestLocale, route } from '../http/problem';
import { Logger } from '../logger';
import { daysLate } from './outcome';
import { leadDays } from './report';
import { listCases } from './repository';

const COLUMNS = [
  'case_number',
  'submitted_on',
  'desired_start',
  'days_to_desired_start',
  'category',
  'category_name',
  'purchase_kind',
  'value_total_sek',
  'value_per_year_sek',
  'route',
  'lead_time_min_days',
  'lead_time_max_days',
  'realistic_start',
  'slack_days',
  'risk',
  'status',
  'contract_check',
  'unit',
  'cost_centre',
  'regions',
  'outcome',
  'contract_id',
  'actual_start',
  'actual_vs_desired_days',
  'cancel_cause',
  'appealed',
  'appeal_outcome',
  'went_to_procurement',
  'appeal_cause',
  'should_coordinate',
  'coordination_reason',
] as const;

/** GET /api/reports/intake.csv — one row per case, for the internal-control follow-up. */
export function register(server: Server, deps: { db: Db; keys: (string | undefined)[]; logger: Logger }): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  server.get(
    '/api/reports/intake.csv',
    route(
      async (req: Request, res: Response) => {
        const { year } = openReport(req, res, keys, requestLocale(req));
        const cases = await listCases(deps.db, { year: year, limit: 1_000_000 });
        const lines = [COLUMNS.join(';')];
        for (const c of cases.reverse()) {
          lines.push(
            [
              c.caseNumber,
              c.submittedOn,
              c.desiredStart,
              leadDays(c),
              c.category,
              c.categoryName?.sv ?? '',
              c.purchaseKind,
              c.valueTotal,
              c.valuePerYear,
              c.route,
              c.assessment.leadTime.minDays,
              c.assessment.leadTime.maxDays,
              c.assessment.realisticStart,
              c.slackDays,
              c.risk,
              c.status,
              c.contractCheck.choice,
              c.need.unit,
              c.need.costCentre,
              c.need.regions.join('|'),
              c.outcome ?? '',
              c.contractId ?? '',
              c.actualStart ?? '',
              c.actualStart ? daysLate(c) : '',
              c.cancelCause ?? '',
              c.appeal.appealed ? 'ja' : 'nej',
              c.appeal.outcome ?? '',
              c.wentToProcurement ? 'ja' : 'nej',
              // Codes only: the officers' notes stay out of the report.
              c.appeal.cause ?? '',
              c.coordination.marked ? 'ja' : 'nej',
              c.coordination.reason ?? '',
            ]
              .map(csvCell)
              .join(';'),
          );
        }
        sendCsv(res, `inkomna-behov${year ? '-' + year : ''}.csv`, csvDocument(lines));
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'report failed'),
    ),
  );
}
