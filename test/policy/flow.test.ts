import { startTestApp, TestApp } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { until } from '../helpers/wait';
import { cardActionInvoke, cardSubmitActivity, cardText, invoke, messageActivity, Options, send, TeamsUser } from '../helpers/teams';

/** Policy guidance through /api/messages: answers, the calculator, routing, and asking a person. */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const ASKER: TeamsUser = { id: '29:asker', aadObjectId: '22222222-0000-0000-0000-000000000002', name: 'Anna Administratör' };
const TEAM = { teamId: '19:team@thread.tacv2', channelId: '19:behov@thread.tacv2' };

let app: TestApp;
let connector: FakeConnector;
let personal: (u: TeamsUser, locale?: string) => Options;

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ worker: true, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  personal = (u, locale) => ({ user: u, serviceUrl: connector.url, conversationId: `a:1on1-${u.aadObjectId}`, ...(locale ? { locale } : {}) });
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

const first = async (text: string, opts: Options) => {
  const replies = await send(app.baseUrl, messageActivity(text, opts));
  return { text: replies[0]?.text ?? '', card: replies[0]?.attachments?.[0]?.content, all: replies };
};
const posts = (conversationId: string) => connector.delivered().filter((c) => c.conversationId === conversationId);
const textOf = (c: { body: Record<string, unknown> }) => `${String(c.body.text ?? '')}\n${cardText(c.body.attachments)}`;

