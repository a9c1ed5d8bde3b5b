import type { Request, Response, Server } from 'restify';
import { CategoryDirectory } from '../core/category-repository';
import { todayInSweden } from '../core/dates';
import { requestLocale, route } from '../http/problem';
import { openReport, sendCsv, sendHtml } from '../http/report-access';
import { Logger } from '../logger';
import { controlCsv } from './csv';
import { PAGE_CSS_HASH, controlPage } from './html';
import { ControlReports } from './service';

export interface ControlRoutesDeps {
  reports: ControlReports;
  categories: CategoryDirectory;
  keys: (string | undefined)[];
  minResponses: number;
  satisfiedFrom?: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * GET /api/reports/internal-control.csv and GET /api/reports/internal-control: the yearly report (the
 * year given, else this year) as CSV and as a printable page, with the same keys as the other reports.
 */
export function register(server: Server, deps: ControlRoutesDeps): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  /** Checks the key and the query, then builds the year's report in the caller's language. */
  const open = async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const { year } = openReport(req, res, keys, locale);
    const today = todayInSweden(deps.now?.());
    const report = await deps.reports.build(year ?? Number(today.slice(0, 4)));
    return { locale, report, today, opts: { categories: await deps.categories.list(), minResponses: deps.minResponses, satisfiedFrom: deps.satisfiedFrom } };
  };
  const failed = (err: unknown, req: Request) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'internal-control report failed');

  server.get(
    '/api/reports/internal-control.csv',
    route(async (req, res) => {
      const { locale, report, opts } = await open(req, res);
      sendCsv(res, `internkontroll-${report.year}.csv`, controlCsv(locale, report, opts));
    }, failed),
  );

  server.get(
    '/api/reports/internal-control',
    route(async (req, res) => {
      const { locale, report, today, opts } = await open(req, res);
      sendHtml(res, controlPage(locale, report, { ...opts, today }), { locale, cssHash: PAGE_CSS_HASH, filename: `internkontroll-${report.year}.html` });
    }, failed),
  );
}
