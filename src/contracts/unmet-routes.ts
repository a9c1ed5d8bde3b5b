import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { csvCell, csvDocument } from '../core/csv';
import { isRealDate } from '../core/dates';
import { Db } from '../db';
import { t } from '../i18n';
import { openReport, sendCsv } from '../http/report-access';
import { HttpProblem, requestLocale, route } from '../http/problem';
import { Logger } from '../logger';
import { numberInput } from '../util/input';
import { SearchLog, UNMET_WINDOW_DAYS } from './search-log';
import { ReportPeriod, unmetSearches } from './search-log-repository';

/** The period of the report: the last `days` days (default 90), or from … to. */
export const UNMET_DEFAULT_DAYS = UNMET_WINDOW_DAYS;
const MAX_DAYS = 3650;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDate);
export const unmetQuerySchema = z
  .object({
    days: numberInput(z.number().int().min(1).max(MAX_DAYS)).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .strict();

const DAY_MS = 86_400_000;

/** days, or from and to together (from not after to, at most MAX_DAYS days); null when they do not go together. */
export function reportPeriod(q: z.infer<typeof unmetQuerySchema>): ReportPeriod | null {
  if (q.from === undefined && q.to === undefined) return { days: q.days ?? UNMET_DEFAULT_DAYS };
  if (q.days !== undefined || q.from === undefined || q.to === undefined) return null;
  const span = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
  return span >= 1 && span <= MAX_DAYS ? { from: q.from, to: q.to } : null;
}

export interface UnmetRoutesDeps {
  db: Db;
  searchLog: SearchLog;
  keys: (string | undefined)[];
  minPeople: number;
  logger: Logger;
}

/** GET /api/reports/unmet-searches.csv — areas without a contract: queries many people searched for without a hit. */
export function register(server: Server, deps: UnmetRoutesDeps): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  server.get(
    '/api/reports/unmet-searches.csv',
    route(
      async (req: Request, res: Response) => {
        const locale = requestLocale(req);
        const period = reportPeriod(openReport(req, res, keys, locale, unmetQuerySchema));
        if (!period) throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.unmetPeriod'));
        // This instance's searches of the last seconds count too.
        await deps.searchLog.flush({ all: true });
        const rows = await unmetSearches(deps.db, period, deps.minPeople);
        const lines = ['query;searches;people', ...rows.map((r) => [r.query, r.searches, r.people].map(csvCell).join(';'))];

        const name = 'days' in period ? `sokningar-utan-traff-${period.days}d` : `sokningar-utan-traff-${period.from}-${period.to}`;
        sendCsv(res, `${name}.csv`, csvDocument(lines));
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'report failed'),
    ),
  );
}
