import { createHash } from 'node:crypto';
import restify, { Request, Response, Next } from 'restify';
import { t } from '../i18n';
import { bearerToken, keyMatchesAny } from './auth';
import { requestLocale, sendProblem } from './problem';

/**
 * Per-client rate limit on the REST API, with restify's own throttle plugin: a token bucket per client
 * (capacity = the limit per minute, refilled evenly over the minute) in an LRU table of at most
 * MAX_CLIENTS entries. A client is its key when it presents a configured one, else its IP address.
 *
 * Not limited: /api/messages (the Bot Framework reaches every bot from shared addresses; its requests are
 * authenticated instead) and the probes /healthz, /readyz and /metrics, which are outside /api/.
 */
export const MAX_CLIENTS = 10_000;

interface Bucket {
  tokens: number;
  fillRate: number;
}

/** The table restify's throttle keeps its buckets in (get/put), bounded, least recently used out first. */
class BucketTable {
  private readonly map = new Map<string, Bucket>();
  constructor(private readonly max: number) {}
  get(key: string): Bucket | undefined {
    const b = this.map.get(key);
    if (b) {
      this.map.delete(key);
      this.map.set(key, b);
    }
    return b;
  }
  put(key: string, bucket: Bucket): void {
    this.map.set(key, bucket);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

/** The address of the client: the socket's, or with trusted proxies the one the outermost proxy saw. */
export function clientAddress(req: Request, trustedProxyHops: number): string {
  const socket = req.socket?.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return socket;
  const forwarded = String(req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxyHops] ?? forwarded[0] ?? socket;
}

export function isRateLimitedPath(path: string): boolean {
  return path.startsWith('/api/') && path !== '/api/messages' && !path.startsWith('/api/messages/');
}

export interface RateLimitOptions {
  /** Requests per minute per client; 0 turns the limit off. */
  perMinute: number;
  trustedProxyHops: number;
  /** Configured API keys: a client presenting one is limited per key rather than per address. */
  keys: (string | undefined)[];
}

/** A restify `pre` handler; answers 429 problem+json with Retry-After when a client's bucket is empty. */
export function apiRateLimit(opts: RateLimitOptions) {
  if (opts.perMinute <= 0) return (_req: Request, _res: Response, next: Next) => next();
  const keys = opts.keys.filter((k): k is string => Boolean(k));
  const table = new BucketTable(MAX_CLIENTS);
  const rate = opts.perMinute / 60;
  // restify's throttle takes its client from req.username ("username" mode); we put our client key there.
  const throttle = restify.plugins.throttle({ burst: opts.perMinute, rate, username: true, tokensTable: table });

  const clientKey = (req: Request): string => {
    const presented = bearerToken(req.header('authorization'));
    if (presented && keyMatchesAny(presented, keys)) {
      return `key:${createHash('sha256').update(presented).digest('hex').slice(0, 16)}`;
    }
    return `ip:${clientAddress(req, opts.trustedProxyHops)}`;
  };

  return (req: Request, res: Response, next: Next): void => {
    if (!isRateLimitedPath(req.path())) return next();
    const key = clientKey(req);
    (req as Request & { username?: string }).username = key;
    throttle(req, res, (err?: unknown) => {
      if (!err) return next();
      const bucket = table.get(key);
      const seconds = bucket ? Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.fillRate)) : 60;
      const locale = requestLocale(req);
      res.setHeader('Retry-After', String(seconds));
      sendProblem(res, { status: 429, title: t(locale, 'api.tooManyRequests'), detail: t(locale, 'api.retryAfter', { seconds }) });
      next(false);
    });
  };
}
