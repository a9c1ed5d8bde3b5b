import type { Request, Response, Next, Server } from 'restify';
import restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { Metrics } from '../ops/metrics';
import { saneId, withLogContext } from '../util/log-context';
import { BotApp, BotAuthError, InkopAdapter, activityTenantIds, tenantAllowed } from './teams';
import { t } from '../i18n';
import { Logger } from '../logger';
import { MAX_ACTIVITY_BYTES } from '../http/body';
import { requestLocale, sendJson, sendProblem } from '../http/problem';

/**
 * POST /api/messages, the Bot Framework endpoint: JSON only, at most MAX_ACTIVITY_BYTES, an activity of
 * the right shape, a valid token (outside local mode), a permitted tenant; then the turn. Each refusal is
 * problem+json in the caller's language, and none of them reaches a handler, the state or the database.
 */
export { MAX_ACTIVITY_BYTES };

/** 415 before anything is read: botbuilder only understands JSON, and a multipart body would be spooled to disk. */
function requireJson(req: Request, res: Response, next: Next): void {
  const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return next();
  const locale = requestLocale(req);
  sendProblem(res, { status: 415, title: t(locale, 'api.mediaTypeNotSupported'), detail: t(locale, 'api.sendJson') });
  next(false);
}

/** The body parsers for the route: content type, size limit (413 through restify), JSON (400 on bad JSON). */
export function activityBodyParsers() {
  return [
    requireJson,
    restify.plugins.bodyReader({ maxBodySize: MAX_ACTIVITY_BYTES }),
    // bodyReader: true = "already read" (the reader above, with the limit).
    ...restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }),
  ];
}

/** Deeper than this, an activity is refused: nothing Teams sends comes close, and JSON.stringify would overflow the stack. */
export const MAX_ACTIVITY_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Every string in the activity made safe to store and to put in a URL: a lone surrogate (which makes
 * encodeURIComponent throw) becomes U+FFFD and NUL (which PostgreSQL text cannot hold) is dropped.
 * Returns false when the activity nests deeper than MAX_ACTIVITY_DEPTH.
 */
export function cleanStrings(node: unknown, depth = 0): boolean {
  if (depth > MAX_ACTIVITY_DEPTH) return false;
  if (Array.isArray(node) || (node && typeof node === 'object')) {
    const o = node as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'string') o[k] = v.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '');
      else if (v && typeof v === 'object' && !cleanStrings(v, depth + 1)) return false;
    }
  }
  return true;
}

const account = z.object({ id: z.string().max(1000) }).passthrough();
/**
 * What botbuilder and our handlers read without checking. Anything else in an activity is the handlers'
 * business (they parse card data and text themselves).
 */
const activitySchema = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(1000).optional(),
    // Only Teams: another channel (Direct Line, Web Chat) would let a token holder choose who they claim to be.
    channelId: z.literal('msteams'),
    // Where replies go (with the bot's token): a web address and nothing else.
    serviceUrl: z.string().max(2000).url().regex(/^https?:\/\//i),
    from: account.extend({ aadObjectId: z.string().max(100).optional(), name: z.string().max(1000).optional() }),
    recipient: account,
    conversation: account.extend({ conversationType: z.string().max(100).optional(), tenantId: z.string().max(100).optional() }),
    channelData: z.record(z.unknown()).optional(),
    text: z.string().max(MAX_ACTIVITY_BYTES).optional(),
    name: z.string().max(200).optional(),
    locale: z.string().max(100).optional(),
    replyToId: z.string().max(1000).optional(),
    deliveryMode: z.string().max(100).optional(),
    entities: z.array(z.record(z.unknown())).max(100).optional(),
    attachments: z.array(z.record(z.unknown())).max(100).optional(),
    membersAdded: z.array(account).max(5000).optional(),
    membersRemoved: z.array(account).max(5000).optional(),
  })
  .passthrough();

/**
 * Values of the invokes teams-ai reads itself before our handlers see them: a message extension query's
 * parameters must be a list (teams-ai calls forEach on them), a feedback submit's value an object.
 */
const invokeValues: Record<string, z.ZodTypeAny> = {
  'composeExtension/query': z
    .object({
      commandId: z.string().max(200).optional(),
      parameters: z.array(z.object({ name: z.string().max(200).optional() }).passthrough()).max(50).optional(),
      queryOptions: z.object({ skip: z.number().optional(), count: z.number().optional() }).passthrough().optional(),
    })
    .passthrough(),
  // teams-ai's feedback route reads value.actionName before any handler: a null value would fail the turn.
  'message/submitAction': z.object({ actionName: z.string().max(200).optional() }).passthrough(),
};

