import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { createApiAccess } from '../../src/http/copilot-access';
import { contractResponseSchema, searchResponseSchema } from '../../src/contracts/operations';
import { policyAnswerResponseSchema } from '../../src/policy/answer';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../helpers/app';
import { expectCleanProblem } from '../security/fixtures';
import { API_APP_ID, ENTRA_TENANT, EntraIssuer, OTHER_TENANT, startEntraIssuer } from './entra-issuer';

/**
 * The three operations of the API plugin, called as Microsoft 365 Copilot calls them: GET with the query
 * of the OpenAPI file, Accept-Language, and the signed-in person's Entra ID access token (here from a
 * loopback issuer with a key pair made in the test) — and without one.
 */
let entra: EntraIssuer;
let app: TestApp;

const entraEnv = (metadataUrl: string) => ({
  COPILOT_AUTH: 'entra',
  ALLOWED_TENANT_IDS: ENTRA_TENANT,
  COPILOT_API_AUDIENCE: API_APP_ID,
  COPILOT_OPENID_METADATA: metadataUrl,
});

beforeAll(async () => {
  entra = await startEntraIssuer();
  app = await startTestApp({ env: entraEnv(entra.metadataUrl) });
});
afterAll(async () => {
  await app?.close();
  await entra?.close();
});

const OPERATIONS = [
  { id: 'searchContracts', path: '/api/contracts?q=infusionspump&limit=3', schema: searchResponseSchema },
  { id: 'getContract', path: '/api/contracts/RS-2025-0101', schema: contractResponseSchema },
  { id: 'answerPolicyQuestion', path: `/api/policy/answer?q=${encodeURIComponent('Får jag direktupphandla städtjänster för 900 000 kr?')}&lang=sv`, schema: policyAnswerResponseSchema },
];

