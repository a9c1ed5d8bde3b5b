import { startTestApp, TestApp } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { cardActionInvoke, cardSubmitActivity, cardText, invoke, messageActivity, Options, postActivity, send, TeamsUser } from '../helpers/teams';
import { FORM_INPUT } from '../intake/fixtures';
import { dbFingerprint } from './fixtures';

/**
 * Findings 4 to 6 of the adversarial review, through /api/messages as Teams sends them: a shared form
 * or ask button gives each person their own case or question; per-person limits; the past-date rule on
 * every path; Teams only, identity from the Entra object id only; personal and officer views asked for
 * in a group chat go to the person's 1:1 chat.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const ANNA: TeamsUser = { id: '29:anna', aadObjectId: 'a1a1a1a1-0000-4000-8000-0000000000a1', name: 'Anna Undersköterska' };
const BO: TeamsUser = { id: '29:bo', aadObjectId: 'b2b2b2b2-0000-4000-8000-0000000000b2', name: 'Bo Barnmorska' };
const CECILIA: TeamsUser = { id: '29:cecilia', aadObjectId: 'c3c3c3c3-0000-4000-8000-0000000000c3', name: 'Cecilia Chef' };
const GROUP_CHAT = '19:vardavdelning-12@thread.v2';

let app: TestApp;
let connector: FakeConnector;
const group = (user: TeamsUser): Options => ({ user, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: GROUP_CHAT });
const personal = (user: TeamsUser): Options => ({ user, serviceUrl: connector.url, conversationId: `a:1on1-${user.aadObjectId}` });

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, LIMIT_CASES_PER_HOUR: '3', LIMIT_QUESTIONS_PER_HOUR: '3' } });
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

const formIdOf = (content: unknown) => /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(content))?.[1] as string;
const caseNumberOf = (value: unknown) => /INK-\d{4}-\d{4}/.exec(cardText(value))?.[0];
const fields = (title: string) => ({ ...FORM_INPUT, title, need: `${title}, beskrivet.`, category: 'tjanster', specialRequirements: '' });

describe('a form shared in a group chat (finding 4)', () => {
  it('gives each person who sends it their own case', async () => {
    const form = await send(app.baseUrl, messageActivity('anmäl behov', group(ANNA)));
    const formId = formIdOf(form[0].attachments?.[0].content);
    const a = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...fields('Akvarieskötsel i väntrum') }, group(ANNA)));
    const b = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...fields('Xylofonstämning i musikterapin') }, group(BO)));
    const again = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...fields('Akvarieskötsel i väntrum') }, group(ANNA)));
    expect(caseNumberOf(a.value)).toBeDefined();
    expect(caseNumberOf(b.value)).toBeDefined();
    expect(caseNumberOf(b.value)).not.toBe(caseNumberOf(a.value));
    // A double click by the same person is still one case.
    expect(caseNumberOf(again.value)).toBe(caseNumberOf(a.value));
    const rows = await app.db.query<{ case_number: string; title: string; submitter_aad_id: string }>(
      'SELECT case_number, title, submitter_aad_id FROM cases WHERE case_number = ANY($1::text[]) ORDER BY case_number',
      [[caseNumberOf(a.value), caseNumberOf(b.value)]],
    );
    expect(rows.map((r) => [r.title, r.submitter_aad_id])).toEqual([
      ['Akvarieskötsel i väntrum', ANNA.aadObjectId],
      ['Xylofonstämning i musikterapin', BO.aadObjectId],
    ]);
  });

  it('gives each person who presses a shared "ask an officer" button their own question', async () => {
    const askId = '5f0e8d3c-1b2a-4c5d-9e8f-7a6b5c4d3e2f';
    const a = await send(app.baseUrl, cardSubmitActivity({ verb: 'policy.ask', question: 'Hur beställer jag tolk?', askId }, group(ANNA)));
    const b = await send(app.baseUrl, cardSubmitActivity({ verb: 'policy.ask', question: 'Hur beställer jag tolk?', askId }, group(BO)));
    const ticketOf = (r: typeof a) => /FR-\d{4}-\d{4}/.exec(r[0]?.text ?? '')?.[0];
    expect(ticketOf(a)).toBeDefined();
    expect(ticketOf(b)).toBeDefined();
    expect(ticketOf(b)).not.toBe(ticketOf(a));
  });
});

describe('per-person limits (finding 5)', () => {
  it('stops a flood of needs from one person with a polite message, and not the next person', async () => {
    const before = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE submitter_aad_id = $1', [CECILIA.aadObjectId]))[0].n;
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const form = await send(app.baseUrl, messageActivity('anmäl behov', personal(CECILIA)));
      const res = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId: formIdOf(form[0].attachments?.[0].content), ...fields(`Kamelridning ${i}`) }, personal(CECILIA)));
      answers.push(typeof res.value === 'string' ? res.value : cardText(res.value));
    }
    const after = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE submitter_aad_id = $1', [CECILIA.aadObjectId]))[0].n;
    expect(after - before).toBe(3);
    expect(answers.slice(3).every((a) => /många gånger den senaste timmen/.test(a))).toBe(true);
    // In English too, and someone else is not affected.
    const form = await send(app.baseUrl, messageActivity('anmäl behov', { ...personal(CECILIA), locale: 'en-US' }));
    const en = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId: formIdOf(form[0].attachments?.[0].content), ...fields('Kamelridning 6') }, { ...personal(CECILIA), locale: 'en-US' }));
    expect(en.value).toMatch(/many times in the last hour/);
    const other = await send(app.baseUrl, messageActivity('anmäl behov', personal(OFFICER)));
    const ok = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId: formIdOf(other[0].attachments?.[0].content), ...fields('Kamelridning för Inköp') }, personal(OFFICER)));
    expect(caseNumberOf(ok.value)).toBeDefined();
  });

  it('stops a flood of questions to officers', async () => {
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push((await send(app.baseUrl, messageActivity(`fråga en inköpare: fråga nummer ${i}`, personal(CECILIA))))[0].text ?? '');
    expect(texts.filter((x) => /FR-\d{4}-\d{4}/.test(x))).toHaveLength(3);
    expect(texts.slice(3).every((x) => /många gånger den senaste timmen/.test(x))).toBe(true);
  });
});

describe('the past-date rule on every path (finding 6)', () => {
  it('"skicka ändå" with a desired start in the past gives the form back with the error, and no case', async () => {
    const before = await dbFingerprint(app.db, ['conversation_refs']);
    const draft = JSON.stringify({ formId: '0f0e0d0c-0b0a-4009-8807-060504030201', form: { ...fields('Blodtrycksmätare'), desiredStart: '2020-01-01' } });
    const res = await invoke(app.baseUrl, cardActionInvoke('intake.sendAnyway', { draft }, personal(ANNA)));
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.value)).toMatch(/Datumet har redan passerat/);
    // Everything typed is still on the card.
    expect(JSON.stringify(res.value)).toMatch(/"value":"Blodtrycksmätare"/);
    expect(await dbFingerprint(app.db, ['conversation_refs'])).toEqual(before);
  });
});

describe('Teams only, and identity from the Entra object id only (finding 6)', () => {
  it('refuses an activity from another channel than Teams', async () => {
    const res = await postActivity(app.baseUrl, { ...messageActivity('mina ärenden', personal(ANNA)), channelId: 'directline' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/channelId/);
  });

  it('without an Entra object id: search works, anything personal is refused politely, and from.id is never taken for an officer', async () => {
    const anonymous = (o: Options) => {
      const a = messageActivity('', o);
      return { ...a, from: { id: OFFICER.aadObjectId, name: 'Olle Officer' } };
    };
    const search = await send(app.baseUrl, { ...anonymous(personal(ANNA)), text: 'sök avtal handskar' });
    expect(cardText(search[0].attachments?.[0].content)).toMatch(/handskar/i);
    const before = await dbFingerprint(app.db, ['conversation_refs']);
    for (const text of ['mina ärenden', 'rapport behov 2026', 'fråga en inköpare: vem är jag?', 'nki']) {
      const r = await send(app.baseUrl, { ...anonymous(personal(ANNA)), text });
      expect([text, r[0]?.text]).toEqual([text, expect.stringMatching(/Jag kan inte se vem du är/)]);
    }
    const action = await invoke(app.baseUrl, { ...cardActionInvoke('case.setStatus', { caseNumber: 'INK-2026-0001', status: 'avbojd' }, personal(ANNA)), from: { id: OFFICER.aadObjectId, name: 'Olle' } });
    expect(action.value).toMatch(/Jag kan inte se vem du är/);
    expect(await dbFingerprint(app.db, ['conversation_refs'])).toEqual(before);
  });
});

describe('personal lists and officer views asked for in a group chat (finding 6)', () => {
  it('are sent to the person 1:1, with a short note in the chat', async () => {
    // Anna and the officer have written to the bot 1:1 before, so their chats are known; Bo has only
    // written in the group chat, so a 1:1 chat is opened for him.
    await send(app.baseUrl, messageActivity('hjälp', personal(ANNA)));
    const sentBefore = connector.delivered().length;
    const mine = await send(app.baseUrl, messageActivity('mina ärenden', group(ANNA)));
    expect(mine).toHaveLength(1);
    expect(mine[0].text).toMatch(/privat chatt/);
    expect(mine[0].attachments ?? []).toEqual([]);
    const bos = await send(app.baseUrl, messageActivity('my cases', { ...group(BO), locale: 'en-US' }));
    expect(bos[0].text).toMatch(/private chat/);
    const report = await send(app.baseUrl, messageActivity('rapport behov 2026', group(OFFICER)));
    expect(report[0].text).toMatch(/privat chatt/);
    const sent = connector.delivered().slice(sentBefore);
    const to = (conversationId: string) => sent.filter((c) => c.conversationId === conversationId).map((c) => cardText(c.body.attachments));
    expect(to(`a:1on1-${ANNA.aadObjectId}`)).toEqual([expect.stringMatching(/Akvarieskötsel i väntrum/)]);
    expect(to(`a:1on1-${OFFICER.aadObjectId}`)).toEqual([expect.stringMatching(/Internkontroll/)]);
    const opened = sent.filter((c) => c.conversationId.startsWith('a:created-'));
    expect(opened.map((c) => cardText(c.body.attachments))).toEqual([expect.stringMatching(/Xylofonstämning/)]);
    expect(sent.filter((c) => c.conversationId === GROUP_CHAT)).toEqual([]);
  });
});
