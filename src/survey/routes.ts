import type { Request, Response, Server } from 'restify';
import { Db } from '../db';
import { openReport, sendCsv } from '../http/report-access';
import { requestLocale, route } from '../http/problem';
import { csvCell, csvDocument } from '../core/csv';
import { Logger } from '../logger';
import { DRIVERS, quarterOf } from './nki';
import { NKI_GROUP, PublishedNki, SurveyUnit, publishNki } from './published';
import { nkiUnits } from './repository';

const HEADER = ['group', 'responses', 'invited', 'response_rate', 'nki', 'share_satisfied', ...DRIVERS.map((d) => `driver_${d}`)];

/** The CSV's rows for all years or one: its label and the published group behind it. */
function rowsOf(units: readonly SurveyUnit[], year: number | undefined): { label: string; group: string }[] {
  const inYear = units.filter((u) => !year || u.opened.startsWith(`${year}-`));
  const quarters = [...new Set(inYear.map((u) => quarterOf(u.opened)))].sort();
  const categories = [...new Set(inYear.map((u) => u.category))].sort();
  return [
    { label: 'all', group: year ? NKI_GROUP.year(year) : NKI_GROUP.all },
    ...quarters.map((q) => ({ label: `quarter:${q}`, group: NKI_GROUP.quarter(q) })),
    ...categories.map((c) => ({ label: `category:${c}`, group: year ? NKI_GROUP.yearCategory(year, c) : NKI_GROUP.category(c) })),
  ];
}

function line(label: string, published: PublishedNki, group: string): string {
  const f = published.figure(group);
  const fmt = (n: number | null) => (n === null ? '' : n.toFixed(1));
  const percent = (n: number | null) => (n === null ? '' : (n * 100).toFixed(0));
  return [label, f.responses, f.invited, percent(f.responseRate), fmt(f.nki), percent(f.shareSatisfied), ...DRIVERS.map((d) => fmt(f.drivers[d].index))].map(csvCell).join(';');
}

/**
 * GET /api/reports/nki.csv — aggregates only: one row for all responses (or the year's), then per quarter
 * and per category. Counts are always given; values only where the anonymity rule lets every report show
 * them at once (disclosure.ts), so no row can be subtracted from others to reveal a hidden group.
 */
export function register(server: Server, deps: { db: Db; keys: (string | undefined)[]; minResponses: number; satisfiedFrom: number; logger: Logger }): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  server.get(
    '/api/reports/nki.csv',
    route(
      async (req: Request, res: Response) => {
        const { year } = openReport(req, res, keys, requestLocale(req));
        const units = await nkiUnits(deps.db);
        const published = publishNki(units, deps);
        const lines = [HEADER.join(';'), ...rowsOf(units, year).map((r) => line(r.label, published, r.group))];
        sendCsv(res, 'nki.csv', csvDocument(lines));
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'nki report failed'),
    ),
  );
}
