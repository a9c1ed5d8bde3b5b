import { startTestApp, TestApp } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { cardActionInvoke, cardText, invoke, messageActivity, send, TeamsUser } from '../helpers/teams';
import { outboxIdle } from '../helpers/wait';
import { FORM_INPUT } from '../intake/fixtures';
import { findCase } from '../../src/intake/repository';

/**
 * 1 000 survey invitations through the outbox with injected 429s and 502s: each delivered exactly
 * once, within Teams' per-conversation limit and the configured per-tenant rate.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const SUBMITTER: TeamsUser = { id: '29:s', aadObjectId: '5a000000-0000-0000-0000-00000000005a', name: 'Sara Submitter' };
const N = 1000;
const TENANT_RPS = 250;

let app: TestApp;
let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, TEAMS_TENANT_RPS: String(TENANT_RPS) } });
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

const aad = (i: number) => `f0000000-0000-0000-0000-${String(i).padStart(12, '0')}`;

it(`delivers ${N} invitations exactly once despite 429s and 502s, within the rate limits`, async () => {
  const personal = { user: SUBMITTER, serviceUrl: connector.url, conversationId: 'a:1on1-submitter' };
  const form = await send(app.baseUrl, messageActivity('anmäl behov', personal));
  const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form[0].attachments?.[0].content))?.[1];
  const res = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...FORM_INPUT, title: 'Akvarieskötsel i väntrum', category: 'tjanster', specialRequirements: '', referenceGroup: '' }, personal));
  const caseNumber = /INK-\d{4}-\d{4}/.exec(cardText(res.value))?.[0] ?? '';
  await app.db.exec(`DELETE FROM outbox`); // the worker has not started: only the invitations below will go out

  // Everyone has a 1:1 conversation with the bot through the fake connector.
  await app.db.transaction(async (tx) => {
    for (let i = 0; i < N; i++) {
      await tx.query('INSERT INTO conversation_refs (key, reference) VALUES ($1, $2::jsonb)', [
        `user:${aad(i)}`,
        JSON.stringify({ channelId: 'msteams', serviceUrl: connector.url, conversation: { id: `a:inv-${i}`, conversationType: 'personal' }, bot: { id: '28:bot' } }),
      ]);
    }
  });
  const c = await findCase(app.db, { caseNumber });
  const extra = Array.from({ length: N - 1 }, (_, i) => ({ aadId: aad(i), name: `Respondent ${i}` }));
  const { surveyId } = await app.built.surveys.startForCase(c!, { aadId: OFFICER.aadObjectId, name: OFFICER.name }, extra);
  expect(surveyId).not.toBeNull();

  connector.failNext(30, 502);
  connector.failRate(0.05, 429, 0);
  app.built.worker.start();
  await outboxIdle(app.db, 240_000);
  connector.failRate(0, 429);

  const invites = connector.delivered().filter((call) => call.method === 'POST' && /"verb":"survey\.submit"/.test(JSON.stringify(call.body)));
  const perConversation = new Map<string, number>();
  for (const call of invites) perConversation.set(call.conversationId, (perConversation.get(call.conversationId) ?? 0) + 1);
  expect(perConversation.size).toBe(N); // 999 added respondents + the submitter
  expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
  const injected = connector.calls.filter((call) => '__failedWith' in call.body);
  expect(injected.filter((call) => call.body.__failedWith === 502).length).toBe(30);
  expect(injected.filter((call) => call.body.__failedWith === 429).length).toBeGreaterThan(10);

  // Never more than 7 requests to one conversation in a second, and deliveries within the tenant rate.
  const attempts = new Map<string, number[]>();
  for (const call of connector.calls) attempts.set(call.conversationId, [...(attempts.get(call.conversationId) ?? []), call.at]);
  for (const times of attempts.values()) for (const t of times) expect(times.filter((x) => x > t - 1000 && x <= t).length).toBeLessThanOrEqual(7);
  const times = invites.map((call) => call.at).sort((a, b) => a - b);
  let maxPerSecond = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    maxPerSecond = Math.max(maxPerSecond, i - j + 1);
  }
  // The limiter spaces the starts of sends; arrival times jitter and the Bot Framework client retries a
  // 429 itself, so allow 10 % over the configured rate when measured at the connector.
  expect(maxPerSecond).toBeLessThanOrEqual(TENANT_RPS * 1.1);
  const [{ delivered }] = await app.db.query<{ delivered: number }>(`SELECT count(*)::int AS delivered FROM outbox WHERE kind = 'survey.survey-invite' AND status = 'delivered'`);
  expect(delivered).toBe(N);
}, 300_000);
