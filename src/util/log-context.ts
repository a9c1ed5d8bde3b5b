import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Request, Response, Next } from 'restify';

/**
 * Ids that every log line written during a request or a bot turn carries. The logger's mixin reads
 * them from here, so no function needs a logger threaded through it to get them.
 */
export interface LogContext {
  reqId?: string;
  turnId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** The ids of the request or turn running now (empty outside one). */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

/** Runs fn with these ids added to the current ones. */
export function withLogContext<T>(ids: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...ids }, fn);
}

// An incoming id is used only if it is short and plain, so it cannot forge log fields or flood lines.
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** The value when it is a sane id (short, plain characters), else undefined. */
export function saneId(value: unknown): string | undefined {
  const candidate = typeof value === 'string' ? value.trim() : '';
  return SANE_ID.test(candidate) ? candidate : undefined;
}

/** The caller's x-request-id when it is sane, otherwise a new one. */
export function requestIdFrom(header: string | undefined): string {
  return saneId(header) ?? randomUUID();
}

/**
 * restify pre-handler: fixes the request id (echoed as X-Request-Id) and runs the rest of the request
 * with it in the log context. The request stream's events are bound to that context too: body
 * chunks arrive from the socket, outside it, and handlers that read the body would lose the id.
 */
export function requestContext() {
  return (req: Request, res: Response, next: Next): void => {
    const id = requestIdFrom(req.header('x-request-id'));
    // restify's req.id(value) sets the id once (its typings only declare the getter).
    (req as unknown as { id(value: string): string }).id(id);
    res.header('X-Request-Id', id);
    withLogContext({ reqId: id }, () => {
      const emit = req.emit.bind(req);
      req.emit = AsyncResource.bind(emit) as typeof req.emit;
      next();
    });
  };
}
