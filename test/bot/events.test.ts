import { startTestApp, TestApp } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { BOT_ID, TeamsUser, cardText, membersAddedActivity, messageActivity, send } from '../helpers/teams';

/**
 * Conversation events reach every module's listener (issue: a colleague added to the officers' team
 * stayed "not an officer" because the welcome's membersAdded route shadowed intake's). Through
 * /api/messages, as Teams sends them.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const COLLEAGUE: TeamsUser = { id: '29:colleague', aadObjectId: 'cccccccc-0000-4000-8000-0000000000c1', name: 'Ny Kollega' };
const TEAM = { teamId: '19:team-inkop@thread.tacv2', channelId: '19:behov@thread.tacv2' };

let app: TestApp;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.push({ id: OFFICER.id, aadObjectId: OFFICER.aadObjectId, name: OFFICER.name });
  app = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  const channel = { user: OFFICER, serviceUrl: connector.url, conversationType: 'channel' as const, conversationId: `${TEAM.channelId};messageid=1`, team: TEAM };
  const registered = await send(app.baseUrl, messageActivity('<at>Inköpsassistenten</at> ta emot behov här', channel));
  expect(registered[0].text).toMatch(/Nya inköpsbehov skickas hit/);
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

/** What Teams sends when people join or leave a team. */
function membershipActivity(kind: 'membersAdded' | 'membersRemoved', members: TeamsUser[], withBot = false) {
  const base = membersAddedActivity({ serviceUrl: connector.url, conversationType: 'channel', conversationId: TEAM.channelId, team: TEAM });
  const list = [...members.map((m) => ({ id: m.id, aadObjectId: m.aadObjectId, name: m.name })), ...(withBot ? [{ id: BOT_ID }] : [])];
  const { membersAdded: _unused, ...rest } = base;
  return { ...rest, [kind]: list, channelData: { ...base.channelData, eventType: kind } };
}

const report = (u: TeamsUser) => send(app.baseUrl, messageActivity('rapport behov 2026', { user: u, serviceUrl: connector.url, conversationId: `a:1on1-${u.aadObjectId}` }));

it('a colleague added to the officers\' team becomes an officer', async () => {
  expect((await report(COLLEAGUE))[0].text).toMatch(/Det här får bara inköpare göra/);
  await send(app.baseUrl, membershipActivity('membersAdded', [COLLEAGUE]));
  const answer = await report(COLLEAGUE);
  expect(cardText(answer[0].attachments?.[0].content)).toMatch(/Internkontroll/);
});

it('the bot added to a team still posts the team welcome, and the same event reaches intake', async () => {
  const late: TeamsUser = { id: '29:late', aadObjectId: 'cccccccc-0000-4000-8000-0000000000c2', name: 'Sen Kollega' };
  const replies = await send(app.baseUrl, membershipActivity('membersAdded', [late], true));
  expect(cardText(replies[0].attachments?.[0].content)).toMatch(/Inköpsassistenten finns nu i teamet/);
  expect(cardText((await report(late))[0].attachments?.[0].content)).toMatch(/Internkontroll/);
});

it('leaving the officers\' team ends being an officer', async () => {
  await send(app.baseUrl, membershipActivity('membersRemoved', [COLLEAGUE]));
  expect((await report(COLLEAGUE))[0].text).toMatch(/Det här får bara inköpare göra/);
});
