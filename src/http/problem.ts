import type { Request, Response } from 'restify';
import { Locale, localeFromAcceptLanguage, t } from '../i18n';

/** An error that becomes an application/problem+json response (RFC 9457). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export function requestLocale(req: Request): Locale {
  return localeFromAcceptLanguage(req.header('accept-language'));
}

export function sendProblem(res: Response, problem: { status: number; title: string; detail?: string; [k: string]: unknown }): void {
  const body = JSON.stringify({ type: 'about:blank', ...problem });
  res.writeHead(problem.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Wraps a route: HttpProblem → its status; anything else → 500 with no details (they go to the log). */
export function route(
  handler: (req: Request, res: Response) => Promise<void>,
  onUnexpected: (err: unknown, req: Request) => void,
) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof HttpProblem) {
        sendProblem(res, { status: err.status, title: err.title, ...(err.detail ? { detail: err.detail } : {}), ...err.extra });
        return;
      }
      onUnexpected(err, req);
      if (!res.headersSent) {
        const locale = requestLocale(req);
        sendProblem(res, { status: 500, title: t(locale, 'api.internal') });
      }
    }
  };
}

export function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
