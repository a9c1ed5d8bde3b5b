import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { bearerToken, keyMatches, keyMatchesAny } from '../../src/http/auth';
import { MAX_ACTIVITY_BYTES } from '../../src/bot/http';
import { MAX_IMPORT_BYTES } from '../../src/contracts/routes';
import { isRateLimitedPath } from '../../src/http/rate-limit';
import { loadConfig } from '../../src/config';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { messageActivity } from '../helpers/teams';
import { dbFingerprint, expectCleanProblem } from './fixtures';

/** Security headers, body limits, the REST rate limit and key comparison, over the real HTTP server. */
const REPORTS_KEY = 'reports-key-abcdefghijklmnop';
const RATE = 5;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { API_RATE_LIMIT: String(RATE), TRUSTED_PROXY_HOPS: '1', REPORTS_KEY } });
});
afterAll(async () => {
  await app?.close();
});

/** A request with full control over the body: sent in chunks without Content-Length when chunked. */
function raw(
  baseUrl: string,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: { size: number; chunked?: boolean; fill?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(urlPath, baseUrl);
    const req = http.request(url, { method, headers: { ...headers, ...(body && !body.chunked ? { 'Content-Length': String(body.size) } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body) {
      const chunk = Buffer.alloc(64 * 1024, body.fill ?? 'a');
      let left = body.size;
      const write = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!req.write(chunk.subarray(0, n))) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    } else req.end();
  });
}

/** Each test uses its own client address (X-Forwarded-For, one trusted proxy hop) so the rate limit is per test. */
let nextClient = 1;
const client = () => ({ 'X-Forwarded-For': `203.0.113.${nextClient++}` });

describe('security headers', () => {
  const expectHeaders = (h: Headers | http.IncomingHttpHeaders, what: string) => {
    const get = (n: string) => (h instanceof Headers ? h.get(n) : ((h[n] as string | undefined) ?? null));
    expect({ what, csp: get('content-security-policy') }).toEqual({ what, csp: expect.stringContaining("default-src 'none'") });
    expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(get('x-content-type-options')).toBe('nosniff');
    expect(get('x-frame-options')).toBe('DENY');
    expect(get('referrer-policy')).toBe('no-referrer');
    expect(get('cache-control')).toBe('no-store');
    expect(get('cross-origin-resource-policy')).toBe('same-origin');
    expect(get('x-powered-by')).toBeNull();
  };

  it('are on every kind of response, errors included', async () => {
    const h = client();
    const responses: [string, Response][] = [
      ['search', await fetch(`${app.baseUrl}/api/contracts?q=handskar`, { headers: h })],
      ['health', await fetch(`${app.baseUrl}/healthz`)],
      ['ready', await fetch(`${app.baseUrl}/readyz`)],
      ['404', await fetch(`${app.baseUrl}/api/nothing-here`, { headers: client() })],
      ['405', await fetch(`${app.baseUrl}/api/contracts`, { method: 'DELETE', headers: client() })],
      ['400', await fetch(`${app.baseUrl}/api/contracts?bogus=1`, { headers: client() })],
      ['401', await fetch(`${app.baseUrl}/api/reports/intake.csv`, { headers: client() })],
      ['csv', await fetch(`${app.baseUrl}/api/reports/intake.csv`, { headers: { ...client(), Authorization: `Bearer ${REPORTS_KEY}` } })],
      ['bot', await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(messageActivity('hjälp')) })],
      ['bad json', await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })],
    ];
    expect(responses.map(([w, r]) => [w, r.status])).toEqual([
      ['search', 200],
      ['health', 200],
      ['ready', 200],
      ['404', 404],
      ['405', 405],
      ['400', 400],
      ['401', 401],
      ['csv', 200],
      ['bot', 200],
      ['bad json', 400],
    ]);
    for (const [what, r] of responses) expectHeaders(r.headers, what);
  });

  it('add Strict-Transport-Security only when the public URL is https', async () => {
    const r = await fetch(`${app.baseUrl}/healthz`);
    expect(r.headers.get('strict-transport-security')).toBeNull();
    const tls = await startTestApp({ seed: false, env: { PUBLIC_URL: 'https://inkop.example.org' } });
    try {
      const s = await fetch(`${tls.baseUrl}/healthz`);
      expect(s.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const e = await fetch(`${tls.baseUrl}/api/nothing`);
      expect(e.headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await tls.close();
    }
  });
});

