import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { cardActionInvoke, cardText, invoke, messageActivity, Options, send, TeamsUser } from '../helpers/teams';
import { outboxIdle, until } from '../helpers/wait';
import { FORM_INPUT } from '../intake/fixtures';

/** The NKI survey through /api/messages, with invitations and reminders through a fake connector. */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const A: TeamsUser = { id: '29:a', aadObjectId: 'a0000000-0000-0000-0000-00000000000a', name: 'Anna Anmälare' };
const B: TeamsUser = { id: '29:b', aadObjectId: 'b0000000-0000-0000-0000-00000000000b', name: 'Bo Referens' };
const C: TeamsUser = { id: '29:c', aadObjectId: 'c0000000-0000-0000-0000-00000000000c', name: 'Cia Referens' };
// D never wrote to the bot: the survey opens a 1:1 chat with D's Entra id.
const D: TeamsUser = { id: '29:d', aadObjectId: 'd0000000-0000-0000-0000-00000000000d', name: 'Dan Ny' };
const OUTSIDER: TeamsUser = { id: '29:x', aadObjectId: 'dddddddd-0000-0000-0000-0000000000dd', name: 'Nils Nyfiken' };
const TEAM = { teamId: '19:team@thread.tacv2', channelId: '19:behov@thread.tacv2' };

let app: TestApp;
let connector: FakeConnector;
let caseNumber = '';
let surveyId = 0;
const personal = (u: TeamsUser): Options => ({ user: u, serviceUrl: connector.url, conversationId: `a:1on1-${u.aadObjectId}` });
const channel: () => Options = () => ({ user: OFFICER, serviceUrl: connector.url, conversationType: 'channel', conversationId: TEAM.channelId, team: TEAM });
const posts = (u: TeamsUser) => connector.delivered().filter((c) => c.conversationId === `a:1on1-${u.aadObjectId}`);
const surveyPosts = (u: TeamsUser) => posts(u).filter((c) => /"verb":"survey\.submit"/.test(JSON.stringify(c.body)));
const answer = (u: TeamsUser, v: Record<string, string>) => invoke(app.baseUrl, cardActionInvoke('survey.submit', { surveyId: String(surveyId), ...v }, personal(u)));
const all = (o: string, e: string, i: string) => ({ overall: o, expectations: e, ideal: i, needs: '8', timeline: '0', communication: '6', referenceGroup: '7', result: '8', treatment: '9' });

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ worker: true, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, NKI_MIN_RESPONSES: '3' } });
  await send(app.baseUrl, messageActivity('ta emot behov här', channel()));
  // B and C have talked to the bot, so they can be reached 1:1.
  for (const u of [B, C]) await send(app.baseUrl, messageActivity('hjälp', personal(u)));
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

