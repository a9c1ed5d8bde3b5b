import { InkopAdapter } from '../../src/bot/teams';
import { startTestApp, TestApp } from '../helpers/app';
import { TENANT_ID, messageActivity } from '../helpers/teams';
import { APP_ID, OpenIdServer, botToken, dbFingerprint, expectCleanProblem, newSigningKey, secretValue, startOpenIdServer } from './fixtures';

/**
 * /api/messages with an app id: only requests with a Bot Framework token signed by a published key get a
 * turn. The keys come from a metadata server on loopback (BotOpenIdMetadata), so nothing here needs the
 * network; one case uses the real public endpoint and must come out the same with or without a network.
 */
const trusted = newSigningKey('trusted-1');
const stranger = newSigningKey('stranger-1');
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let openid: OpenIdServer;
let app: TestApp;

const botEnv = (metadataUrl?: string) => ({
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: secretValue('app-password'),
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT_ID,
  ...(metadataUrl ? { BotOpenIdMetadata: metadataUrl } : {}),
});

beforeAll(async () => {
  openid = await startOpenIdServer([trusted]);
  app = await startTestApp({ env: botEnv(openid.metadataUrl) });
});
afterAll(async () => {
  await app?.close();
  await openid?.close();
});

async function post(baseUrl: string, activity: object, authorization?: string) {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', wwwAuth: res.headers.get('www-authenticate'), text: await res.text() };
}

const hello = () => messageActivity('hjälp', { serviceUrl: SERVICE_URL });

describe('a request that is not from the Bot Framework gets 401 and no turn', () => {
  const refusals: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a Basic header', () => 'Basic dXNlcjpwYXNz'],
    ['a token that is not a JWT', () => 'Bearer not-a-jwt'],
    ['a token signed by an unknown key with an unknown kid', () => `Bearer ${botToken(stranger, { serviceUrl: SERVICE_URL })}`],
    ['a token signed by an unknown key naming the trusted kid', () => `Bearer ${botToken({ kid: trusted.kid, privateKey: stranger.privateKey }, { serviceUrl: SERVICE_URL })}`],
    ['a trusted token for another app id', () => `Bearer ${botToken(trusted, { aud: '99999999-9999-4999-8999-999999999999', serviceUrl: SERVICE_URL })}`],
    ['a trusted token from another issuer', () => `Bearer ${botToken(trusted, { iss: 'https://evil.example.org', serviceUrl: SERVICE_URL })}`],
    ['a trusted token for another service URL', () => `Bearer ${botToken(trusted, { serviceUrl: 'https://evil.example.org/' })}`],
    ['an expired trusted token', () => `Bearer ${botToken(trusted, { serviceUrl: SERVICE_URL, exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })}`],
    ['an unsigned token (alg none)', () => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: trusted.kid })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceUrl: SERVICE_URL, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    }],
  ];

  for (const [name, header] of refusals) {
    it(name, async () => {
      const before = await dbFingerprint(app.db);
      const res = await post(app.baseUrl, hello(), header());
      expect(res.status).toBe(401);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.wwwAuth).toBe('Bearer');
      const body = expectCleanProblem(res.text);
      expect(body.title).toBe('Förfrågan saknar en giltig token från Bot Framework.');
      expect(body).not.toHaveProperty('activities');
      expect(await dbFingerprint(app.db)).toEqual(before);
    });
  }

  it('answers in English when asked to', async () => {
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en-GB,en;q=0.9' },
      body: JSON.stringify(hello()),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { title: string }).title).toBe('The request does not carry a valid Bot Framework token.');
  });

  it('logs why, without the token', async () => {
    const token = botToken(stranger, { serviceUrl: SERVICE_URL });
    await post(app.baseUrl, hello(), `Bearer ${token}`);
    const lines = app.logs.filter((l) => l.includes('not authenticated'));
    expect(lines.length).toBeGreaterThan(0);
    expect(app.logs.join('\n')).not.toContain(token.split('.')[2]);
  });
});

describe('a request signed with a published key gets its turn', () => {
  it('answers, which shows the refusals above are the token check and not a broken setup', async () => {
    const res = await post(app.baseUrl, hello(), `Bearer ${botToken(trusted, { serviceUrl: SERVICE_URL })}`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { activities: { type: string }[] };
    expect(body.activities.some((a) => a.type === 'message')).toBe(true);
    expect(openid.hits).toContain('/v1/keys');
  });
});

describe('when the signing keys cannot be had', () => {
  it('refuses with 401 when the metadata endpoint does not answer at all (connection refused)', async () => {
    const gone = await startOpenIdServer([trusted]);
    const url = gone.metadataUrl;
    await gone.close();
    const other = await startTestApp({ seed: false, env: botEnv(url) });
    try {
      const before = await dbFingerprint(other.db);
      const res = await post(other.baseUrl, hello(), `Bearer ${botToken(trusted, { serviceUrl: SERVICE_URL })}`);
      expect(res.status).toBe(401);
      expectCleanProblem(res.text);
      expect(await dbFingerprint(other.db)).toEqual(before);
      // An operator should hear of it: logged as an error, with the reason.
      expect(other.logs.some((l) => /"level":50/.test(l) && l.includes('not authenticated'))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('gives up on a metadata endpoint that hangs, instead of hanging the request', async () => {
    const hanging = await startOpenIdServer([trusted], { hang: true });
    try {
      const adapter = new InkopAdapter({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'x',
        MicrosoftAppTenantId: TENANT_ID,
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
        ToBotFromChannelOpenIdMetadataUrl: hanging.metadataUrl,
      });
      const started = Date.now();
      await expect(adapter.authenticate(hello() as never, `Bearer ${botToken(trusted, { serviceUrl: SERVICE_URL })}`, 300)).rejects.toMatchObject({
        name: 'BotAuthError',
        keysUnavailable: true,
      });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(hanging.hits).toContain('/v1/.well-known/openidconfiguration');
    } finally {
      await hanging.close();
    }
  });

  it('refuses with 401 with the real public endpoint, reachable or not (no network needed)', async () => {
    const pub = await startTestApp({ seed: false, env: botEnv() });
    try {
      const res = await post(pub.baseUrl, hello(), `Bearer ${botToken(stranger, { serviceUrl: SERVICE_URL })}`);
      expect(res.status).toBe(401);
      expectCleanProblem(res.text);
    } finally {
      await pub.close();
    }
  });
});

describe('ALLOWED_TENANT_IDS with real tokens', () => {
  it('drops an authenticated activity from another tenant with 403 and no turn', async () => {
    const other = await startTestApp({ seed: false, env: { ...botEnv(openid.metadataUrl), ALLOWED_TENANT_IDS: TENANT_ID } });
    try {
      const foreign = { ...hello(), channelData: { tenant: { id: '3c3c3c3c-0000-4000-8000-000000000003' } }, conversation: { id: 'a:x', conversationType: 'personal', tenantId: '3c3c3c3c-0000-4000-8000-000000000003' } };
      const before = await dbFingerprint(other.db);
      const res = await post(other.baseUrl, foreign, `Bearer ${botToken(trusted, { serviceUrl: SERVICE_URL })}`);
      expect(res.status).toBe(403);
      expectCleanProblem(res.text);
      expect(await dbFingerprint(other.db)).toEqual(before);
      const ok = await post(other.baseUrl, hello(), `Bearer ${botToken(trusted, { serviceUrl: SERVICE_URL })}`);
      expect(ok.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
