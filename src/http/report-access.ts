import type { Request, Response } from 'restify';
import { z } from 'zod';
import { zodReason } from './zod-reason';
import { Locale, t } from '../i18n';
import { bearerToken, keyMatchesAny } from './auth';
import { HttpProblem } from './problem';
import { yearInput } from '../util/input';
import { printablePagePolicy } from './security-headers';

/** A report's year parameter: the one place it is parsed (every report's `year` uses it): four digits, 2000 to next year. */
export const reportYear = yearInput;

/** The query every CSV report takes. */
export const reportQuery = z.object({ year: yearInput.optional() }).strict();

/**
 * Checks access to a report (Bearer REPORTS_KEY or CONTRACTS_ADMIN_KEY, compared in constant time:
 * 403 when no key is configured, 401 without a valid one) and parses its query (`reportQuery` unless
 * the report takes another).
 */
export function openReport<S extends z.ZodTypeAny = typeof reportQuery>(req: Request, res: Response, keys: string[], locale: Locale, schema?: S): z.infer<S> {
  if (keys.length === 0) throw new HttpProblem(403, t(locale, 'api.reportsDisabled'));
  if (!keyMatchesAny(bearerToken(req.header('authorization')), keys)) {
    res.header('WWW-Authenticate', 'Bearer');
    throw new HttpProblem(401, t(locale, 'api.unauthorized'));
  }
  const q = (schema ?? reportQuery).safeParse(req.query ?? {});
  if (!q.success) throw new HttpProblem(400, t(locale, 'api.badRequest'), q.error.issues.map((i) => t(locale, 'api.invalidParameter', { name: i.path.join('.') || 'query', reason: zodReason(locale, i) })).join('; '));
  return q.data as z.infer<S>;
}

/** Answers a report as a CSV download named `filename`. */
export function sendCsv(res: Response, filename: string, body: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Answers a report as a printable HTML page in `locale`: its one stylesheet allowed by hash (the report's
 * `cssHash`, printablePagePolicy), shown inline under `filename` when one is given.
 */
export function sendHtml(res: Response, body: string, page: { locale: Locale; cssHash: string; filename?: string }): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    ...(page.filename ? { 'Content-Disposition': `inline; filename="${page.filename}"` } : {}),
    'Content-Language': page.locale,
    'Content-Security-Policy': printablePagePolicy(page.cssHash),
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
