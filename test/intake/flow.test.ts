import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { outboxIdle, until } from '../helpers/wait';
import { cardActionInvoke, cardSubmitActivity, cardText, invoke, messageActivity, Options, send, TeamsUser } from '../helpers/teams';
import { FORM_INPUT } from './fixtures';

/**
 * The whole intake flow through /api/messages, as Teams would drive it, with a fake Bot Connector on
 * loopback receiving the proactive posts to the officers' channel and the 1:1 notices.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const SUBMITTER: TeamsUser = { id: '29:submitter', aadObjectId: '11111111-2222-3333-4444-555555555555', name: 'Karin Sjuksköterska' };
const OUTSIDER: TeamsUser = { id: '29:outsider', aadObjectId: '99999999-0000-0000-0000-000000000000', name: 'Nils Nyfiken' };
const TEAM = { teamId: '19:team-inkop@thread.tacv2', channelId: '19:behov@thread.tacv2' };

let app: TestApp;
let connector: FakeConnector;
let personal: (u: TeamsUser) => Options;
let channel: (u: TeamsUser) => Options;

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.push(
    { id: OFFICER.id, aadObjectId: OFFICER.aadObjectId, name: OFFICER.name },
    { id: '29:colleague', aadObjectId: 'bbbbbbbb-0000-0000-0000-0000000000b2', name: 'Kollega på Inköp' },
  );
  app = await startTestApp({ worker: true, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  personal = (u) => ({ user: u, serviceUrl: connector.url, conversationId: `a:1on1-${u.aadObjectId}` });
  channel = (u) => ({ user: u, serviceUrl: connector.url, conversationType: 'channel', conversationId: `${TEAM.channelId};messageid=1`, team: TEAM });
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.log(app.logs.filter((l) => /turn failed|error/i.test(l)).join('\n'));
  await app?.close();
  await connector?.close();
});

const posts = (conversationId: string) => connector.delivered().filter((c) => c.conversationId === conversationId);
const textOf = (c: { body: Record<string, unknown> }) => `${String(c.body.text ?? '')}\n${cardText(c.body.attachments)}`;

async function openForm(u: TeamsUser): Promise<string> {
  const replies = await send(app.baseUrl, messageActivity('anmäl behov', personal(u)));
  const json = JSON.stringify(replies[0].attachments?.[0].content);
  const formId = /"formId":"([0-9a-f-]{36})"/.exec(json)?.[1];
  expect(formId).toBeDefined();
  return formId as string;
}

const submit = (formId: string, fields: Record<string, string>, u = SUBMITTER) =>
  invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...fields }, personal(u)));

describe('officers register their channel', () => {
  it('refuses someone who is not an officer, then accepts an officer and reads the team', async () => {
    const no = await send(app.baseUrl, messageActivity('ta emot behov här', channel(OUTSIDER)));
    expect(no[0].text).toMatch(/Bara inköpare/);
    const yes = await send(app.baseUrl, messageActivity('<at>Inköpsassistenten</at> ta emot behov här', channel(OFFICER)));
    expect(yes[0].text).toMatch(/Nya inköpsbehov skickas hit/);
    const members = await app.db.query<{ aad_object_id: string }>('SELECT aad_object_id FROM officer_team_members ORDER BY 1');
    expect(members.map((m) => m.aad_object_id)).toEqual([OFFICER.aadObjectId, 'bbbbbbbb-0000-0000-0000-0000000000b2']);
  });
});

describe('reaching the form', () => {
  it('opens the form from the no-hit card, prefilled with the search words', async () => {
    const replies = await send(app.baseUrl, cardSubmitActivity({ verb: 'menu.intake', q: 'Xylofonreparationer' }, personal(SUBMITTER)));
    const content = replies[0].attachments?.[0].content;
    expect(cardText(content)).toMatch(/Anmäl ett inköpsbehov/);
    expect(JSON.stringify(content)).toMatch(/"id":"title"[^}]*"value":"Xylofonreparationer"/);
  });
});

describe('the categories on the form come from the catalogue', () => {
  it("offers a category an import created, and bounces a category that does not exist", async () => {
    await app.db.query(`INSERT INTO categories (slug, name_sv, name_en, sort_order) VALUES ('fastighet-och-service', 'Fastighet och service', 'Fastighet och service', 50)`);
    const formId = await openForm(SUBMITTER);
    const replies = await send(app.baseUrl, messageActivity('anmäl behov', personal(SUBMITTER)));
    expect(JSON.stringify(replies[0].attachments?.[0].content)).toMatch(/"title":"Fastighet och service","value":"fastighet-och-service"/);
    const res = await submit(formId, { ...FORM_INPUT, title: 'Fönsterputs', category: 'leksaker', specialRequirements: '' });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.value)).toMatch(/Något behöver rättas/);
    expect(JSON.stringify(res.value)).toContain('Fönsterputs');
  });
});

describe('a need from submission to signed contract', () => {
  let caseNumber = '';
  const title = 'Akvarieskötsel i väntrum';

  it('sends errors back onto the same card, keeping what was typed', async () => {
    const formId = await openForm(SUBMITTER);
    const res = await submit(formId, { ...FORM_INPUT, title, valuePerYear: 'massor', desiredStart: '' });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(res.value);
    expect(text).toMatch(/Något behöver rättas/);
    expect(text).toMatch(/Skriv ett belopp i kronor/);
    expect(text).toMatch(/Välj ett giltigt datum/);
    const json = JSON.stringify(res.value);
    expect(json).toContain(title);
    expect(json).toContain('massor');
    expect(json).toContain(formId);
  });

  it('stores a need, answers with case number, route and lead time, and posts it to the officers\' channel once', async () => {
    const formId = await openForm(SUBMITTER);
    const fields = { ...FORM_INPUT, title, need: 'Skötsel av akvarier i väntrummen på tre vårdcentraler.', category: 'tjanster', specialRequirements: '', valuePerYear: '50 000', valueTotal: '200 000' };
    const res = await submit(formId, fields);
    const text = cardText(res.value);
    caseNumber = /INK-\d{4}-\d{4}/.exec(text)?.[0] ?? '';
    expect(caseNumber).toMatch(/^INK-2026-\d{4}$/);
    expect(text).toMatch(/Direktupphandling/);
    expect(text).toMatch(/Realistisk avtalsstart/);
    expect(text).toMatch(/Inköp gör den slutliga bedömningen/);
    expect(text).toMatch(/ska dokumenteras/); // 200 000 SEK ≥ 100 000

    // A double click: the same case, no second post.
    const again = await submit(formId, fields);
    expect(cardText(again.value)).toContain(caseNumber);

    const post = await until('the channel post', () => posts(TEAM.channelId).find((c) => textOf(c).includes(caseNumber)));
    expect(post.method).toBe('POST');
    expect(textOf(post)).toMatch(/Ta ärendet/);
    expect(textOf(post)).toMatch(/Karin Sjuksköterska/);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts(TEAM.channelId).filter((c) => c.method === 'POST' && textOf(c).includes(caseNumber))).toHaveLength(1);
  });

  it('refuses officer actions from anyone else, whatever the card offered', async () => {
    const res = await invoke(app.baseUrl, cardActionInvoke('case.assign', { caseNumber }, channel(OUTSIDER)));
    expect(String(res.value)).toMatch(/bara inköpare/i);
    const status = await invoke(app.baseUrl, cardActionInvoke('case.setStatus', { caseNumber, status: 'avbojd' }, personal(SUBMITTER)));
    expect(String(status.value)).toMatch(/bara inköpare/i);
  });

  it('lets an officer take the case: the card updates for everyone and the submitter is told', async () => {
    await outboxIdle(app.db);
    const before = connector.delivered().length;
    const res = await invoke(app.baseUrl, cardActionInvoke('case.assign', { caseNumber }, channel(OFFICER)));
    expect(cardText(res.value)).toMatch(/Under bedömning/);
    expect(cardText(res.value)).toMatch(/Olle Officer/);
    const update = await until('the channel card update', () => connector.delivered().slice(before).find((c) => c.method === 'PUT' && c.conversationId === TEAM.channelId));
    expect(textOf(update)).toMatch(/Under bedömning/);
    const notices = await until('two notices to the submitter', () => {
      const list = posts(`a:1on1-${SUBMITTER.aadObjectId}`).filter((c) => textOf(c).includes(caseNumber));
      return list.length >= 2 ? list : undefined;
    });
    expect(notices.map(textOf).join('\n')).toMatch(/Olle Officer på Inköp har tagit/);
    expect(notices.map(textOf).join('\n')).toMatch(/ny status: Under bedömning/);
  });

  it('asks the submitter for more and puts the answer back on the case and the channel card', async () => {
    await invoke(app.baseUrl, cardActionInvoke('case.ask', { caseNumber, question: 'Hur många akvarier gäller det?' }, channel(OFFICER)));
    const question = await until('the question card', () => posts(`a:1on1-${SUBMITTER.aadObjectId}`).find((c) => textOf(c).includes('Hur många akvarier')));
    expect(textOf(question)).toMatch(/Skicka svaret/);
    const impostor = await invoke(app.baseUrl, cardActionInvoke('case.answer', { caseNumber, answer: 'Hundra' }, personal(OUTSIDER)));
    expect(String(impostor.value)).toMatch(/finns inte bland dina ärenden/);
    const answer = await invoke(app.baseUrl, cardActionInvoke('case.answer', { caseNumber, answer: 'Fyra stycken.' }, personal(SUBMITTER)));
    expect(String(answer.value)).toMatch(/Tack! Ditt svar/);
    await until('the answer on the channel card', () =>
      posts(TEAM.channelId).find((c) => c.method === 'PUT' && textOf(c).includes('Fyra stycken.')),
    );
  });

  it('walks the status forward, refuses a skip, and tells the submitter each time', async () => {
    const skip = await invoke(app.baseUrl, cardActionInvoke('case.setStatus', { caseNumber, status: 'avslutad' }, channel(OFFICER)));
    expect(String(skip.value)).toMatch(/kan inte gå från/);
    for (const status of ['planerad', 'upphandling-pagar', 'avtal-tecknat']) {
      const res = await invoke(app.baseUrl, cardActionInvoke('case.setStatus', { caseNumber, status, comment: `Nu ${status}` }, channel(OFFICER)));
      expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    }
    await until('the "Avtal tecknat" notice', () => posts(`a:1on1-${SUBMITTER.aadObjectId}`).find((c) => textOf(c).includes('Avtal tecknat')));
    const events = await app.db.query<{ kind: string; from_status: string; to_status: string; actor_name: string }>(
      `SELECT e.kind, e.from_status, e.to_status, e.actor_name FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = $1 AND e.kind = 'status' ORDER BY e.id`,
      [caseNumber],
    );
    expect(events.map((e) => e.to_status)).toEqual(['planerad', 'upphandling-pagar', 'avtal-tecknat']);
    expect(events.every((e) => e.actor_name === OFFICER.name)).toBe(true);
  });

  it('shows the submitter their own cases and officers every open case', async () => {
    const mine = await send(app.baseUrl, messageActivity('mina ärenden', personal(SUBMITTER)));
    expect(cardText(mine[0].attachments?.[0].content)).toContain(caseNumber);
    const other = await send(app.baseUrl, messageActivity('mina ärenden', personal(OUTSIDER)));
    expect(cardText(other[0].attachments?.[0].content)).not.toContain(caseNumber);
    const officer = await send(app.baseUrl, messageActivity('mina ärenden', personal(OFFICER)));
    expect(cardText(officer[0].attachments?.[0].content)).toMatch(/Öppna ärenden/);
  });
});

describe('contract-first check', () => {
  const fields = { ...FORM_INPUT, title: 'Blodtrycksmätare', category: 'medicinteknik', specialRequirements: '' };

  it('shows existing contracts before storing, and "skicka ändå" stores the need with that choice', async () => {
    const res = await submit(await openForm(SUBMITTER), fields);
    const text = cardText(res.value);
    expect(text).toMatch(/Det finns redan avtal för detta/);
    expect(text).toMatch(/Blodtrycksmätare/);
    const draft = /"verb":"intake\.sendAnyway","draft":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(res.value))?.[1];
    expect(draft).toBeDefined();
    const sent = await invoke(app.baseUrl, cardActionInvoke('intake.sendAnyway', { draft: JSON.parse(`"${draft}"`) }, personal(SUBMITTER)));
    const caseNo = /INK-\d{4}-\d{4}/.exec(cardText(sent.value))?.[0];
    const [row] = await app.db.query<{ contract_check: { choice: string; matches: string[] }; linked_contract_id: string | null }>(
      'SELECT contract_check, linked_contract_id FROM cases WHERE case_number = $1',
      [caseNo],
    );
    expect(row.contract_check.choice).toBe('sent-anyway');
    expect(row.contract_check.matches).toContain('RS-2023-0127');
    // RS-2023-0127 ends within a year: the check says so, and the need is linked to the contract's renewal.
    expect(text).toMatch(/Avtalet löper ut 10 maj 2027/);
    expect(row.linked_contract_id).toBe('RS-2023-0127');
  });

  it('"använd avtalet" records the choice, says how to order, and does not bother the officers', async () => {
    const res = await submit(await openForm(SUBMITTER), fields);
    const m = /"verb":"intake\.useContract","contractId":"([^"]+)","draft":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(res.value));
    expect(m).not.toBeNull();
    await outboxIdle(app.db);
    const before = posts(TEAM.channelId).length;
    const used = await invoke(app.baseUrl, cardActionInvoke('intake.useContract', { contractId: m![1], draft: JSON.parse(`"${m![2]}"`) }, personal(SUBMITTER)));
    expect(cardText(used.value)).toMatch(/Behovet täcks av avtal RS-2023-0127/);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts(TEAM.channelId).length).toBe(before);
  });

  it('refuses a tampered draft', async () => {
    const res = await invoke(app.baseUrl, cardActionInvoke('intake.sendAnyway', { draft: '{"formId":"x","form":{}}' }, personal(SUBMITTER)));
    expect(String(res.value)).toMatch(/inte kunde läsa/);
  });
});

describe('nothing lost on the way', () => {
  it('retries 429 and 502 from the connector and delivers each notice exactly once', async () => {
    const formId = await openForm(SUBMITTER);
    connector.failNext(4, 502);
    connector.failNext(4, 429, 0);
    const res = await submit(formId, { ...FORM_INPUT, title: `Fiskfoder ${randomUUID().slice(0, 6)}`, need: 'Foder till akvarierna i väntrummen.', category: 'tjanster', specialRequirements: '' });
    const caseNo = /INK-\d{4}-\d{4}/.exec(cardText(res.value))?.[0] as string;
    await until('delivery after failures', () => posts(TEAM.channelId).find((c) => c.method === 'POST' && textOf(c).includes(caseNo)), 30_000);
    const failed = connector.calls.filter((c) => '__failedWith' in c.body);
    expect(failed.length).toBeGreaterThanOrEqual(8);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts(TEAM.channelId).filter((c) => c.method === 'POST' && textOf(c).includes(caseNo))).toHaveLength(1);
    const [row] = await app.db.query<{ status: string; attempts: number }>(
      `SELECT o.status, o.attempts FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'intake.channel-card'`,
      [caseNo],
    );
    expect(row.status).toBe('delivered');
  });
});

describe('internal-control report', () => {
  it('gives officers the report card and refuses others', async () => {
    const officer = await send(app.baseUrl, messageActivity('rapport behov 2026', personal(OFFICER)));
    const text = cardText(officer[0].attachments?.[0].content);
    expect(text).toMatch(/Internkontroll: behov som gick till upphandling 2026/);
    expect(text).toMatch(/Median dagar/);
    const other = await send(app.baseUrl, messageActivity('rapport behov 2026', personal(OUTSIDER)));
    expect(other[0].text).toMatch(/bara inköpare/i);
  });

  it('serves one CSV row per case to a caller with the key', async () => {
    const none = await fetch(`${app.baseUrl}/api/reports/intake.csv`);
    expect(none.status).toBe(401);
    const res = await fetch(`${app.baseUrl}/api/reports/intake.csv?year=2026`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE extract(year FROM submitted_on) = 2026`);
    expect(lines).toHaveLength(n + 1);
    expect(lines[0]).toMatch(/^case_number;submitted_on;desired_start;days_to_desired_start/);
    expect(lines.slice(1).every((l) => /^INK-2026-\d{4};/.test(l))).toBe(true);
  });
});
