import restify, { Request, Response, Server } from 'restify';
import { Config } from '../config';
import { t } from '../i18n';
import { Logger } from '../logger';
import { Metrics } from '../ops/metrics';
import { requestContext } from '../util/log-context';
import { requestLocale } from './problem';
import { apiRateLimit } from './rate-limit';
import { securityHeaders } from './security-headers';

/**
 * The restify server with what every route shares: path clean-up, request ids, security headers, the
 * REST rate limit, query parsing, metrics and request logs, and restify's own errors (404, 405, bad
 * JSON, body too large) as problem+json in the caller's language.
 */
export function createHttpServer(deps: { config: Config; logger: Logger; metrics: Metrics }): Server {
  const { config, logger, metrics } = deps;
  const server = restify.createServer({
    name: 'inkopsassistenten',
    handleUncaughtExceptions: false,
    // restify's own warnings (and its throttle's) go to our log, not to a second logger on stdout.
    log: logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'],
    formatters: {
      'application/problem+json': (_req, res, body) => {
        const data = JSON.stringify(body);
        res.setHeader('Content-Length', Buffer.byteLength(data));
        return data;
      },
    },
  });
  server.pre(restify.plugins.pre.sanitizePath());
  server.pre(requestContext());
  server.pre(securityHeaders({ publicUrl: config.PUBLIC_URL }));
  server.pre(apiRateLimit({ perMinute: config.API_RATE_LIMIT, trustedProxyHops: config.TRUSTED_PROXY_HOPS, keys: [config.CONTRACTS_ADMIN_KEY, config.REPORTS_KEY] }));
  server.pre((req: Request, _res: Response, next) => {
    (req as Request & { startedAt?: number }).startedAt = Date.now();
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false, allowDots: false, parseArrays: true }));
  server.on('after', (req: Request, res: Response) => {
    const started = (req as Request & { startedAt?: number }).startedAt ?? Date.now();
    metrics.observeRequest(req, res, started);
    logger.debug({ reqId: req.id(), method: req.method, path: req.path(), status: res.statusCode, ms: Date.now() - started }, 'request');
  });
  // restify's own errors (404, 405, bad JSON, body too large) as problem+json in the caller's language.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: unknown }, cb: () => void) => {
    const status = err.statusCode ?? 500;
    const locale = requestLocale(req);
    const title =
      status === 404
        ? t(locale, 'api.notFound')
        : status === 405
          ? t(locale, 'api.methodNotAllowed')
          : status === 413
            ? t(locale, 'api.payloadTooLarge')
            : status === 415
              ? t(locale, 'api.mediaTypeNotSupported')
              : status >= 500
              ? t(locale, 'api.internal')
              : t(locale, 'api.badRequest');
    const detail =
      status === 404
        ? t(locale, 'api.routeNotFound', { path: req.path().slice(0, 200) })
        : status === 400 && /json/i.test(err.message)
          ? t(locale, 'api.invalidJson')
          : undefined;
    if (status >= 500) logger.error({ reqId: req.id(), err: err.message }, 'unhandled request error');
    // restify sends the error itself after this hook; give it our body and media type.
    const problem = { type: 'about:blank', status, title, ...(detail ? { detail } : {}) };
    (err as Error & { toJSON: () => unknown }).toJSON = () => problem;
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    cb();
  });
  return server;
}
