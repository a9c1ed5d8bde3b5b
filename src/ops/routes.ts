import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bearerToken, keyMatches } from '../http/auth';
import { HttpProblem, requestLocale, route } from '../http/problem';
import { t } from '../i18n';
import { Logger } from '../logger';
import { Metrics } from './metrics';

/** GET /metrics takes no query parameters. */
export const metricsQuery = z.object({}).strict();

/**
 * GET /metrics in Prometheus text format. With METRICS_KEY set, the scraper must send
 * Authorization: Bearer <key> (compared in constant time); without it the endpoint is open.
 */
export function register(server: Server, deps: { metrics: Metrics; key?: string; logger: Logger }): void {
  server.get(
    '/metrics',
    route(
      async (req: Request, res: Response) => {
        const locale = requestLocale(req);
        if (deps.key && !keyMatches(bearerToken(req.header('authorization')), deps.key)) {
          res.header('WWW-Authenticate', 'Bearer');
          throw new HttpProblem(401, t(locale, 'api.unauthorized'));
        }
        const q = metricsQuery.safeParse(req.query ?? {});
        if (!q.success) {
          const names = q.error.issues.flatMap((i) => ('keys' in i ? i.keys : [])).join(', ');
          throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.unknownParameter', { names, allowed: '–' }));
        }
        const body = await deps.metrics.registry.metrics();
        res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType, 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      },
      (err) => deps.logger.error({ err: (err as Error).message }, 'metrics could not be collected'),
    ),
  );
}