async function call(path: string, token?: string, lang = 'sv-SE', base = app.baseUrl) {
  const res = await fetch(`${base}${path}`, { headers: { 'Accept-Language': lang, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', wwwAuth: res.headers.get('www-authenticate'), text: await res.text() };
}

describe('with COPILOT_AUTH=entra', () => {
  it('fetches no OpenID metadata at start, only when the first token comes', async () => {
    expect(entra.hits).toEqual([]);
    expect((await call(OPERATIONS[0].path)).status).toBe(401);
    expect(entra.hits).toEqual([]);
    expect((await call(OPERATIONS[0].path, await entra.token())).status).toBe(200);
    expect(entra.hits).toEqual([`/${ENTRA_TENANT}/v2.0/.well-known/openid-configuration`, '/discovery/v2.0/keys']);
  });

  it.each(OPERATIONS)('$id answers a valid token with JSON its zod schema accepts', async ({ path, schema }) => {
    const r = await call(path, await entra.token());
    expect([r.status, r.type]).toEqual([200, expect.stringMatching(/application\/json/)]);
    const body = JSON.parse(r.text) as unknown;
    expect(schema.safeParse(body).error?.issues ?? []).toEqual([]);
    // The response holds exactly what the schema describes (strict: nothing undocumented).
    expect(schema.strict().safeParse(body).success).toBe(true);
  });

  it('gives what the agent must cite: the contract id, how to order, the link; the policy figures with sources and the hint', async () => {
    const search = searchResponseSchema.parse(JSON.parse((await call(OPERATIONS[0].path, await entra.token())).text));
    expect(search.items[0]).toMatchObject({ contractId: 'RS-2025-0101', howToOrder: expect.stringMatching(/avrop/i), url: expect.stringMatching(/^https:/) });
    expect(search.items[0].card.facts.map((f) => f.title)).toContain('Så beställer du');
    const en = searchResponseSchema.parse(JSON.parse((await call(OPERATIONS[0].path, await entra.token(), 'en-US')).text));
    expect(en.items[0].card.facts.map((f) => f.title)).toContain('How to order');
    const answer = policyAnswerResponseSchema.parse(JSON.parse((await call(OPERATIONS[2].path, await entra.token())).text));
    expect(answer.kind).toBe('calculation');
    expect(answer.calculation).toMatchObject({ amount: 900_000, purchaseKind: 'supplies-services', directProcurementAllowed: false, route: 'advertised-below', directLimit: { sek: 700_000 } });
    expect(answer.calculation?.directLimit.source).toMatch(/LOU/);
    expect(answer.askOfficer).toMatch(/Fråga en inköpare/);
    const quote = policyAnswerResponseSchema.parse(JSON.parse((await call(`/api/policy/answer?q=${encodeURIComponent('Vem ansvarar för avtalstroheten?')}`, await entra.token())).text));
    expect(quote.kind).toBe('quote');
    expect(quote.passages[0]).toMatchObject({ quote: expect.stringMatching(/verksamhet/), source: expect.stringMatching(/Inköpspolicy/) });
  });

  const refusals: [string, () => Promise<string | undefined>, RegExp][] = [
    ['no token', async () => undefined, /Logga in/],
    ['not a JWT', async () => 'not-a-jwt', /Logga in/],
    ['another audience', () => entra.token({ aud: '99999999-9999-4999-8999-999999999999' }), /Logga in/],
    ['another tenant', () => entra.token({ tid: OTHER_TENANT }), /organisation/],
    ['the right tenant id but another issuer', () => entra.token({ iss: 'https://login.example.org/evil/v2.0' }), /Logga in/],
    ['expired', () => entra.token({ exp: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 7200, iat: Math.floor(Date.now() / 1000) - 7200 }), /Logga in/],
    ['without the scope', () => entra.token({ scp: 'User.Read' }), /åtkomst/],
    ['an app-only token (roles, no scp)', () => entra.token({ scp: undefined, roles: ['access_as_user'] }), /åtkomst/],
    ['signed by a key the tenant never published', () => entra.token({}, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }), /Logga in/],
  ];

  it.each(refusals)('%s → 401 problem+json on every operation, nothing of the inside', async (_name, token, detail) => {
    const t = await token();
    for (const op of OPERATIONS) {
      const r = await call(op.path, t);
      expect([op.id, r.status, r.type]).toEqual([op.id, 401, expect.stringMatching(/application\/problem\+json/)]);
      expect(r.wwwAuth).toMatch(/^Bearer/);
      expect(expectCleanProblem(r.text).detail).toMatch(detail);
    }
  });

  it('checks the token before the input: bad input with a token gets 400 in the caller\'s language, without one 401', async () => {
    const token = await entra.token();
    for (const path of ['/api/policy/answer', '/api/policy/answer?q=', `/api/policy/answer?q=${'a'.repeat(501)}`, '/api/policy/answer?q=x&lang=de', '/api/policy/answer?q=x&model=gpt']) {
      expect([path, (await call(path)).status]).toEqual([path, 401]);
      const r = await call(path, token, 'en');
      expect([path, r.status]).toEqual([path, 400]);
      expect(expectCleanProblem(r.text).title).toBe('Bad request');
    }
    expect((await call('/api/contracts?q=x&foo=1', token)).status).toBe(400);
  });

  it('accepts the operator\'s admin key too', async () => {
    expect((await call(OPERATIONS[0].path, TEST_ADMIN_KEY)).status).toBe(200);
  });

  it('leaves the other REST routes as they were', async () => {
    expect((await call('/api/categories')).status).toBe(200);
    expect((await call('/api/openapi.json')).status).toBe(200);
  });
});

describe('other settings', () => {
  it('answers 503 "not configured" without a tenant or an audience, and starts all the same', async () => {
    const bare = await startTestApp({ seed: false, env: { COPILOT_AUTH: 'entra' } });
    try {
      for (const op of OPERATIONS) {
        const r = await call(op.path, await entra.token(), 'en', bare.baseUrl);
        expect([op.id, r.status]).toEqual([op.id, 503]);
        expect(expectCleanProblem(r.text).title).toBe('Not configured');
      }
      expect(bare.logs.join('')).toMatch(/Copilot operations answer 503/);
    } finally {
      await bare.close();
    }
  });

  it('with COPILOT_AUTH=none the operations are open and the start says so loudly', async () => {
    const open = await startTestApp({ env: { COPILOT_AUTH: 'none', MicrosoftAppId: API_APP_ID, MicrosoftAppPassword: 'x'.repeat(20), MicrosoftAppTenantId: ENTRA_TENANT } });
    try {
      for (const op of OPERATIONS) expect([op.id, (await call(op.path, undefined, 'sv', open.baseUrl)).status]).toEqual([op.id, 200]);
      const warning = open.logs.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => /COPILOT_AUTH=none/.test(l.msg));
      expect(warning?.level).toBe(40);
    } finally {
      await open.close();
    }
  });

  it('defaults to entra when an app id is set, and to open in local mode', () => {
    expect(createApiAccess(loadConfig({})).mode).toBe('none');
    const prod = createApiAccess(loadConfig({ MicrosoftAppId: API_APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: ENTRA_TENANT, SEARCH_LOG_SECRET: 's'.repeat(32) }));
    expect([prod.mode, prod.configured]).toEqual(['entra', true]);
  });
});
