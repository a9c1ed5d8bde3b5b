import { startTestApp, TestApp } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { TENANT_ID, TeamsUser, cardActionInvoke, cardText, invoke, membersAddedActivity, messageActivity, Options, postActivity, send } from '../helpers/teams';
import { FORM_INPUT } from '../intake/fixtures';
import { dbFingerprint } from './fixtures';

/**
 * Who may do what, over the real /api/messages path: every officer action × every role. Whatever a card
 * offers, the server decides; a refusal is a polite message in the user's language and changes nothing
 * in the database. An officer from a tenant outside ALLOWED_TENANT_IDS never reaches a handler.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const SUBMITTER: TeamsUser = { id: '29:submitter', aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'Karin Sjuksköterska' };
const OTHER: TeamsUser = { id: '29:other', aadObjectId: '99999999-0000-4000-8000-000000000009', name: 'Nils Nyfiken' };
const FOREIGN_TENANT = '3c3c3c3c-0000-4000-8000-000000000003';
const TEAM = { teamId: '19:team-inkop@thread.tacv2', channelId: '19:behov@thread.tacv2' };
/** An officer only through membership of the officers' team (not in PROCUREMENT_OFFICERS). */
const COLLEAGUE: TeamsUser = { id: '29:colleague', aadObjectId: 'bbbbbbbb-0000-4000-8000-0000000000b2', name: 'Kollega på Inköp' };

type Role = 'submitter' | 'other clinician' | 'officer from another tenant' | 'officer';
const ROLES: Role[] = ['submitter', 'other clinician', 'officer from another tenant', 'officer'];
const userOf: Record<Role, TeamsUser> = { submitter: SUBMITTER, 'other clinician': OTHER, 'officer from another tenant': OFFICER, officer: OFFICER };

let app: TestApp;
let connector: FakeConnector;
let caseNumber = '';
let ticketNumber = '';

function where(role: Role, conv: 'personal' | 'channel'): Options {
  const u = userOf[role];
  const base: Options = conv === 'channel'
    ? { user: u, serviceUrl: connector.url, conversationType: 'channel', conversationId: `${TEAM.channelId};messageid=1`, team: TEAM }
    : { user: u, serviceUrl: connector.url, conversationId: `a:1on1-${u.aadObjectId}` };
  return base;
}

/** Moves an activity to the foreign tenant (what Teams would send for a user signed in there). */
function foreign<T extends { channelData: object; conversation: object }>(a: T): T {
  return { ...a, channelData: { ...a.channelData, tenant: { id: FOREIGN_TENANT } }, conversation: { ...a.conversation, tenantId: FOREIGN_TENANT } };
}

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.push({ id: OFFICER.id, aadObjectId: OFFICER.aadObjectId, name: OFFICER.name }, { ...COLLEAGUE });
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, ALLOWED_TENANT_IDS: TENANT_ID } });
  // Each user has written to the bot before (their 1:1 conversation is remembered once, on the first turn).
  for (const u of [OFFICER, SUBMITTER, OTHER]) await send(app.baseUrl, messageActivity('hjälp', { user: u, serviceUrl: connector.url, conversationId: `a:1on1-${u.aadObjectId}` }));

  const form = await send(app.baseUrl, messageActivity('anmäl behov', where('submitter', 'personal')));
  const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form[0].attachments?.[0].content))?.[1] as string;
  const fields = { ...FORM_INPUT, title: 'Akvarieskötsel i väntrum', need: 'Skötsel av akvarier i väntrummen.', category: 'tjanster', specialRequirements: '', valuePerYear: '50 000', valueTotal: '200 000' };
  const submitted = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...fields }, where('submitter', 'personal')));
  caseNumber = /INK-\d{4}-\d{4}/.exec(cardText(submitted.value))?.[0] ?? '';
  const asked = await send(app.baseUrl, messageActivity('fråga en inköpare: Hur beställer jag tolk till ett möte?', where('submitter', 'personal')));
  ticketNumber = /FR-\d{4}-\d{4}/.exec(asked[0].text ?? '')?.[0] ?? '';
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

it('has a case and a ticket to act on', () => {
  expect(caseNumber).toMatch(/^INK-2026-\d{4}$/);
  expect(ticketNumber).toMatch(/^FR-2026-\d{4}$/);
});

interface Action {
  name: string;
  conv: 'personal' | 'channel';
  activity: (o: Options) => object;
  /** What an officer gets (and what nobody else may get). */
  granted: RegExp;
  /** The refusal others get. */
  refused: RegExp;
}

const FORBIDDEN = /Det här får bara inköpare göra/;
const invokeOf = (verb: string, data: () => Record<string, unknown>) => (o: Options) => cardActionInvoke(verb, data(), o);
const msg = (text: () => string) => (o: Options) => messageActivity(text(), o);

