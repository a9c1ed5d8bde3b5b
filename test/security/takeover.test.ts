import { resolveTarget } from '../../src/outbox/targets';
import { saveConversationRef } from '../../src/outbox/repository';
import { startTestApp, TestApp } from '../helpers/app';
import { TENANT_ID, TeamsUser, messageActivity } from '../helpers/teams';
import { APP_ID, OpenIdServer, botToken, newSigningKey, secretValue, startOpenIdServer } from './fixtures';
import { OFFICERS_CHANNEL } from '../../src/core/targets';

/**
 * Finding 1 of the adversarial review, in production mode (an app id, Bot Framework tokens checked
 * against a loopback OpenID endpoint, ALLOWED_TENANT_IDS): an ordinary user who owns a team writes
 * "ta emot behov här" in its channel. Before the fix he became an officer and his channel took the
 * officers' notices; now he is refused, stays a clinician, and notices go to INTAKE_CHANNEL_ID.
 */
const key = newSigningKey('takeover-1');
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const INTAKE_CHANNEL = '19:inkopsbehov@thread.tacv2';
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const ATTACKER: TeamsUser = { id: '29:mallory', aadObjectId: 'dddddddd-0000-4000-8000-00000000d001', name: 'Mallory Teamägare' };
const OWN_TEAM = { teamId: '19:mallorys-team@thread.tacv2', channelId: '19:mallorys-general@thread.tacv2' };

let openid: OpenIdServer;
const apps: TestApp[] = [];

const production = (extra: Record<string, string>) => ({
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: secretValue('app-password'),
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT_ID,
  ALLOWED_TENANT_IDS: TENANT_ID,
  ...extra,
});

async function start(extra: Record<string, string>): Promise<TestApp> {
  const app = await startTestApp({ seed: false, env: { ...production(extra), BotOpenIdMetadata: openid.metadataUrl } });
  apps.push(app);
  return app;
}

/** Posts with a valid Bot Framework token and returns the text of the bot's replies. */
async function say(app: TestApp, user: TeamsUser, text: string, team = OWN_TEAM): Promise<string> {
  const activity = messageActivity(`<at>Inköpsassistenten</at> ${text}`, {
    user,
    serviceUrl: SERVICE_URL,
    conversationType: 'channel',
    conversationId: `${team.channelId};messageid=1`,
    team,
  });
  const res = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${botToken(key, { serviceUrl: SERVICE_URL })}` },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities?: { type: string; text?: string }[] };
  return (body.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text ?? '').join('\n');
}

const officerRows = async (app: TestApp) => (await app.db.query<{ aad_object_id: string }>('SELECT aad_object_id FROM officer_team_members')).map((r) => r.aad_object_id);
const storedChannel = async (app: TestApp) => (await app.db.query('SELECT 1 FROM conversation_refs WHERE key = $1', [OFFICERS_CHANNEL])).length;

beforeAll(async () => {
  openid = await startOpenIdServer([key]);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await openid?.close();
});

describe('with INTAKE_CHANNEL_ID set and PROCUREMENT_OFFICERS empty', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await start({ INTAKE_CHANNEL_ID: INTAKE_CHANNEL });
  });

  it('a team owner cannot register his own channel and does not become an officer', async () => {
    const reply = await say(app, ATTACKER, 'ta emot behov här');
    expect(reply).toMatch(/Inga inköpare är inställda ännu/);
    expect(reply).not.toMatch(/Nya inköpsbehov skickas hit/);
    expect(await officerRows(app)).toEqual([]);
    expect(await storedChannel(app)).toBe(0);
    // The refusal is logged with who tried.
    expect(app.logs.join('')).toMatch(new RegExp(`officers channel registration refused.*|${ATTACKER.aadObjectId}`));
  });

  it('he still cannot read the officers\' report afterwards', async () => {
    expect(await say(app, ATTACKER, 'rapport behov 2026')).toMatch(/Det här får bara inköpare göra/);
  });

  it('notices for the officers go to INTAKE_CHANNEL_ID, even when another channel was stored earlier', async () => {
    await saveConversationRef(app.db, OFFICERS_CHANNEL, { serviceUrl: 'https://evil.example.org/', conversation: { id: OWN_TEAM.channelId } });
    const target = await resolveTarget(app.db, OFFICERS_CHANNEL, app.config);
    expect(target.conversation?.id).toBe(INTAKE_CHANNEL);
    expect(target.serviceUrl).toBe(app.config.INTAKE_SERVICE_URL);
  });
});

describe('with officers configured and INTAKE_CHANNEL_ID set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await start({ INTAKE_CHANNEL_ID: INTAKE_CHANNEL, PROCUREMENT_OFFICERS: OFFICER.aadObjectId });
  });

  it('even an officer cannot move the channel from chat', async () => {
    expect(await say(app, OFFICER, 'ta emot behov här')).toMatch(/fast inställd av driften/);
    expect(await storedChannel(app)).toBe(0);
  });

  it('an ordinary user is refused as not an officer', async () => {
    expect(await say(app, ATTACKER, 'ta emot behov här')).toMatch(/Bara inköpare kan välja kanal/);
    expect(await officerRows(app)).toEqual([]);
  });
});

describe('without INTAKE_CHANNEL_ID and without officers (right after deployment)', () => {
  it('whoever writes first does not win', async () => {
    const app = await start({});
    expect(await say(app, ATTACKER, 'ta emot behov här')).toMatch(/Inga inköpare är inställda ännu/);
    expect(await officerRows(app)).toEqual([]);
    expect(await storedChannel(app)).toBe(0);
    await expect(resolveTarget(app.db, OFFICERS_CHANNEL, app.config)).rejects.toMatchObject({ statusCode: 404 });
  });
});