describe('answers without any AI service', () => {
  it('answers "Får jag direktupphandla för 500 000 kr?" from the rules in force, and says Inköp decides', async () => {
    const { card } = await first('Får jag direktupphandla för 500 000 kr?', personal(ASKER));
    const text = cardText(card);
    expect(text).toMatch(/Direktupphandling för 500 000 kr\?/);
    expect(text).toMatch(/under direktupphandlingsgränsen/);
    expect(text).toMatch(/700 000 kr \(gäller från 1 feb\. 2022\)/);
    expect(text).toMatch(/500 000 kr är minst 100 000 kr: direktupphandlingen ska dokumenteras/);
    expect(text).toMatch(/Inköp gör den slutliga bedömningen/);
    expect(text).toMatch(/Källa: LOU/);
    expect(text).toMatch(/Anmäl behov/);
  });

  it('answers a policy question with a short quote and its source', async () => {
    const { card } = await first('Vem ansvarar för avtalstroheten?', personal(ASKER));
    const text = cardText(card);
    expect(text).toMatch(/Svar från regionernas styrdokument/);
    expect(text).toMatch(/Källa: Inköpspolicy/);
    expect(text).toMatch(/Vem ansvarar för avtalstroheten\?/);
    expect(text).toMatch(/Fråga en inköpare/);
    expect(text).toMatch(/Sök avtal istället/);
  });

  it('answers an English question from the English version of the documents', async () => {
    const { card } = await first('Who is responsible for following the contracts?', personal(ASKER, 'en-US'));
    const text = cardText(card);
    expect(text).toMatch(/Answer from the regions' governing documents/);
    expect(text).toMatch(/every unit is responsible/);
    expect(text).toMatch(/Source: Inköpspolicy, Region Sörmland och Region Västmanland, section "Who is responsible for contract compliance\?"/);
    expect(text).not.toMatch(/original language|ansvarar/);
  });

  it('answers a Swedish question in Swedish when the client sends en-US (the Playground)', async () => {
    const { card } = await first('Hur tidigt ska jag höra av mig inför en upphandling över EU-tröskeln?', personal(ASKER, 'en-US'));
    const text = cardText(card);
    expect(text).toMatch(/Svar från regionernas styrdokument/);
    expect(text).toMatch(/Öppet förfarande över EU:s tröskelvärde: 6–9 månader/);
    expect(text).not.toMatch(/Beställning på ett befintligt avtal|Source:/);
  });

  it('says when it has no reliable answer and offers a person', async () => {
    const { card } = await first('Vad kostar en glass i kiosken på lasarettet?', personal(ASKER));
    expect(cardText(card)).toMatch(/inget säkert svar/);
    expect(JSON.stringify(card)).toContain('"verb":"policy.ask"');
  });

  it('sends a noun phrase to contract search, with the way to ask it as a question instead', async () => {
    const { card } = await first('handskar', personal(ASKER));
    expect(cardText(card)).toMatch(/Avtal för "handskar"/);
    expect(JSON.stringify(card)).toContain('"verb":"policy.question","q":"handskar"');
    const asQuestion = await send(app.baseUrl, cardSubmitActivity({ verb: 'policy.question', q: 'Hur beställer jag förbrukningsvaror som handskar?' }, personal(ASKER)));
    expect(cardText(asQuestion[0].attachments?.[0].content)).toMatch(/Varuförsörjningen/);
  });
});

describe('Fråga en inköpare', () => {
  let ticketNumber = '';
  const askId = '00000000-0000-4000-8000-00000000a5c1';

  it('sends the question to the officers\' channel once, however often the button is pressed', async () => {
    const reg = await send(app.baseUrl, messageActivity('ta emot behov här', { user: OFFICER, serviceUrl: connector.url, conversationType: 'channel', conversationId: TEAM.channelId, team: TEAM }));
    expect(reg[0].text).toMatch(/Nya inköpsbehov skickas hit/);
    const question = 'Får vi köpa in kaffe till ett personalmöte utan avtal?';
    const sent = await send(app.baseUrl, cardSubmitActivity({ verb: 'policy.ask', question, askId }, personal(ASKER)));
    ticketNumber = /FR-\d{4}-\d{4}/.exec(sent[0].text ?? '')?.[0] ?? '';
    expect(ticketNumber).toMatch(/^FR-2026-\d{4}$/);
    const again = await send(app.baseUrl, cardSubmitActivity({ verb: 'policy.ask', question, askId }, personal(ASKER)));
    expect(again[0].text).toContain(ticketNumber);
    const post = await until('the ticket in the channel', () => posts(TEAM.channelId).find((c) => textOf(c).includes(ticketNumber)));
    expect(textOf(post)).toContain(question);
    expect(textOf(post)).toMatch(/Öppen/);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts(TEAM.channelId).filter((c) => c.method === 'POST' && textOf(c).includes(ticketNumber))).toHaveLength(1);
  });

  it('refuses an answer from someone who is not an officer', async () => {
    const res = await invoke(app.baseUrl, cardActionInvoke('ticket.answer', { ticketNumber, answer: 'Visst!' }, personal(ASKER)));
    expect(String(res.value)).toMatch(/bara inköpare/i);
  });

  it('takes the officer\'s answer to the asker and marks the ticket answered', async () => {
    const res = await invoke(
      app.baseUrl,
      cardActionInvoke('ticket.answer', { ticketNumber, answer: 'Använd avtalet för kaffe och fika (SIC-25.8-0259).', kb: 'true' }, { user: OFFICER, serviceUrl: connector.url, conversationType: 'channel', conversationId: TEAM.channelId, team: TEAM }),
    );
    expect(cardText(res.value)).toMatch(/Besvarad/);
    const answer = await until('the answer to the asker', () => posts(`a:1on1-${ASKER.aadObjectId}`).find((c) => textOf(c).includes('SIC-25.8-0259')));
    expect(textOf(answer)).toContain(ticketNumber);
    await until('the updated ticket card', () => posts(TEAM.channelId).find((c) => c.method === 'PUT' && textOf(c).includes('Besvarad')));
    const twice = await invoke(app.baseUrl, cardActionInvoke('ticket.answer', { ticketNumber, answer: 'igen' }, personal(OFFICER)));
    expect(String(twice.value)).toMatch(/redan besvarad/);
  });

  it('lists answers marked for the knowledge base, for officers only', async () => {
    const officer = await first('kunskapsbank förslag', personal(OFFICER));
    expect(officer.text).toContain(ticketNumber);
    const other = await first('kunskapsbank förslag', personal(ASKER));
    expect(other.text).toMatch(/bara inköpare/i);
  });
});