describe('body size limits', () => {
  const tooLarge = (r: { status: number; headers: http.IncomingHttpHeaders; text: string }, title: string) => {
    expect(r.status).toBe(413);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(expectCleanProblem(r.text).title).toBe(title);
  };

  it('refuses an activity over 1 MiB, declared or streamed, in Swedish and English', async () => {
    const before = await dbFingerprint(app.db);
    const json = { 'Content-Type': 'application/json' };
    tooLarge(await raw(app.baseUrl, 'POST', '/api/messages', json, { size: MAX_ACTIVITY_BYTES + 1 }), 'Förfrågan är för stor.');
    tooLarge(await raw(app.baseUrl, 'POST', '/api/messages', { ...json, 'Accept-Language': 'en' }, { size: MAX_ACTIVITY_BYTES + 1, chunked: true }), 'The request is too large.');
    expect(await dbFingerprint(app.db)).toEqual(before);
  });

  it('refuses an import over the limit, declared or streamed, and imports nothing', async () => {
    const before = await dbFingerprint(app.db);
    const headers = { 'Content-Type': 'text/csv', Authorization: `Bearer ${TEST_ADMIN_KEY}` };
    tooLarge(await raw(app.baseUrl, 'POST', '/api/contracts/import', { ...headers, ...client() }, { size: MAX_IMPORT_BYTES + 1 }), 'Förfrågan är för stor.');
    tooLarge(await raw(app.baseUrl, 'POST', '/api/contracts/import', { ...headers, ...client(), 'Accept-Language': 'en' }, { size: MAX_IMPORT_BYTES + 1, chunked: true }), 'The request is too large.');
    expect(await dbFingerprint(app.db)).toEqual(before);
    // The server is still there.
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('reads no body on routes that take none', async () => {
    const r = await raw(app.baseUrl, 'POST', '/api/contracts', { 'Content-Type': 'application/json', ...client() }, { size: 2 * MAX_ACTIVITY_BYTES });
    expect(r.status).toBe(405);
    expectCleanProblem(r.text);
  });
});

describe('rate limit on the REST API', () => {
  it(`lets a client make ${RATE} requests, then answers 429 problem+json with Retry-After`, async () => {
    const h = client();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < RATE + 2; i++) {
      last = await fetch(`${app.baseUrl}/api/categories`, { headers: { ...h, 'Accept-Language': 'en' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(RATE).fill(200), 429, 429]);
    const retryAfter = Number(last?.headers.get('retry-after'));
    // One request per 60/RATE seconds refills the bucket.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60 / RATE);
    expect(last?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = expectCleanProblem(await (last as Response).text());
    expect(body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(body.detail).toBe(`Wait ${retryAfter} seconds and try again.`);
    const sv = await fetch(`${app.baseUrl}/api/contracts?q=tolk`, { headers: h });
    expect(sv.status).toBe(429);
    expect(((await sv.json()) as { title: string }).title).toBe('För många förfrågningar');
  });

  it('counts each client on its own, and the import and reports too', async () => {
    const a = client();
    for (let i = 0; i < RATE; i++) expect((await fetch(`${app.baseUrl}/api/contracts/RS-2023-0127`, { headers: a })).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/reports/nki.csv`, { headers: a })).status).toBe(429);
    expect((await fetch(`${app.baseUrl}/api/contracts/import`, { method: 'POST', headers: a })).status).toBe(429);
    expect((await fetch(`${app.baseUrl}/api/nothing-here`, { headers: a })).status).toBe(429);
    expect((await fetch(`${app.baseUrl}/api/contracts/RS-2023-0127`, { headers: client() })).status).toBe(200);
  });

  it('gives a client that presents a valid key a bucket of its own, and a wrong key none', async () => {
    const a = client();
    for (let i = 0; i < RATE; i++) await fetch(`${app.baseUrl}/api/categories`, { headers: a });
    expect((await fetch(`${app.baseUrl}/api/categories`, { headers: a })).status).toBe(429);
    expect((await fetch(`${app.baseUrl}/api/reports/intake.csv`, { headers: { ...a, Authorization: 'Bearer wrong-key-0000000000000' } })).status).toBe(429);
    const keyed = await fetch(`${app.baseUrl}/api/reports/intake.csv`, { headers: { ...a, Authorization: `Bearer ${REPORTS_KEY}` } });
    expect(keyed.status).toBe(200);
  });

  it('does not limit the bot endpoint or the probes', async () => {
    const a = client();
    for (let i = 0; i < RATE + 3; i++) {
      expect((await fetch(`${app.baseUrl}/healthz`, { headers: a })).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/readyz`, { headers: a })).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/metrics`, { headers: a })).status).not.toBe(429);
      const bot = await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { ...a, 'Content-Type': 'application/json' }, body: JSON.stringify(messageActivity('hjälp')) });
      expect(bot.status).toBe(200);
    }
    expect(isRateLimitedPath('/api/messages')).toBe(false);
    expect(isRateLimitedPath('/api/contracts/import')).toBe(true);
    expect(isRateLimitedPath('/api/reports/nki.csv')).toBe(true);
  });

  it('trusts X-Forwarded-For only as far as configured: without proxies, a forged header changes nothing', async () => {
    const direct = await startTestApp({ seed: false, env: { API_RATE_LIMIT: '2' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${direct.baseUrl}/api/categories`, { headers: { 'X-Forwarded-For': `198.51.100.${i}` } })).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
    } finally {
      await direct.close();
    }
  });

  it('is configured by API_RATE_LIMIT (0 = off) and refuses nonsense', () => {
    expect(loadConfig({}).API_RATE_LIMIT).toBe(300);
    expect(loadConfig({ API_RATE_LIMIT: '' }).API_RATE_LIMIT).toBe(300);
    expect(loadConfig({ API_RATE_LIMIT: '0' }).API_RATE_LIMIT).toBe(0);
    expect(() => loadConfig({ API_RATE_LIMIT: 'many' })).toThrow(/API_RATE_LIMIT/);
    expect(() => loadConfig({ API_RATE_LIMIT: '-1' })).toThrow(/API_RATE_LIMIT/);
    expect(() => loadConfig({ TRUSTED_PROXY_HOPS: '1.5' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe('keys', () => {
  it('match only exactly, whatever the length', () => {
    expect(keyMatches('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    expect(keyMatches('abcdefghijklmnoP', 'abcdefghijklmnop')).toBe(false);
    expect(keyMatches('abcdefghijklmnop-and-more', 'abcdefghijklmnop')).toBe(false);
    expect(keyMatches('', 'abcdefghijklmnop')).toBe(false);
    expect(keyMatches(undefined, 'abcdefghijklmnop')).toBe(false);
    expect(keyMatchesAny('b-key-000000000000', ['a-key-000000000000', 'b-key-000000000000'])).toBe(true);
    expect(keyMatchesAny('c-key-000000000000', ['a-key-000000000000', 'b-key-000000000000'])).toBe(false);
    expect(keyMatchesAny('a', [])).toBe(false);
    expect(bearerToken('Bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
  });

  it('are compared in src only through keyMatches (constant time over hashes)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(__dirname, '..', '..', 'src'));
    const problems: string[] = [];
    for (const f of files) {
      const rel = path.relative(path.join(__dirname, '..', '..'), f);
      const text = fs.readFileSync(f, 'utf8');
      if (rel !== path.join('src', 'http', 'auth.ts') && /timingSafeEqual/.test(text)) problems.push(`${rel}: own timingSafeEqual`);
      // Whoever reads a bearer key compares it with keyMatches.
      if (/bearerToken\(/.test(text) && !/keyMatches(Any)?\(/.test(text) && !rel.endsWith(path.join('http', 'auth.ts'))) problems.push(`${rel}: bearerToken without keyMatches`);
      text.split('\n').forEach((line, i) => {
        // A configured secret or a presented key/token/password compared with == or ===.
        if (/(KEY|PASSWORD|SECRET|[aA]dminKey|apiKey|presented|bearer|token)\w*\s*[!=]==?|[!=]==?\s*[\w.]*(KEY|PASSWORD|SECRET|[aA]dminKey|apiKey|presented|bearer)\b/.test(line)) {
          if (!/\btokens?\.(length|includes)|idempotency|STOP_WORDS/.test(line)) problems.push(`${rel}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });
});