/** In the order an officer would plausibly do them; each officer action must be allowed at that point. */
const ACTIONS: Action[] = [
  { name: 'case.refresh (the officers\' card)', conv: 'channel', activity: invokeOf('case.refresh', () => ({ caseNumber })), granted: /Ta ärendet|Ändra status/, refused: FORBIDDEN },
  { name: 'case.assign', conv: 'channel', activity: invokeOf('case.assign', () => ({ caseNumber })), granted: /Under bedömning/, refused: FORBIDDEN },
  { name: 'case.setStatus', conv: 'channel', activity: invokeOf('case.setStatus', () => ({ caseNumber, status: 'planerad', comment: 'Planeras till hösten' })), granted: /Planerad/, refused: FORBIDDEN },
  { name: 'case.ask', conv: 'channel', activity: invokeOf('case.ask', () => ({ caseNumber, question: 'Hur många akvarier?' })), granted: /Hur många akvarier/, refused: FORBIDDEN },
  { name: 'case.setStatus to Upphandling pågår', conv: 'channel', activity: invokeOf('case.setStatus', () => ({ caseNumber, status: 'upphandling-pagar' })), granted: /Upphandling pågår/, refused: FORBIDDEN },
  { name: 'case.appeal', conv: 'channel', activity: invokeOf('case.appeal', () => ({ caseNumber, appealed: 'true', appealOutcome: 'rattelse' })), granted: /Rättelse beslutades/, refused: FORBIDDEN },
  {
    name: 'case.outcome',
    conv: 'channel',
    activity: invokeOf('case.outcome', () => ({ caseNumber, outcome: 'upphandlad', contractTyped: 'RS-2025-0101' })),
    granted: /Upphandlat – avtal tecknat/,
    refused: FORBIDDEN,
  },
  { name: 'case.contract', conv: 'channel', activity: invokeOf('case.contract', () => ({ caseNumber, actualStart: '2027-09-01' })), granted: /1 sep\.? 2027/, refused: FORBIDDEN },
  { name: '"avtalsstart INK-…"', conv: 'personal', activity: msg(() => `avtalsstart ${caseNumber} 2027-09-15`), granted: /Sparat för INK/, refused: FORBIDDEN },
  { name: 'ticket.answer', conv: 'channel', activity: invokeOf('ticket.answer', () => ({ ticketNumber, answer: 'Beställ via tolkförmedlingen.', kb: 'true' })), granted: /Beställ via tolkförmedlingen/, refused: FORBIDDEN },
  { name: '"kunskapsbank förslag"', conv: 'personal', activity: msg(() => 'kunskapsbank förslag'), granted: /FR-2026-\d{4}/, refused: FORBIDDEN },
  {
    name: 'ticket.publish (to the knowledge base)',
    conv: 'channel',
    activity: invokeOf('ticket.publish', () => ({ ticketNumber, question: 'Hur beställer jag tolk till ett möte?', answer: 'Beställ via tolkförmedlingen.' })),
    granted: /Publicerad i kunskapsbanken som KB-1/,
    refused: FORBIDDEN,
  },
  { name: '"kunskapsbank publicerat"', conv: 'personal', activity: msg(() => 'kunskapsbank publicerat'), granted: /Dra tillbaka KB-1/, refused: FORBIDDEN },
  { name: 'kb.withdraw', conv: 'personal', activity: invokeOf('kb.withdraw', () => ({ entryNumber: 'KB-1' })), granted: /KB-1 är tillbakadragen/, refused: FORBIDDEN },
  { name: '"dra tillbaka KB-…"', conv: 'personal', activity: msg(() => 'dra tillbaka KB-1'), granted: /KB-1 är redan tillbakadragen/, refused: FORBIDDEN },
  {
    name: 'survey.start',
    conv: 'personal',
    activity: invokeOf('survey.start', () => ({ procurement: 'Tolktjänster 2026', category: 'tjanster', people: SUBMITTER.aadObjectId })),
    granted: /Tolktjänster 2026/,
    refused: FORBIDDEN,
  },
  { name: '"ny enkät"', conv: 'personal', activity: msg(() => 'ny enkät'), granted: /./, refused: FORBIDDEN },
  { name: '"skicka enkät INK-…"', conv: 'personal', activity: msg(() => `skicka enkät ${caseNumber}`), granted: new RegExp(caseNumber || 'INK'), refused: FORBIDDEN },
  { name: '"skicka enkät" for a case that does not exist', conv: 'personal', activity: msg(() => 'skicka enkät INK-2026-9999'), granted: /INK-2026-9999 finns inte/, refused: FORBIDDEN },
  { name: '"nki"', conv: 'personal', activity: msg(() => 'nki'), granted: /NKI/, refused: FORBIDDEN },
  { name: '"nki 2026"', conv: 'personal', activity: msg(() => 'nki 2026'), granted: /2026/, refused: FORBIDDEN },
  { name: '"rapport internkontroll 2026"', conv: 'personal', activity: msg(() => 'rapport internkontroll 2026'), granted: /Internkontroll 2026/, refused: FORBIDDEN },
  { name: '"rapport behov 2026"', conv: 'personal', activity: msg(() => 'rapport behov 2026'), granted: /Internkontroll/, refused: FORBIDDEN },
  { name: '"ta emot behov här"', conv: 'channel', activity: msg(() => '<at>Inköpsassistenten</at> ta emot behov här'), granted: /Nya inköpsbehov skickas hit/, refused: /Bara inköpare kan välja kanal/ },
  { name: 'case.setStatus to Avslutad', conv: 'personal', activity: invokeOf('case.setStatus', () => ({ caseNumber, status: 'avslutad' })), granted: /Avslutad/, refused: FORBIDDEN },
];

