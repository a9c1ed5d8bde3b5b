import type { Request, Response, Server } from 'restify';
import { csvCell } from '../core/csv';
import { Db } from '../db';
import { openReport } from '../http/report-access';
import { requestLocale, route } from '../http/problem';
import { Logger } from '../logger';
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
            ]
              .map(csvCell)
              .join(';'),
          );
        }
        const body = '\ufeff' + lines.join('\r\n') + '\r\n';
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="inkomna-behov${year ? '-' + year : ''}.csv"`,
          'Content-Length': Buffer.byteLength(body),
        });
        res.end(body);
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'report failed'),
    ),
  );
}
