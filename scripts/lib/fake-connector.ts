import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A local fake of the Bot Connector service on loopback, for tests and benchmarks of proactive sends: records every activity
 * posted or updated, can fail the next requests on purpose (429 with Retry-After, 502, …), and answers
 * the member list of a team.
 */
export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeConnector {
  url: string;
  calls: RecordedCall[];
  /** Successful posts and updates only. */
  delivered(): RecordedCall[];
  /** Fails the next n matching requests with status (and Retry-After seconds for 429). */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** Leaves the next n requests unanswered (as if the process died mid-send); they are not delivered. */
  hangNext(n: number): void;
  /** Fails a share (0–1) of all requests, pseudo-randomly but deterministically. */
  failRate(rate: number, status: number, retryAfterSeconds?: number): void;
  members: { id: string; aadObjectId: string; name: string }[];
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: RecordedCall[] = [];
  const failures: { status: number; retryAfter?: number }[] = [];
  let hang = 0;
  let rate: { rate: number; status: number; retryAfter?: number; n: number } | undefined;
  const members: FakeConnector['members'] = [];

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      // /v3/conversations/{conversationId}/activities[/{activityId}] | /v3/conversations/{id}/pagedmembers | /v3/conversations
      const conversationId = parts[2] ?? '';
      const activityId = parts[3] === 'activities' ? parts[4] : undefined;
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (hang > 0 && req.method !== 'GET') {
        hang--;
        calls.push({ method: req.method ?? '', path: url.pathname, conversationId, activityId, body: { __hung: true }, at: Date.now() });
        return; // never answered
      }
      const failure = failures.shift() ?? (rate && ((rate.n = (rate.n * 1103515245 + 12345) % 2147483648) / 2147483648 < rate.rate) ? rate : undefined);
      const record = { method: req.method ?? '', path: url.pathname, conversationId, activityId, body: body ? (JSON.parse(body) as Record<string, unknown>) : {}, at: Date.now() };
      if (failure) {
        calls.push({ ...record, body: { ...record.body, __failedWith: failure.status } });
        const retryAfter: Record<string, string> = failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : {};
        send(failure.status, { error: { code: 'Injected', message: `injected ${failure.status}` } }, retryAfter);
        return;
      }
      calls.push(record);
      if (req.method === 'GET' && parts[3] === 'pagedmembers') return send(200, { members, continuationToken: null });
      if (req.method === 'GET' && parts[3] === 'members') return send(200, members);
      if (req.method === 'POST' && parts.length === 2) return send(200, { id: `a:created-${randomUUID()}`, activityId: randomUUID() });
      if (req.method === 'POST') return send(200, { id: `act-${randomUUID()}` });
      if (req.method === 'PUT') return send(200, { id: activityId });
      if (req.method === 'DELETE') return send(200, {});
      send(404, { error: { code: 'NotFound', message: url.pathname } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    delivered: () =>
      calls.filter((c) => !('__failedWith' in c.body) && !('__hung' in c.body) && (c.method === 'POST' || c.method === 'PUT') && c.path.includes('/activities')),
    hangNext(n) {
      hang += n;
    },
    failNext(n, status, retryAfterSeconds) {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    failRate(r, status, retryAfterSeconds) {
      rate = { rate: r, status, retryAfter: retryAfterSeconds, n: 42 };
    },
    members,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