/** Sends the activity; returns the HTTP status and all text the bot answered with (message or card). */
async function act(activity: object): Promise<{ status: number; text: string }> {
  const { status, body } = await postActivity(app.baseUrl, activity);
  if (status !== 200) return { status, text: '' };
  const b = body as { activities?: { type: string; text?: string; attachments?: { content: unknown }[] }[]; value?: unknown };
  if (b.activities) return { status, text: b.activities.filter((a) => a.type === 'message').map((a) => `${a.text ?? ''}\n${cardText(a.attachments)}`).join('\n') };
  return { status, text: typeof b.value === 'string' ? b.value : cardText(b.value) };
}

for (const action of ACTIONS) {
  describe(action.name, () => {
    for (const role of ROLES) {
      const allowed = role === 'officer';
      it(`${role}: ${allowed ? 'allowed' : 'refused, nothing changes'}`, async () => {
        const before = await dbFingerprint(app.db);
        const activity = action.activity(where(role, action.conv)) as { channelData: object; conversation: object };
        const res = await act(role === 'officer from another tenant' ? foreign(activity) : activity);
        if (role === 'officer from another tenant') {
          expect(res.status).toBe(403);
        } else if (allowed) {
          expect(res.status).toBe(200);
          expect(res.text).not.toMatch(action.refused);
          expect(res.text).toMatch(action.granted);
          return;
        } else {
          expect(res.status).toBe(200);
          expect(res.text).toMatch(action.refused);
          if (action.granted.source !== '.') expect(res.text).not.toMatch(action.granted);
        }
        expect(await dbFingerprint(app.db)).toEqual(before);
      });
    }
  });
}

describe('refusals speak the user\'s language', () => {
  it('in English for an English client', async () => {
    const res = await act(cardActionInvoke('case.assign', { caseNumber }, { ...where('other clinician', 'channel'), locale: 'en-US' }));
    expect(res.text).toBe('Only procurement officers may do this.');
    const report = await act(messageActivity('rapport behov 2026', { ...where('submitter', 'personal'), locale: 'en-GB' }));
    expect(report.text).toMatch(/Only procurement officers may do this/);
  });
});

describe('"mina ärenden"', () => {
  it('shows a clinician only their own cases and an officer every open one', async () => {
    const mine = await act(messageActivity('mina ärenden', where('submitter', 'personal')));
    expect(mine.text).toContain(caseNumber);
    const other = await act(messageActivity('mina ärenden', where('other clinician', 'personal')));
    expect(other.text).not.toContain(caseNumber);
    expect(other.text).not.toMatch(/Öppna ärenden/);
    const officer = await act(messageActivity('mina ärenden', where('officer', 'personal')));
    expect(officer.text).toMatch(/Öppna ärenden/);
  });
});

describe('officers through the team', () => {
  const removed = (teamId: string, u: TeamsUser) => ({
    ...membersAddedActivity({ serviceUrl: connector.url, conversationType: 'channel', conversationId: `${teamId};x`, team: { teamId, channelId: teamId } }),
    membersAdded: undefined,
    membersRemoved: [{ id: u.id, aadObjectId: u.aadObjectId }],
  });
  const colleagueAsks = async () => (await act(messageActivity('rapport behov 2026', { user: COLLEAGUE, serviceUrl: connector.url, conversationId: `a:1on1-${COLLEAGUE.aadObjectId}` }))).text;

  it('stay officers when they leave some other team, and stop being officers when they leave the officers\' team', async () => {
    expect(await colleagueAsks()).toMatch(/Internkontroll/);
    expect((await postActivity(app.baseUrl, removed('19:some-other-team@thread.tacv2', COLLEAGUE))).status).toBe(200);
    expect(await colleagueAsks()).toMatch(/Internkontroll/);
    expect((await postActivity(app.baseUrl, removed(TEAM.teamId, COLLEAGUE))).status).toBe(200);
    expect(await colleagueAsks()).toMatch(FORBIDDEN);
  });
});

describe('the takeover found in review: a clinician registers the channel of a team he owns', () => {
  const OWN = { teamId: '19:nils-team@thread.tacv2', channelId: '19:nils-general@thread.tacv2' };

  it('is refused politely, changes nothing, and he stays a clinician', async () => {
    const before = await dbFingerprint(app.db);
    const res = await act(
      messageActivity('<at>Inköpsassistenten</at> ta emot behov här', {
        user: OTHER,
        serviceUrl: connector.url,
        conversationType: 'channel',
        conversationId: `${OWN.channelId};messageid=1`,
        team: OWN,
      }),
    );
    expect(res.text).toMatch(/Bara inköpare kan välja kanal/);
    expect(await dbFingerprint(app.db)).toEqual(before);
    expect((await act(messageActivity('rapport behov 2026', where('other clinician', 'personal')))).text).toMatch(FORBIDDEN);
  });
});
