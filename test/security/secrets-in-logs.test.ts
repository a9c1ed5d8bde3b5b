import { startTestApp, TestApp } from '../helpers/app';
import { FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai';
import { TENANT_ID, TeamsUser, cardActionInvoke, messageActivity, Options } from '../helpers/teams';
import { FORM_INPUT } from '../intake/fixtures';
import { APP_ID, OpenIdServer, botToken, newSigningKey, secretValue, startOpenIdServer } from './fixtures';

/**
 * No secret and no token in the logs: the whole app at debug level with recognisable random secrets, a
 * flow through the REST API (right and wrong keys), authenticated and refused bot turns, an import and a
 * policy question answered by the (fake) language model. Everything written to our log, to the console
 * and to stdout/stderr while it runs is searched for the secrets.
 */
const signing = newSigningKey('log-test-1');
const SECRETS = {
  MicrosoftAppPassword: secretValue('app-password'),
  CONTRACTS_ADMIN_KEY: secretValue('admin-key'),
  REPORTS_KEY: secretValue('reports-key'),
  METRICS_KEY: secretValue('metrics-key'),
  OPENAI_API_KEY: secretValue('sk-openai'),
};
const WRONG_KEY = secretValue('wrong-key');
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let openid: OpenIdServer;
let openai: FakeOpenAI;
let app: TestApp;
const tokens: string[] = [];
const captured: string[] = [];
const restore: (() => void)[] = [];

function capture() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void captured.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
    restore.push(() => spy.mockRestore());
  }
}

beforeAll(async () => {
  capture();
  openid = await startOpenIdServer([signing]);
  openai = await startFakeOpenAI();
  openai.respond = () => ({ content: 'Avtalstroheten följs upp av Inköp tillsammans med verksamheten [1]. Inköp gör den slutliga bedömningen.' });
  app = await startTestApp({
    env: {
      ...SECRETS,
      LOG_LEVEL: 'debug',
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
      BotOpenIdMetadata: openid.metadataUrl,
      OPENAI_ENDPOINT: openai.url,
      MODEL_TIMEOUT_MS: '5000',
      PROCUREMENT_OFFICERS: OFFICER.aadObjectId,
    },
  });
});
afterAll(async () => {
  await app?.close();
  await openai?.close();
  await openid?.close();
  restore.forEach((r) => r());
});

async function turn(activity: object, token = botToken(signing, { serviceUrl: SERVICE_URL })) {
  tokens.push(token);
  const res = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as { activities?: { text?: string }[]; value?: unknown } | null };
}

const api = (path: string, key?: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(key ? { Authorization: `Bearer ${key}` } : {}) } });

it('runs the flow', async () => {
  // REST with the right and the wrong keys.
  expect((await api('/api/contracts?q=handskar', SECRETS.CONTRACTS_ADMIN_KEY)).status).toBe(200);
  expect((await api('/api/reports/intake.csv', SECRETS.REPORTS_KEY)).status).toBe(200);
  expect((await api('/api/reports/nki.csv', WRONG_KEY)).status).toBe(401);
  expect((await api('/metrics', SECRETS.METRICS_KEY)).status).toBe(200);
  expect((await api('/metrics', WRONG_KEY)).status).toBe(401);
  const csv = [
    'contract_id;title;category;suppliers;valid_from;valid_to;regions;ordering_method;contract_type',
    'LOG-2026-0001;Loggtestavtal för penslar;kontor-allmant;Penselbolaget AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal',
    'LOG-2026-0002;Trasig rad;okänd-kategori;;2026-01-01;2025-12-31;Mars;brevduva;avtal',
  ].join('\n');
  const imported = await api('/api/contracts/import', SECRETS.CONTRACTS_ADMIN_KEY, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
  expect(imported.status).toBe(200);
  expect((await api('/api/contracts/import', WRONG_KEY, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status).toBe(401);

  // Bot turns with a token, a refused one, a card submit and a policy question through the model.
  const personal: Options = { user: OFFICER, serviceUrl: SERVICE_URL, conversationId: `a:1on1-${OFFICER.aadObjectId}` };
  expect((await turn(messageActivity('hjälp', personal))).status).toBe(200);
  expect((await turn(messageActivity('sök avtal handskar', personal))).status).toBe(200);
  expect((await turn(messageActivity('hjälp', personal), botToken(newSigningKey('unknown'), { serviceUrl: SERVICE_URL }))).status).toBe(401);
  const form = await turn(messageActivity('anmäl behov', personal));
  const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form.body))?.[1] as string;
  const submitted = await turn(cardActionInvoke('intake.submit', { formId, ...FORM_INPUT, title: 'Penslar till ateljén', category: 'kontor-allmant', specialRequirements: '' }, personal));
  expect(submitted.status).toBe(200);
  const policy = await turn(messageActivity('Vem ansvarar för avtalstroheten?', { ...personal, conversationType: 'groupChat', conversationId: '19:group@thread.v2' }));
  expect(policy.status).toBe(200);
  expect(JSON.stringify(policy.body)).toMatch(/Avtalstroheten följs upp/);
  expect(openai.requests.length).toBeGreaterThan(0);
  // Give the after-response log lines (restify's "after" hook) a moment.
  await new Promise((r) => setTimeout(r, 200));
});

it('logged at debug level, so there was something to leak', () => {
  const all = app.logs.join('');
  expect(all).toMatch(/"level":20/);
  expect(all).toContain('contract import');
  expect(all).toContain('not authenticated');
  expect(app.logs.length).toBeGreaterThan(20);
});

it('wrote no secret, no presented key and no token anywhere', () => {
  const everything = [...app.logs, ...captured].join('\n');
  for (const [name, value] of Object.entries({ ...SECRETS, WRONG_KEY })) {
    expect({ name, found: everything.includes(value) }).toEqual({ name, found: false });
  }
  expect(tokens.length).toBeGreaterThan(5);
  for (const token of tokens) {
    // The signature alone identifies a token; the header and body are public anyway.
    expect(everything.includes(token.split('.')[2])).toBe(false);
  }
  expect(everything).not.toMatch(/Bearer\s+(?!<)[A-Za-z0-9._~+/=-]{8,}/);
});
