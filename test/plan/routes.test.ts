import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { contractsInHorizon } from './fixtures';
import { publishItem } from '../../src/plan/public-repository';

/** GET /api/reports/plan.csv: the reports keys, the columns, and the plan's rows over the sample catalogue. */
const REPORTS_KEY = 'reports-key-0123456789abcdef';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { REPORTS_KEY } });
});
afterAll(async () => {
  await app?.close();
});

const get = (query = '', key?: string) => fetch(`${app.baseUrl}/api/reports/plan.csv${query}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });

/** The CSV as objects by column name. */
async function rows(res: Response): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
  const [head, ...lines] = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  const header = head.split(';');
  return { header, rows: lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [header[i], v]))) };
}

it('answers 401 without a key or with a wrong one, and says how to authenticate', async () => {
  const none = await get();
  expect(none.status).toBe(401);
  expect(none.headers.get('www-authenticate')).toBe('Bearer');
  expect(none.headers.get('content-type')).toMatch(/problem\+json/);
  expect((await get('', 'not-the-key-0123456789')).status).toBe(401);
  expect((await get('?colour=red', REPORTS_KEY)).status).toBe(400);
});

it('gives the plan with the reports key or the admin key: the columns asked for first, one row per contract ending within the horizon', async () => {
  for (const key of [REPORTS_KEY, TEST_ADMIN_KEY]) {
    const res = await get('', key);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="upphandlingsplan.csv"');
    const csv = await rows(res);
    expect(csv.header.slice(0, 7)).toEqual(['contract_id', 'title', 'category', 'final_end', 'extension_decision_by', 'latest_start', 'case_number']);
    expect(csv.header).toEqual(expect.arrayContaining(['route', 'lead_time_min_days', 'lead_time_max_days', 'status', 'overdue', 'problem']));
    const expected = await contractsInHorizon(app.db);
    expect(csv.rows.map((r) => r.contract_id).sort()).toEqual(expected.map((c) => c.contract_id).sort());
    for (const r of csv.rows) {
      expect([r.contract_id, r.kind, r.latest_start < r.final_end, r.problem]).toEqual([r.contract_id, 'contract', true, '']);
      const c = expected.find((e) => e.contract_id === r.contract_id);
      expect(r.final_end).toBe(c?.max_extension_to ?? c?.valid_to);
      // An extension option: its decision date is before the current end; none: no date.
      expect(r.extension_decision_by === '' ? r.extension_remaining === 'no' : r.extension_decision_by < r.current_end).toBe(true);
      expect(r.status === 'overdue').toBe(r.overdue.includes('start'));
    }
    const starts = csv.rows.map((r) => r.latest_start);
    expect(starts).toEqual([...starts].sort());
    expect(new Set(csv.rows.map((r) => r.route))).toEqual(new Set(['call-off', 'open-above', 'advertised-below', 'complex']));
  }
});

it('gives one year\'s items with ?year', async () => {
  const res = await get('?year=2027', REPORTS_KEY);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="upphandlingsplan-2027.csv"');
  const csv = await rows(res);
  expect(csv.rows.length).toBeGreaterThan(0);
  expect(csv.rows.every((r) => r.needed_by.startsWith('2027-'))).toBe(true);
});

it('is in the API description with the other reports', async () => {
  const doc = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, { get?: { security?: unknown[] } }> };
  expect(doc.paths['/api/reports/plan.csv']?.get?.security).toEqual([{ reportsKey: [] }, { adminKey: [] }]);
});

it('lists a damaged case row as a data problem instead of failing', async () => {
  await app.db.query(
    `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year,
       desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id, submitter_name)
     VALUES ('INK-2026-0999', 'damaged-1', 'planerad', 'Gammalt ärende', 'tjanster', 'varor', 0, 0, '2027-06-01', '2026-01-10',
       'fax', 'i-tid', 0, '{}'::jsonb, '{}'::jsonb, 'x', 'X')`,
  );
  const csv = await rows(await get('', REPORTS_KEY));
  expect(csv.rows.find((r) => r.case_number === 'INK-2026-0999')).toMatchObject({ kind: 'case', status: 'unknown', problem: 'no-route', latest_start: '' });
  // Problems sort last.
  expect(csv.rows[csv.rows.length - 1].case_number).toBe('INK-2026-0999');
});

describe('the plan outside: GET /plan and /api/public/plan.json (issue 24)', () => {
  it('needs no key and lists a published item, never an unpublished one, with no values or staff names', async () => {
    const [published, unpublished] = await contractsInHorizon(app.db);
    await publishItem(app.db, { itemKey: `contract:${published.contract_id.toLowerCase()}`, publicTitle: 'Nya infusionspumpar', expectedQuarter: '2027-Q2' });
    const json = await fetch(`${app.baseUrl}/api/public/plan.json?lang=sv`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { items: Record<string, unknown>[] };
    expect(body.items).toHaveLength(1);
    expect(Object.keys(body.items[0]).sort()).toEqual(['category', 'contact', 'expectedQuarter', 'procedure', 'regions', 'title']);
    expect(body.items[0]).toMatchObject({ title: 'Nya infusionspumpar', expectedQuarter: '2027-Q2', contact: 'Inköp, Region Sörmland och Region Västmanland' });
    const [{ title: unpublishedTitle }] = await app.db.query<{ title: string }>('SELECT title FROM contracts WHERE contract_id = $1', [unpublished.contract_id]);
    for (const lang of ['sv', 'en']) {
      const page = await fetch(`${app.baseUrl}/plan?lang=${lang}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain('<th scope="row">Nya infusionspumpar</th>');
      expect(html).toContain('2027-Q2');
      expect(html).not.toContain(unpublished.contract_id);
      expect(html).not.toContain(unpublishedTitle);
      expect(html).not.toMatch(/\d{3} \d{3} kr|SEK \d/);
    }
    expect((await fetch(`${app.baseUrl}/plan?lang=fi`)).status).toBe(400);
  });
});