export interface MessagesDeps {
  adapter: InkopAdapter;
  allowedTenants: readonly string[];
  logger: Logger;
}

/**
 * Takes the place of adapter.process(req, res, logic) after the body parsers. Errors from the turn
 * itself are left to the caller (→ 500 without details).
 */
export function createMessagesHandler(deps: MessagesDeps) {
  const { adapter, logger } = deps;
  return async (req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> => {
    const locale = requestLocale(req);
    if (!cleanStrings(req.body)) {
      return sendProblem(res, { status: 400, title: t(locale, 'api.badRequest'), detail: t(locale, 'api.tooDeep', { depth: MAX_ACTIVITY_DEPTH }) });
    }
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))].slice(0, 10).join(', ');
      return sendProblem(res, { status: 400, title: t(locale, 'api.badRequest'), detail: t(locale, 'api.invalidActivity', { fields }) });
    }
    const invokeValue = parsed.data.type === 'invoke' ? invokeValues[parsed.data.name ?? ''] : undefined;
    const value = invokeValue?.safeParse((parsed.data as { value?: unknown }).value);
    if (value && !value.success) {
      const fields = [...new Set(value.error.issues.map((i) => ['value', ...i.path].join('.')))].slice(0, 10).join(', ');
      return sendProblem(res, { status: 400, title: t(locale, 'api.badRequest'), detail: t(locale, 'api.invalidActivity', { fields }) });
    }
    const activity = parsed.data as unknown as Activity;
    // As botbuilder's own process() does: dates as Date, the original strings kept beside them.
    const raw = activity as unknown as Record<string, unknown>;
    for (const [k, rawKey] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']]) {
      if (typeof raw[k] === 'string') {
        raw[rawKey] = raw[k];
        raw[k] = new Date(raw[k] as string);
      }
    }

    let auth;
    try {
      auth = await adapter.authenticate(activity, String(req.header('authorization') ?? ''));
    } catch (err) {
      const e = err instanceof BotAuthError ? err : new BotAuthError(String((err as Error)?.message ?? err));
      // The reason, never the token; an unreachable key endpoint is the operator's problem, not the caller's.
      logger[e.keysUnavailable ? 'error' : 'info']({ reqId: req.id(), reason: e.message, channelId: activity.channelId }, 'bot request refused: not authenticated');
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendProblem(res, { status: 401, title: t(locale, 'api.unauthorizedBot') });
    }

    if (!tenantAllowed(deps.allowedTenants, activity)) {
      logger.info({ reqId: req.id(), tenantId: activityTenantIds(activity).join(',') || null, activityType: activity.type }, 'activity from a tenant that is not allowed: dropped');
      return sendProblem(res, { status: 403, title: t(locale, 'api.tenantNotAllowed') });
    }

    const result = await adapter.run(auth, activity, logic);
    if (result?.body !== undefined) return sendJson(res, result.status ?? 200, result.body);
    res.writeHead(result?.status ?? 200);
    res.end();
  };
}

/**
 * Mounts POST /api/messages: every log line of a turn carries its id (the activity id, or ours), each
 * turn is counted in the metrics, and drain() stops taking turns and waits for those in flight.
 */
export function mountActivityEndpoint(server: Server, deps: MessagesDeps & { app: BotApp; metrics: Metrics }) {
  const { app, logger, metrics } = deps;
  const handleActivity = createMessagesHandler(deps);
  let inFlight = 0;
  let draining = false;
  const idleWaiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight === 0) idleWaiters.splice(0).forEach((w) => w());
  };
  server.post('/api/messages', ...activityBodyParsers(), async (req: Request, res: Response) => {
    if (draining) return sendProblem(res, { status: 503, title: t(requestLocale(req), 'api.shuttingDown') });
    inFlight++;
    try {
      const turnId = saneId((req.body as { id?: unknown } | undefined)?.id) ?? `turn-${req.id()}`;
      await withLogContext({ reqId: req.id(), turnId }, () =>
        handleActivity(req, res, async (context) => {
          const type = context.activity.type;
          await metrics.observeTurn(type, async () => {
            const started = Date.now();
            const handled = await app.run(context);
            logger.debug({ activityType: type, handled, ms: Date.now() - started }, 'turn');
            return handled;
          });
        }),
      );
    } catch (err) {
      logger.error({ reqId: req.id(), err: (err as Error).message }, 'activity processing failed');
      if (!res.headersSent) sendProblem(res, { status: 500, title: t(requestLocale(req), 'api.internal') });
    } finally {
      inFlight--;
      settle();
    }
  });
  return {
    draining: () => draining,
    drain(timeoutMs = 10_000): Promise<void> {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