describe('the NKI survey after a procurement', () => {
  it('goes to the submitter when an officer moves the case to "Avtal tecknat"', async () => {
    const form = await send(app.baseUrl, messageActivity('anmäl behov', personal(A)));
    const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form[0].attachments?.[0].content))?.[1];
    const res = await invoke(
      app.baseUrl,
      cardActionInvoke('intake.submit', { formId, ...FORM_INPUT, title: 'Akvarieskötsel i väntrum', category: 'tjanster', specialRequirements: '', referenceGroup: 'Rut Referens, undersköterska' }, personal(A)),
    );
    caseNumber = /INK-\d{4}-\d{4}/.exec(cardText(res.value))?.[0] ?? '';
    for (const status of ['under-bedomning', 'planerad', 'upphandling-pagar']) {
      await invoke(app.baseUrl, cardActionInvoke('case.setStatus', { caseNumber, status }, channel()));
    }
    expect(surveyPosts(A)).toHaveLength(0);
    await invoke(app.baseUrl, cardActionInvoke('case.setStatus', { caseNumber, status: 'avtal-tecknat' }, channel()));
    const invite = await until('the survey invitation', () => surveyPosts(A)[0]);
    expect(cardText(invite.body.attachments)).toMatch(/Hur nöjd är du sammantaget/);
    expect(cardText(invite.body.attachments)).toMatch(/Vet ej/);
    surveyId = Number(/"surveyId":"?(\d+)/.exec(JSON.stringify(invite.body))?.[1]);
    expect(surveyId).toBeGreaterThan(0);
  });

  it('refuses a second survey for the same case (three more respondents are added here for the next steps)', async () => {
    const again = await send(app.baseUrl, messageActivity(`skicka enkät ${caseNumber}`, personal(OFFICER)));
    expect(again[0].text).toMatch(/finns redan en enkät/);
    await app.db.query(
      `INSERT INTO survey_respondents (survey_id, aad_object_id, name, role) VALUES ($1, $2, 'Bo Referens', 'officer-added'), ($1, $3, 'Cia Referens', 'officer-added'), ($1, $4, 'Dan Ny', 'officer-added')`,
      [surveyId, B.aadObjectId, C.aadObjectId, D.aadObjectId],
    );
    const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_respondents WHERE survey_id = $1 AND reachable', [surveyId]);
    expect(n).toBe(4);
  });

  it('validates on the server, keeps what was chosen, and thanks with the person\'s own answers', async () => {
    const bad = await answer(A, { overall: '8', expectations: 'elva' });
    expect(cardText(bad.value)).toMatch(/Svara på de tre första frågorna/);
    expect(JSON.stringify(bad.value)).toMatch(/"id":"overall"[^}]*"value":"8"/);
    const ok = await answer(A, { ...all('8', '7', '6'), comment: 'Bra dialog.' });
    const text = cardText(ok.value);
    expect(text).toMatch(/Tack för dina svar/);
    expect(text).toMatch(/Bra dialog\./);
    expect(text).toMatch(/Vet ej/); // timeline answered "vet ej"
  });

  it('lets the respondent change their answers, and nobody else answer for them', async () => {
    const edit = await invoke(app.baseUrl, cardActionInvoke('survey.edit', { surveyId: String(surveyId) }, personal(A)));
    expect(JSON.stringify(edit.value)).toMatch(/"id":"ideal"[^}]*"value":"6"/);
    await answer(A, all('10', '9', '9'));
    const rows = await app.db.query<{ answers: { nki: { overall: number } } }>('SELECT answers FROM survey_responses WHERE survey_id = $1', [surveyId]);
    expect(rows.map((r) => r.answers.nki.overall)).toEqual([10]);
    const impostor = await answer(OUTSIDER, all('1', '1', '1'));
    expect(String(impostor.value)).toMatch(/skickad till någon annan/);
  });

  it('reminds only those who have not answered', async () => {
    await app.db.query(`UPDATE surveys SET remind_at = now() - interval '1 minute' WHERE id = $1`, [surveyId]);
    await outboxIdle(app.db);
    const before = { a: surveyPosts(A).length };
    expect(await app.built.surveys.tick()).toMatchObject({ reminded: 3 });
    await until('reminders to B and C', () => surveyPosts(B).length > 0 && surveyPosts(C).length > 0);
    const created = await until('a new 1:1 chat with D', () => connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations'));
    expect(JSON.stringify(created.body)).toContain(D.aadObjectId);
    await until('the reminder to D in it', () => connector.delivered().find((c) => c.conversationId.startsWith('a:created-') && /Påminnelse/.test(cardText(c.body.attachments))));
    expect(cardText(surveyPosts(B)[0].body.attachments)).toMatch(/Påminnelse/);
    await new Promise((r) => setTimeout(r, 300));
    expect(surveyPosts(A).length).toBe(before.a);
    expect((await app.built.surveys.tick()).reminded).toBe(0); // one reminder only
  });

  it('shows nothing from an open survey: answers count only once their quarter is released', async () => {
    await answer(B, all('8', '7', '6'));
    await answer(C, { ...all('5', '4', '4'), comment: 'Det tog för lång tid.' });
    const text = cardText((await send(app.baseUrl, messageActivity('nki 2026', personal(OFFICER))))[0].attachments?.[0].content);
    expect(text).toMatch(/Inga siffror att visa här/);
    expect(text).toMatch(/2026-K4: 1 enkät\(er\) väntar/);
    expect(text).not.toMatch(/Det tog för lång tid|\d \/ 4/);
    const refused = await send(app.baseUrl, messageActivity('nki', personal(A)));
    expect(refused[0].text).toMatch(/bara inköpare/i);
  });

  it('lets an officer survey a procurement that is not a case, picking the recipients', async () => {
    const cardReply = await send(app.baseUrl, messageActivity('ny enkät', personal(OFFICER)));
    expect(JSON.stringify(cardReply[0].attachments?.[0].content)).toContain('graph.microsoft.com/users');
    const refused = await invoke(app.baseUrl, cardActionInvoke('survey.start', { procurement: 'Kaffe', category: 'livsmedel', people: B.aadObjectId }, personal(A)));
    expect(String(refused.value)).toMatch(/bara inköpare/i);
    const res = await invoke(app.baseUrl, cardActionInvoke('survey.start', { procurement: 'Nationellt ramavtal för kaffe', category: 'livsmedel', people: `${B.aadObjectId},${C.aadObjectId}` }, personal(OFFICER)));
    expect(String(res.value)).toMatch(/skickad till 2 person/);
    await until('the invitation to C', () => surveyPosts(C).find((c) => cardText(c.body.attachments).includes('Nationellt ramavtal för kaffe')));
  });

  it('closes after CLOSE_DAYS and refuses further changes', async () => {
    await app.db.query(`UPDATE surveys SET close_at = now() - interval '1 minute' WHERE id = $1`, [surveyId]);
    expect((await app.built.surveys.tick()).closed).toBe(1);
    const late = await answer(A, all('1', '1', '1'));
    expect(String(late.value)).toMatch(/stängd/);
    const edit = await invoke(app.baseUrl, cardActionInvoke('survey.edit', { surveyId: String(surveyId) }, personal(A)));
    expect(cardText(edit.value)).toMatch(/stängd/);
  });

  it('releases the quarter once it has ended and all its surveys have closed, with the index a hand calculation gives', async () => {
    // The survey as if sent last quarter (2026-K3): that quarter has ended and its only survey is closed.
    await app.db.query(`UPDATE surveys SET opened_at = '2026-08-15 12:00' WHERE id = $1`, [surveyId]);
    const year = cardText((await send(app.baseUrl, messageActivity('nki 2026', personal(OFFICER))))[0].attachments?.[0].content);
    // (9+8+8 + 7+6+5 + 4+3+3) / 81 × 100 = 53 / 81 × 100 = 65,4; three people of four reachable.
    expect(year).toMatch(/NKI\n65,4/);
    expect(year).toMatch(/3 \/ 4/);
    expect(year).toMatch(/Bygger på släppta kvartal: 2026-K3/);
    expect(year).toMatch(/minst 60 %/); // 2 of 3 satisfied: all but one, so only a band
    expect(year).toMatch(/#\d+: Det tog för lång tid\./);
    expect(year).toMatch(/lika vikt/);
    const report = cardText((await send(app.baseUrl, messageActivity(`nki ${caseNumber}`, personal(OFFICER))))[0].attachments?.[0].content);
    expect(report).toMatch(/NKI\n65,4/);
    // Never on a case: comments, and the names of those who could not be reached (only the sender heard those).
    expect(report).not.toMatch(/Det tog för lång tid|Rut Referens|Kunde inte nås/);
    for (const text of [year, report]) expect(text).not.toMatch(/Anna|Bo Referens|Cia Referens/);
    const res = await fetch(`${app.baseUrl}/api/reports/nki.csv`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^group;quarters;responses;invited;response_rate;nki;share_satisfied;driver_needs/);
    expect(lines[1]).toMatch(/^all;2026-K3;3;4;75;65\.4;60-100;/);
    expect(lines.join('\n')).not.toMatch(/Anna|Bo Referens|Cia Referens|Det tog för lång tid/);
    expect((await fetch(`${app.baseUrl}/api/reports/nki.csv`)).status).toBe(401);
  });
});
