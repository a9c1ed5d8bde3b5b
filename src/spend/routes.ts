import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { csvCell, csvDocument } from '../core/csv';
import { todayInSweden } from '../core/dates';
import { REGIONS } from '../core/vocabulary';
import { bearerToken, keyMatches } from '../http/auth';
import { BodyTooLargeError, readRawBody } from '../http/body';
import { HttpProblem, requestLocale, route, sendJson } from '../http/problem';
import { openReport, sendCsv, sendHtml } from '../http/report-access';
import { Locale, t } from '../i18n';
import { Logger } from '../logger';
import type { UnmetSearchAggregate } from '../contracts/api';
import { SPEND_PAGE_CSS_HASH, spendPage } from './html';
import { SPEND_CSV_HEADER, SUPPLIERS_CSV_HEADER, YearFigures, spendCsvRows, supplierCsvRows } from './model';
import { latestSpendImports } from './repository';
import { SpendImportError, SpendService } from './service';

export interface SpendRoutesDeps {
  spend: SpendService;
  adminKey?: string;
  reportKeys: (string | undefined)[];
  maxFileBytes: number;
  logger: Logger;
  now?: () => Date;
  db: Parameters<typeof latestSpendImports>[0];
  /** The contract capability's unmet searches (aggregates), for "avtalslösa områden"; null when not available. */
  unmet?: () => Promise<readonly UnmetSearchAggregate[] | null>;
}

export const importQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional(), fileName: z.string().trim().min(1).max(200).optional() }).strict();
export const logQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
/** A number as written (kept a number in a spreadsheet, never defused), any other text through csvCell. */
const cell = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? v : csvCell(v));

function requireAdmin(req: Request, res: Response, adminKey: string | undefined, locale: Locale): void {
  if (!adminKey) throw new HttpProblem(403, t(locale, 'api.importDisabled'));
  if (!keyMatches(bearerToken(req.header('authorization')), adminKey)) {
    res.header('WWW-Authenticate', 'Bearer');
    throw new HttpProblem(401, t(locale, 'api.unauthorized'));
  }
}

/**
 * POST /api/spend/imports (admin key; body: the ledger file; ?dryRun=true previews), GET /api/spend/imports
 * (the import log), and the reports with the reports key: spend.csv, uncontracted-suppliers.csv and the
 * printable page /api/reports/spend.
 */
export function register(server: Server, deps: SpendRoutesDeps): void {
  const keys = deps.reportKeys.filter((k): k is string => Boolean(k));
  const failed = (err: unknown, req: Request) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'spend request failed');

  server.post(
    '/api/spend/imports',
    route(async (req, res) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      const q = importQuery.safeParse(req.query ?? {});
      if (!q.success) throw new HttpProblem(400, t(locale, 'api.badRequest'));
      const body = await readRawBody(req, deps.maxFileBytes).catch((err: unknown) => {
        if (err instanceof BodyTooLargeError) throw new HttpProblem(413, t(locale, 'api.payloadTooLarge'));
        throw err;
      });
      const dryRun = q.data.dryRun === 'true' || q.data.dryRun === '1';
      try {
        const ledger = await deps.spend.parse(body, locale);
        const report = await deps.spend.apply(ledger, { dryRun, fileName: q.data.fileName, actor: { source: 'api' }, locale });
        deps.logger.info({ rows: report.rows, added: report.added, already: report.already, dryRun }, 'spend import');
        sendJson(res, 200, report);
      } catch (err) {
        if (!(err instanceof SpendImportError)) throw err;
        await deps.spend.logRefusal(err, { fileName: q.data.fileName, actor: { source: 'api' } });
        throw new HttpProblem(err.code === 'too-large' ? 413 : 422, t(locale, 'api.importFailed'), err.message, { code: err.code, ...(err.line ? { line: err.line } : {}) });
      }
    }, failed),
  );

  server.get(
    '/api/spend/imports',
    route(async (req, res) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      const q = logQuery.safeParse(req.query ?? {});
      if (!q.success) throw new HttpProblem(400, t(locale, 'api.badRequest'));
      sendJson(res, 200, { items: await latestSpendImports(deps.db, q.data.limit) });
    }, failed),
  );

  const yearOf = async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const { year } = openReport(req, res, keys, locale);
    const y = year ?? Number(todayInSweden(deps.now?.()).slice(0, 4));
    const regions: YearFigures[] = [];
    for (const r of REGIONS) regions.push(await deps.spend.figures(r, y));
    return { locale, year: y, regions };
  };

  server.get(
    '/api/reports/spend.csv',
    route(async (req, res) => {
      const { year, regions } = await yearOf(req, res);
      sendCsv(res, `avtalstrohet-${year}.csv`, csvDocument([SPEND_CSV_HEADER, ...regions.flatMap((f) => spendCsvRows(f, cell))]));
    }, failed),
  );

  server.get(
    '/api/reports/uncontracted-suppliers.csv',
    route(async (req, res) => {
      const { year, regions } = await yearOf(req, res);
      sendCsv(res, `avtalslosa-leverantorer-${year}.csv`, csvDocument([SUPPLIERS_CSV_HEADER, ...regions.flatMap((f) => supplierCsvRows(f, cell))]));
    }, failed),
  );

  server.get(
    '/api/reports/spend',
    route(async (req, res) => {
      const { locale, year, regions } = await yearOf(req, res);
      const body = spendPage(locale, year, regions, todayInSweden(deps.now?.()), deps.unmet ? await deps.unmet() : null);
      sendHtml(res, body, { locale, cssHash: SPEND_PAGE_CSS_HASH });
    }, failed),
  );
}
