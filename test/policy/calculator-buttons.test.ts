import { VERBS } from '../../src/cards/verbs';
import { startTestApp, TestApp } from '../helpers/app';
import { cardSubmitActivity, cardText, messageActivity, Options, send } from '../helpers/teams';

/**
 * The calculator's "calculate as another kind" buttons, through POST /api/messages as Teams sends them:
 * a question, the card with a button per other kind, a press (Action.Submit: a message with value), and
 * payloads a client could have tampered with.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
});
afterAll(async () => {
  await app?.close();
});

type Card = Record<string, unknown>;
const cardOf = async (activity: object): Promise<Card> => {
  const replies = await send(app.baseUrl, activity);
  expect(replies).toHaveLength(1);
  return (replies[0].attachments?.[0]?.content ?? {}) as Card;
};

/** The data of each kind button on a card. */
function kindButtons(card: Card): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o.data as Record<string, unknown> | undefined;
      if (o.type === 'Action.Submit' && data?.verb === VERBS.policyCalcKind) found.push(data);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('a purchase with an amount, written as a statement', () => {
  it('reaches the calculator through the router, not the contract search', async () => {
    const card = await cardOf(messageActivity('Vi vill köpa städtjänster för 900 000 kr'));
    expect(cardText(card)).toMatch(/900 000 kr/);
    expect(cardText(card)).toMatch(/✖ Beloppet ligger på eller över direktupphandlingsgränsen/);
    // Words and a number that are not a purchase still search the catalogue.
    const search = await send(app.baseUrl, messageActivity('handskar 2024'));
    expect(JSON.stringify(search)).not.toMatch(/direktupphandlingsgränsen/);
  });
});

describe('calculate the same amount as another kind of purchase', () => {
  it('offers the other kinds on the card, and a press answers for the kind pressed', async () => {
    const card = await cardOf(messageActivity('Får jag direktupphandla HVB-placeringar för 1 miljon kr?'));
    expect(cardText(card)).toMatch(/✔ Beloppet ligger under direktupphandlingsgränsen för sociala och andra särskilda tjänster/);
    expect(cardText(card)).toMatch(/antaget utifrån frågan \(HVB, LSS/);
    const buttons = kindButtons(card);
    expect(buttons.map((b) => b.kind)).toEqual(['supplies-services', 'works']);

    const works = buttons.find((b) => b.kind === 'works') as Record<string, unknown>;
    const answer = cardText(await cardOf(cardSubmitActivity(works)));
    expect(answer).toMatch(/Direktupphandling för 1 000 000 kr\?/);
    expect(answer).toMatch(/byggentreprenader – som du valde/);
    expect(answer).toMatch(/✖ Beloppet ligger på eller över direktupphandlingsgränsen/);
    expect(answer).toMatch(/700 000 kr \(gäller från 1 feb\. 2022\)/);
    expect(answer).toMatch(/EU:s tröskelvärde \(byggentreprenader\)/);
  });

  it('the answer to a press offers the kinds not chosen, including the first one again', async () => {
    const card = await cardOf(cardSubmitActivity({ verb: VERBS.policyCalcKind, amount: '1000000', kind: 'works', q: 'HVB-placeringar för 1 miljon kr' }));
    expect(kindButtons(card).map((b) => b.kind)).toEqual(['supplies-services', 'social-services']);
    const social = kindButtons(card).find((b) => b.kind === 'social-services') as Record<string, unknown>;
    const back = cardText(await cardOf(cardSubmitActivity(social)));
    expect(back).toMatch(/sociala och andra särskilda tjänster enligt LOU bilaga 2 – som du valde/);
    expect(back).toMatch(/✔/);
  });

  it('answers a press in English for an English user', async () => {
    const en: Options = { locale: 'en-US' };
    const card = await cardOf(messageActivity('May we buy cleaning services for SEK 900,000?', en));
    expect(cardText(card)).toMatch(/✖ The amount is at or above the direct procurement limit/);
    const social = kindButtons(card).find((b) => b.kind === 'social-services') as Record<string, unknown>;
    const answer = cardText(await cardOf(cardSubmitActivity(social, en)));
    expect(answer).toMatch(/social and other specific services under LOU annex 2 – as you chose/);
    expect(answer).toMatch(/✔ The amount is below the direct procurement limit for social and other specific services/);
  });

  it.each([
    ['an amount that is no number', { amount: '1e400', kind: 'works' }],
    ['a negative amount', { amount: '-5', kind: 'works' }],
    ['an amount beyond any purchase', { amount: '999999999999', kind: 'works' }],
    ['a kind that does not exist', { amount: '1000000', kind: 'weapons' }],
    ['no amount', { kind: 'works' }],
    ['an object for an amount', { amount: { $gt: 0 }, kind: 'works' }],
    ['a question past the length limit', { amount: '1000000', kind: 'works', q: 'x'.repeat(5000) }],
  ])('a tampered payload (%s) gets the clear message, and no card', async (_name, data) => {
    const replies = await send(app.baseUrl, cardSubmitActivity({ verb: VERBS.policyCalcKind, ...data }));
    expect(replies).toHaveLength(1);
    expect(replies[0].attachments ?? []).toEqual([]);
    expect(replies[0].text).toMatch(/Knappen skickade uppgifter som jag inte kunde läsa\. Ställ frågan igen med belopp/);
  });
});
