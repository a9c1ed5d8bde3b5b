import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/ops/metrics';
import { createOutboxRepository, enqueue } from '../../src/outbox/repository';
import { createOutboxWorker } from '../../src/outbox/worker';
import { startTestApp, TestApp } from '../helpers/app';
import { messageActivity, send } from '../helpers/teams';

/** GET /metrics: Prometheus text with the app's own counters, histograms and database gauges. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a sample line: ${l}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
      return { name: m[1], labels, value: m[3] === 'Nan' || m[3] === 'NaN' ? Number.NaN : Number(m[3]) };
    });
}

/** The one sample with this name whose labels include these. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples for ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(app: TestApp, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${app.baseUrl}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await res.text());
}

let app: TestApp;
let other: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
  other = await startTestApp({ seed: false, env: { METRICS_KEY: 'metrics-key-0123456789' } });
});
afterAll(async () => {
  await app?.close();
  await other?.close();
});

describe('GET /metrics', () => {
  it('counts HTTP requests by route pattern and status class, and bot turns by type and outcome', async () => {
    const before = await scrape(app);
    const turnsBefore = value(before, 'inkop_bot_turns_total', { activity_type: 'message', outcome: 'handled' }) ?? 0;
    expect((await fetch(`${app.baseUrl}/api/contracts?q=handskar`)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/contracts/INGET-SADANT-AVTAL`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/contracts/ANNAT-SAKNAT`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/finns/inte`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/contracts?bogus=1`)).status).toBe(400);
    expect((await send(app.baseUrl, messageActivity('hjälp'))).length).toBeGreaterThan(0);
    expect((await send(app.baseUrl, messageActivity('hej'))).length).toBeGreaterThan(0);

    const s = await scrape(app);
    expect(value(s, 'inkop_http_requests_total', { method: 'GET', route: '/api/contracts', status_class: '2xx' })).toBe(1);
    expect(value(s, 'inkop_http_requests_total', { method: 'GET', route: '/api/contracts', status_class: '4xx' })).toBe(1);
    // Two different ids, one label: the route pattern, not the path.
    expect(value(s, 'inkop_http_requests_total', { method: 'GET', route: '/api/contracts/:id', status_class: '4xx' })).toBe(2);
    expect(value(s, 'inkop_http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(s.some((x) => x.labels.route?.includes('INGET'))).toBe(false);
    expect(value(s, 'inkop_http_requests_total', { method: 'POST', route: '/api/messages', status_class: '2xx' })).toBe(2);
    expect(value(s, 'inkop_http_request_duration_seconds_count', { method: 'GET', route: '/api/contracts/:id' })).toBe(2);

    expect(value(s, 'inkop_bot_turns_total', { activity_type: 'message', outcome: 'handled' })).toBe(turnsBefore + 2);
    expect(value(s, 'inkop_bot_turn_duration_seconds_count', { activity_type: 'message' })).toBe(turnsBefore + 2);
    expect(value(s, 'inkop_bot_turn_duration_seconds_bucket', { activity_type: 'message', le: '+Inf' })).toBe(turnsBefore + 2);
    expect(value(s, 'inkop_bot_turn_errors_total', { activity_type: 'message' })).toBeUndefined();
  });

  it('includes the default process metrics', async () => {
    const s = await scrape(app);
    expect(value(s, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('reads outbox depth and the age of the oldest pending notice from the database', async () => {
    const empty = await scrape(app);
    expect(value(empty, 'inkop_outbox_pending_notices')).toBe(0);
    expect(value(empty, 'inkop_outbox_oldest_pending_age_seconds')).toBe(0);

    await app.db.transaction((tx) =>
      enqueue(tx, [
        { kind: 'case-card', target: 'channel:officers', payload: {} },
        { kind: 'case-card', target: 'channel:officers', payload: {} },
        { kind: 'policy.ticket-card', target: 'channel:officers', payload: {} },
      ]),
    );
    await app.db.exec(`UPDATE outbox SET created_at = now() - interval '600 seconds' WHERE id = (SELECT min(id) FROM outbox)`);
    await app.db.exec(`INSERT INTO outbox (kind, target, payload, status, delivered_at) VALUES ('case-card', '{"key":"x"}', '{}', 'delivered', now())`);
    await new Promise((r) => setTimeout(r, 1100)); // past the per-scrape cache
    const s = await scrape(app);
    expect(value(s, 'inkop_outbox_pending_notices')).toBe(3);
    const age = value(s, 'inkop_outbox_oldest_pending_age_seconds') ?? 0;
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(700);
    await app.db.exec('DELETE FROM outbox');
  });

  it('counts NKI responses only from released quarters, so the gauges never move when someone answers', async () => {
    const survey = async (status: string, reachable: number, responses: number) => {
      const [{ id }] = await app.db.query<{ id: string }>(
        `INSERT INTO surveys (procurement_title, category, status, remind_at, close_at) VALUES ('Test', 'tjanster', $1, now(), now()) RETURNING id`,
        [status],
      );
      for (let i = 0; i < reachable; i++) {
        const [r] = await app.db.query<{ id: string }>(`INSERT INTO survey_respondents (survey_id, aad_object_id, name, role) VALUES ($1, $2, 'X', 'officer-added') RETURNING id`, [id, `aad-${id}-${i}`]);
        if (i < responses) await app.db.query(`INSERT INTO survey_responses (survey_id, respondent_id, answers) VALUES ($1, $2, '{}'::jsonb)`, [id, r.id]);
      }
    };
    await survey('open', 4, 1); // open: never counted
    await survey('closed', 4, 3); // closed, its quarter still running: not released, not counted
    const release = async (quarter: string, daysAgo: number, total: object) =>
      app.db.query(`INSERT INTO nki_releases (quarter, released_at, figures) VALUES ($1, now() - ($2::int * interval '1 day'), $3::jsonb)`, [quarter, daysAgo, JSON.stringify({ cells: { total } })]);
    await release('2026-K3', 30, { shown: true, people: 6, invited: 8 }); // released a month ago: counts
    await release('2026-K2', 40, { shown: false, people: null, invited: null }); // too few people: nothing to count
    await release('2025-K4', 200, { shown: true, people: 10, invited: 10 }); // released long ago: does not
    await new Promise((r) => setTimeout(r, 1100));
    const s = await scrape(app);
    expect(value(s, 'inkop_survey_invited')).toBe(8);
    expect(value(s, 'inkop_survey_responses')).toBe(6);
    expect(value(s, 'inkop_survey_response_rate')).toBeCloseTo(0.75, 10);
    await app.db.exec('DELETE FROM nki_releases');
  });

  it('counts failed deliveries by notice kind in the app, from the outbox worker', async () => {
    // A notice of a kind nobody delivers fails at once, without any network.
    await app.db.transaction((tx) => enqueue(tx, [{ kind: 'no-such-kind', target: 'user:nobody', payload: {} }]));
    await app.built.worker.runOnce();
    const s = await scrape(app);
    expect(value(s, 'inkop_outbox_delivery_failures_total', { kind: 'no-such-kind', status_class: 'none' })).toBe(1);
    await app.db.exec('DELETE FROM outbox');
  });

  it('keeps each app in its own registry', async () => {
    const s = await scrape(other, { Authorization: 'Bearer metrics-key-0123456789' });
    expect(value(s, 'inkop_http_requests_total', { route: '/api/contracts/:id' })).toBeUndefined();
    expect(value(s, 'inkop_outbox_delivery_failures_total', { kind: 'no-such-kind' })).toBeUndefined();
  });

  it('asks for the key when METRICS_KEY is set, and refuses a wrong one', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong-key-0123456789' }, { Authorization: 'metrics-key-0123456789' }] as Record<string, string>[]) {
      const res = await fetch(`${other.baseUrl}/metrics`, { headers: { ...headers, 'Accept-Language': 'sv' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await res.json()) as { title: string };
      expect(body.title).toMatch(/nyckel/i);
      expect(JSON.stringify(body)).not.toMatch(/inkop_/);
    }
  });

  it('answers unknown query parameters with 400', async () => {
    const res = await fetch(`${app.baseUrl}/metrics?format=json`, { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/format/);
  });
});

describe('metrics without the app', () => {
  it('counts worker failures with the status class the connector answered', async () => {
    const metrics = createMetrics({ db: app.db, logger: createLogger('silent') });
    await app.db.transaction((tx) => enqueue(tx, [{ kind: 'note', target: 'a', payload: {} }]));
    const err = Object.assign(new Error('bad gateway'), { statusCode: 502 });
    const worker = createOutboxWorker(createOutboxRepository(app.db), { note: () => Promise.reject(err) }, createLogger('silent'), {
      onDeliveryFailure: (kind, status) => metrics.deliveryFailed(kind, status),
    });
    await worker.runOnce();
    const s = parse(await metrics.registry.metrics());
    expect(value(s, 'inkop_outbox_delivery_failures_total', { kind: 'note', status_class: '5xx' })).toBe(1);
    await app.db.exec('DELETE FROM outbox');
  });

  it('reports NaN and a warning when the database does not answer, instead of failing the scrape', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }));
    const metrics = createMetrics({ db: { query: () => Promise.reject(new Error('connection refused')) }, logger });
    const s = parse(await metrics.registry.metrics());
    expect(value(s, 'inkop_outbox_pending_notices')).toBeNaN();
    expect(value(s, 'inkop_survey_response_rate')).toBeNaN();
    expect(lines.join('')).toMatch(/metric could not be read from the database/);
  });
});
