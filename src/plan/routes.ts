import type { Request, Response, Server } from 'restify';
import { csvCell, csvDocument } from '../core/csv';
import { openReport, sendCsv } from '../http/report-access';
import { requestLocale, route } from '../http/problem';
import { Logger } from '../logger';
import { z } from 'zod';
import { HttpProblem } from '../http/problem';
import { Locale, t } from '../i18n';
import { PlanItem } from './model';
import { publicPlan, publicPlanPage } from './public';
import { PlanPublication } from './public-repository';

/** The columns of plan.csv: the ones the business plan's follow-up asks for first, then the working details. */
export const PLAN_CSV_COLUMNS = [
  'contract_id',
  'title',
  'category',
  'final_end',
  'extension_decision_by',
  'latest_start',
  'case_number',
  'kind',
  'case_status',
  'contract_type',
  'current_end',
  'extension_remaining',
  'extension_status',
  'extension_decided_to',
  'needed_by',
  'route',
  'lead_time_min_days',
  'lead_time_max_days',
  'status',
  'overdue',
  'no_procurement_reason',
  'problem',
  // Added by issue 24; the columns above keep their meaning (latest_start: every option used).
  'latest_start_if_not_extended',
  'implementation_days',
] as const;

/** One plan item as a CSV line (no personal names: who decided is not in the report). */
export function planCsvLine(i: PlanItem): string {
  const overdue = [i.start === 'overdue' ? 'start' : '', i.extension.state === 'overdue' ? 'extension' : ''].filter(Boolean).join('|');
  return [
    i.contractId,
    i.title,
    i.category,
    i.finalEnd,
    i.extension.decideBy,
    i.latestStart,
    i.caseNumber,
    i.kind,
    i.caseStatus,
    i.contractType,
    i.currentEnd,
    i.extension.remains ? 'yes' : 'no',
    i.extension.state,
    i.extension.decidedTo,
    i.neededBy,
    i.route,
    i.leadTime?.minDays,
    i.leadTime?.maxDays,
    i.start,
    overdue,
    i.noProcurement?.reason,
    i.problems.join('|'),
    i.latestStartIfNotExtended,
    i.implementationDays,
  ]
    .map(csvCell)
    .join(';');
}

/** The whole CSV (UTF-8 with BOM, ";"-separated, CRLF), as the other reports. */
export function planCsv(items: readonly PlanItem[]): string {
  return csvDocument([PLAN_CSV_COLUMNS.join(';'), ...items.map(planCsvLine)]);
}

export const publicQuery = z.object({ lang: z.enum(['sv', 'en']).optional() }).strict();

/**
 * GET /api/reports/plan.csv — the procurement plan from today (year: only items needed in that year).
 * GET /plan and GET /api/public/plan.json — the published items only, with no key (the plan outside).
 */
export function register(
  server: Server,
  deps: { plan: () => Promise<PlanItem[]>; publications: () => Promise<PlanPublication[]>; keys: (string | undefined)[]; logger: Logger },
): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  const published = async (req: Request) => {
    const q = publicQuery.safeParse(req.query ?? {});
    const locale: Locale = q.success && q.data.lang ? q.data.lang : requestLocale(req);
    if (!q.success) throw new HttpProblem(400, t(locale, 'api.badRequest'));
    const [items, pubs] = await Promise.all([deps.plan(), deps.publications()]);
    return { locale, items: publicPlan(locale, items, pubs) };
  };
  const failed = (err: unknown, req: Request) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'public plan failed');
  server.get(
    '/plan',
    route(async (req: Request, res: Response) => {
      const { locale, items } = await published(req);
      const body = publicPlanPage(locale, items);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Content-Language': locale });
      res.end(body);
    }, failed),
  );
  server.get(
    '/api/public/plan.json',
    route(async (req: Request, res: Response) => {
      const { locale, items } = await published(req);
      res.json(200, { language: locale, items });
    }, failed),
  );
  server.get(
    '/api/reports/plan.csv',
    route(
      async (req: Request, res: Response) => {
        const { year } = openReport(req, res, keys, requestLocale(req));
        const items = (await deps.plan()).filter((i) => !year || i.neededBy?.startsWith(`${year}-`));
        sendCsv(res, `upphandlingsplan${year ? '-' + year : ''}.csv`, planCsv(items));
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'plan report failed'),
    ),
  );
}
