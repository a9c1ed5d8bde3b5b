import type { Request, Response, Server } from 'restify';
import { Db } from '../db';
import { openReport } from '../http/report-access';
import { requestLocale, route } from '../http/problem';
import { csvCell } from '../core/csv';
import { Logger } from '../logger';
import { DRIVERS, SurveyAnswers, aggregate, quarterOf } from './nki';
import { reachableRespondentsByCategory, responsesWithCategory } from './repository';

/**
 * GET /api/reports/nki.csv — aggregates only: one row for all responses, then per quarter and per
 * category. A group with fewer than NKI_MIN_RESPONSES responses shows its count and nothing else.
 */
export function register(server: Server, deps: { db: Db; keys: (string | undefined)[]; minResponses: number; satisfiedFrom: number; logger: Logger }): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  server.get(
    '/api/reports/nki.csv',
    route(
      async (req: Request, res: Response) => {
        const { year } = openReport(req, res, keys, requestLocale(req));
        const rows = await responsesWithCategory(deps.db, year);
        const invited = await reachableRespondentsByCategory(deps.db, year);
        const groups = new Map<string, { answers: SurveyAnswers[]; invited: number }>();
        const bucket = (k: string) => groups.get(k) ?? groups.set(k, { answers: [], invited: 0 }).get(k)!;
        for (const r of rows) for (const k of ['all', `quarter:${quarterOf(r.day)}`, `category:${r.category}`]) bucket(k).answers.push(r.answers);
        for (const i of invited) for (const k of ['all', `quarter:${quarterOf(i.quarter)}`, `category:${i.category}`]) bucket(k).invited += i.n;
        const header = ['group', 'responses', 'invited', 'response_rate', 'nki', 'share_satisfied', ...DRIVERS.map((d) => `driver_${d}`)];
        const lines = [header.join(';')];
        const fmt = (n: number | null) => (n === null ? '' : n.toFixed(1));
        for (const [key, g] of [...groups.entries()].sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))) {
          const agg = aggregate(g.answers, g.invited, deps.satisfiedFrom);
          const show = agg.responses >= deps.minResponses;
          lines.push(
            [
              key,
              agg.responses,
              g.invited,
              show && agg.responseRate !== null ? (agg.responseRate * 100).toFixed(0) : '',
              show ? fmt(agg.nki) : '',
              show && agg.shareSatisfied !== null ? (agg.shareSatisfied * 100).toFixed(0) : '',
              ...DRIVERS.map((d) => (show ? fmt(agg.drivers[d].index) : '')),
            ]
              .map(csvCell)
              .join(';'),
          );
        }
        const body = '\ufeff' + lines.join('\r\n') + '\r\n';
        res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="nki.csv"', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'nki report failed'),
    ),
  );
}
