import { coordinatedContracts } from '../../src/contracts/api';
import { Contract } from '../../src/contracts/model';
import { createContractRepository } from '../../src/contracts/repository';
import { insertCategories } from '../../src/core/category-repository';
import { createOfficerDirectory } from '../../src/core/officer-repository';
import { REGIONS } from '../../src/core/vocabulary';
import { apiDocument as openApiDocument } from '../../src/app';
import { reportQuery } from '../../src/http/report-access';
import { createIntakeService } from '../../src/intake/service';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../helpers/app';
import { cardText, messageActivity, send, TeamsUser } from '../helpers/teams';
import { FORM, SUBMITTER } from '../intake/fixtures';

const REPORTS_KEY = 'reports-key-0123456789abcdef';
const OFFICER: TeamsUser = { id: '29:officer-control', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000c0a01', name: 'Olle Officer' };
const CLINICIAN: TeamsUser = { id: '29:clinician-control', aadObjectId: '11111111-0000-0000-0000-0000000c0a02', name: 'Karin' };
const officer = { aadId: OFFICER.aadObjectId, name: OFFICER.name };

const both = ['Sörmland', 'Västmanland'] as Contract['regions'];
const contract = (contractId: string, validFrom: string, regions: Contract['regions'], title = `Avtal ${contractId}`): Contract => ({
  contractId,
  title,
  description: '',
  category: 'tjanster',
  suppliers: [{ name: 'Leverantören AB' }],
  keywords: [],
  cpvCodes: [],
  validFrom,
  validTo: '2029-12-31',
  maxExtensionTo: null,
  regions,
  orderingMethod: 'avrop',
  contactName: null,
  contactEmail: null,
  url: null,
  contractType: 'ramavtal',
});

/** A hand-made catalogue: both regions in and outside 2026, single-region ones in 2026, one removed, one hostile title. */
const CATALOGUE: Contract[] = [
  contract('RS-2026-0001', '2026-01-01', both),
  contract('RS-2026-0002', '2026-06-15', ['Västmanland', 'Sörmland']),
  contract('RS-2026-0003', '2026-08-01', both, 'Borttaget avtal'),
  contract('RS-2026-0004', '2026-12-31', both, '<script>alert(1)</script> Handskar & "co"'),
  contract('RS-2026-0005', '2026-03-01', ['Sörmland']),
  contract('RV-2026-0006', '2026-04-01', ['Västmanland']),
  contract('RS-2025-0007', '2025-12-31', both),
  contract('RS-2025-0008', '2025-02-01', both),
  contract('RS-2027-0009', '2027-01-01', both),
];
/** The hand count: 2026 starts covering both regions (the removed one included). */
const HAND_COUNT_2026 = CATALOGUE.filter((c) => REGIONS.every((r) => c.regions.includes(r)) && c.validFrom.startsWith('2026-')).length;

let app: TestApp;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.baseUrl}${path}`, { headers });
const auth = (key = REPORTS_KEY) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  app = await startTestApp({ seed: false, env: { REPORTS_KEY, PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  await app.db.transaction(async (tx) => {
    await insertCategories(tx, [{ slug: 'farlig', name: '<img src=x onerror=alert(1)>' }], null);
    await createContractRepository(app.db).upsertMany(tx, CATALOGUE);
  });
  await app.db.query(`UPDATE contracts SET removed_at = '2026-09-01T08:00:00Z' WHERE id_key = 'rs-2026-0003'`);
  // One case walked to "avtal tecknat" with its actual start, one in a category whose name is markup.
  const intake = createIntakeService({ db: app.db, officers: createOfficerDirectory(app.db, [officer.aadId]) });
  const submit = (key: string, form: Partial<typeof FORM>, submittedOn: string) =>
    intake.submit({ form: { ...FORM, ...form }, idempotencyKey: key, submitter: SUBMITTER, contractCheck: { matches: [], choice: 'none' }, submittedOn });
  const { case: c } = await submit('control-1', { desiredStart: '2026-09-01', category: 'tjanster' }, '2026-02-01');
  for (const to of ['under-bedomning', 'planerad', 'upphandling-pagar'] as const) await intake.transition(c.caseNumber, to, officer, null);
  await intake.recordOutcome(c.caseNumber, officer, { outcome: 'upphandlad', contractId: 'RS-2026-0002', actualStart: '2026-09-15' }, '2026-11-21');
  const { case: d } = await submit('control-2', { desiredStart: '2026-12-01', category: 'farlig' }, '2026-03-01');
  for (const to of ['under-bedomning', 'planerad', 'upphandling-pagar'] as const) await intake.transition(d.caseNumber, to, officer, null);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('coordinated procurements', () => {
  it('counts exactly the hand count of the catalogue, removed contracts included', async () => {
    expect(HAND_COUNT_2026).toBe(4);
    const rows = await coordinatedContracts(app.db, 2026, 2026);
    expect(rows.map((r) => r.contractId)).toEqual(['RS-2026-0001', 'RS-2026-0002', 'RS-2026-0003', 'RS-2026-0004']);
    expect(rows.find((r) => r.contractId === 'RS-2026-0003')?.removedAt).toBe('2026-09-01T08:00:00.000Z');
    expect((await coordinatedContracts(app.db, 2025, 2025)).map((r) => r.contractId)).toEqual(['RS-2025-0008', 'RS-2025-0007']);
    const csv = await (await get('/api/reports/internal-control.csv?year=2026', auth())).text();
    expect(csv).toMatch(new RegExp(`\\r\\nSamordnade upphandlingar;Samordnade upphandlingar;${HAND_COUNT_2026};30;2;`));
  });
});

describe('GET /api/reports/internal-control.csv', () => {
  it('refuses without a valid key (401) and accepts the reports key and the admin key', async () => {
    const none = await get('/api/reports/internal-control.csv?year=2026');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await get('/api/reports/internal-control.csv', auth('wrong-key-0123456789'))).status).toBe(401);
    expect((await get('/api/reports/internal-control.csv', auth(TEST_ADMIN_KEY))).status).toBe(200);
  });

  it('answers 400 for a year that is not one, or an unknown parameter', async () => {
    for (const q of ['year=abc', 'year=1999', 'year=20266', 'year=2026&x=1']) expect([q, (await get(`/api/reports/internal-control.csv?${q}`, auth())).status]).toEqual([q, 400]);
  });

  it('gives one row per figure with both halves of resource planning for a walked case', async () => {
    const res = await get('/api/reports/internal-control.csv?year=2026', auth());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="internkontroll-2026.csv"');
    const body = Buffer.from(await res.arrayBuffer()).toString('utf8'); // fetch's text() drops the BOM
    expect(body.startsWith('\ufeffcontrol;figure;value;target;previous_year;definition\r\n')).toBe(true);
    expect(body).toContain('\r\nResursplanering;Behov som gick till upphandling;2;;0;');
    expect(body).toContain('\r\nResursplanering;Upphandlingar med verklig avtalsstart under året;1;;0;');
    expect(body).toContain('\r\nResursplanering;Median dagar verklig mot önskad avtalsstart;14;;;');
    expect(body).toContain('\r\nNöjd kund-index (NKI);NKI-svar;0;;0;');
    const en = await (await get('/api/reports/internal-control.csv?year=2026', { ...auth(), 'Accept-Language': 'en-GB' })).text();
    expect(en).toContain('\r\nResource planning;Procurements with actual contract start in the year;1;;0;');
  });
});

describe('GET /api/reports/internal-control (printable page)', () => {
  it('refuses without a key (401) and a bad year (400)', async () => {
    expect((await get('/api/reports/internal-control?year=2026')).status).toBe(401);
    expect((await get('/api/reports/internal-control?year=twenty', auth())).status).toBe(400);
  });

  it('is a self-contained HTML page whose policy allows only its own style sheet', async () => {
    const res = await get('/api/reports/internal-control?year=2026', auth());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain('@page { size: A4;');
    expect((html.match(/<svg /g) ?? []).length).toBe(5); // resource planning (2), coordinated, appeals, contract compliance
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<script|<img|<link/i);
    // The API's other answers keep the strict policy.
    expect((await get('/api/reports/internal-control.csv', auth())).headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });

  it('escapes every text from data: a contract title with a script, a category name with markup', async () => {
    const html = await (await get('/api/reports/internal-control?year=2026', auth())).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Handskar &amp; &quot;co&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('RS-2026-0003');
    expect(html).toMatch(/Borttaget avtal <span class="removed">\(borttaget ur katalogen 1 sep\. 2026\)<\/span>/);
  });

  it('is in the API description with the report keys and the year parameter', () => {
    type Op = { security: unknown; parameters: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, unknown> }> };
    const paths = (openApiDocument() as unknown as { paths: Record<string, { get: Op }> }).paths;
    for (const [path, type] of [['/api/reports/internal-control.csv', 'text/csv'], ['/api/reports/internal-control', 'text/html']]) {
      const op = paths[path].get;
      expect(op.security).toEqual([{ reportsKey: [] }, { adminKey: [] }]);
      expect(op.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(Object.keys(reportQuery.shape).map((k) => `query:${k}`));
      expect(Object.keys(op.responses['200'].content ?? {})).toEqual([type]);
      expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '429', '500']);
    }
  });

  it('speaks English after Accept-Language', async () => {
    const html = await (await get('/api/reports/internal-control?year=2026', { ...auth(), 'Accept-Language': 'en' })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Internal control 2026</h1>');
  });
});

describe('"rapport internkontroll" in chat', () => {
  const personal = (u: TeamsUser, locale = 'sv-SE') => ({ user: u, locale, conversationId: `a:1on1-${u.aadObjectId}` });

  it('gives an officer the card with the figures and the year before', async () => {
    const [reply] = await send(app.baseUrl, messageActivity('rapport internkontroll 2026', personal(OFFICER)));
    const text = cardText(reply.attachments?.[0]?.content);
    expect(text).toContain('Internkontroll 2026');
    expect(text).toContain(`${HAND_COUNT_2026} (2025: 2; mål 30)`);
    expect(text).toContain('RS-2026-0003 Borttaget avtal (från 1 aug. 2026, borttaget ur katalogen)');
    const [en] = await send(app.baseUrl, messageActivity('internal control report 2026', personal(OFFICER, 'en-GB')));
    expect(cardText(en.attachments?.[0]?.content)).toContain('Internal control 2026');
  });

  it('takes this year when none is given, and refuses a year out of range', async () => {
    const [reply] = await send(app.baseUrl, messageActivity('rapport internkontroll', personal(OFFICER)));
    expect(cardText(reply.attachments?.[0]?.content)).toContain('Internkontroll 2026');
    const [bad] = await send(app.baseUrl, messageActivity('rapport internkontroll 1999', personal(OFFICER)));
    expect(bad.text).toMatch(/Ange året med fyra siffror, från 2000 till/);
  });

  it('refuses anyone who is not an officer', async () => {
    const [reply] = await send(app.baseUrl, messageActivity('rapport internkontroll 2026', personal(CLINICIAN)));
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toBe('Det här får bara inköpare göra.');
  });
});
