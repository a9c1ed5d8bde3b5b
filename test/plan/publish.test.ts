import { createPlanActions } from '../../src/plan/actions';
import { PlanService } from '../../src/plan/service';
import { parseQuarter } from '../../src/plan/public';
import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardText, invoke, messageActivity, send } from '../helpers/teams';
import { OFFICER, planItems, STAFF } from './fixtures';

/**
 * "Publicera i planen" and "Ta bort ur planen" (issue 24, the plan outside) through /api/messages as Teams
 * sends them: an officer publishes an item of the plan card, the public page and JSON then list it, and
 * unpublishing takes it away; staff are refused before anything is read; bad input comes back on the card.
 * The test clock's day is 2026-11-21 (the fourth quarter of 2026).
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
});
afterAll(async () => {
  await app?.close();
});

type Node = Record<string, unknown>;
const officer = (locale = 'sv-SE') => ({ user: OFFICER, locale });
const press = (verb: string, data: Record<string, unknown>, opts: { user: typeof OFFICER; locale?: string } = officer()) => invoke(app.baseUrl, cardActionInvoke(verb, data, opts));

/** Every input of a card (in show-cards too), by id. */
function inputs(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) out[String(n.id)] = n.value;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

/** The data of the card's (one) action with this verb, optionally on the item with this key. */
function actionData(card: unknown, verb: string, item?: string): Node {
  const found: Node[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const x = node as Node;
    if (x.type === 'Action.Execute' && x.verb === verb && (item === undefined || (x.data as Node).item === item)) found.push(x.data as Node);
    Object.values(x).forEach(walk);
  };
  walk(card);
  expect([verb, found.length]).toEqual([verb, 1]);
  return found[0];
}

/** Presses "Publicera i planen" on the plan card's item `n` and returns the card with its form open, and the publish button's data. */
async function openForm(n: number): Promise<{ card: unknown; data: Node; heading: string }> {
  const plan = await planCard();
  const item = planItems(plan)[n];
  expect(item.buttons).toContain('Publicera i planen');
  const forms: Node[] = [];
  JSON.stringify(plan, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as Node).verb === 'plan.publishForm' && (v as Node).type === 'Action.Execute') forms.push((v as Node).data as Node);
    return v;
  });
  const card = (await press('plan.publishForm', forms[n])).value;
  expect(cardText(card)).toContain('Offentlig rubrik');
  return { card, data: actionData(card, 'plan.publish'), heading: item.id };
}

const publicJson = async (lang = 'sv') => ((await (await fetch(`${app.baseUrl}/api/public/plan.json?lang=${lang}`)).json()) as { items: Record<string, unknown>[] }).items;
const publicHtml = async (lang = 'sv') => (await fetch(`${app.baseUrl}/plan?lang=${lang}`)).text();
const publications = () => app.db.query<{ item_key: string; public_title: string; expected_quarter: string; procedure: string | null }>('SELECT item_key, public_title, expected_quarter, procedure FROM plan_publications ORDER BY item_key');

async function planCard(locale = 'sv-SE'): Promise<unknown> {
  const replies = await send(app.baseUrl, messageActivity('plan', officer(locale)));
  return replies[0].attachments?.[0].content;
}

describe('Publicera i planen', () => {
  it('an officer publishes a contract of the plan card: the public page and JSON list it, and the card marks it', async () => {
    const { card, data, heading } = await openForm(0);
    const first = { id: heading };
    expect(data.item).toBe(`contract:${first.id.toLowerCase()}`);
    // The form is open on that item only, empty.
    expect(inputs(card)).toEqual({ publicTitle: '', quarter: '', procedure: '' });
    expect(JSON.stringify(card).length).toBeLessThan(28_000);

    const res = await press('plan.publish', { ...data, publicTitle: '  Nya  infusionspumpar till  båda regionerna ', quarter: '2027-k2', procedure: 'open-above' });
    const after = res.value;
    expect(cardText(after)).toContain('Publicerad i den offentliga planen: "Nya infusionspumpar till båda regionerna" (2027-K2)');
    expect(JSON.stringify(after).length).toBeLessThan(28_000);
    const [item] = planItems(after);
    expect(item.buttons).toEqual(expect.arrayContaining(['Publicera i planen', 'Ta bort ur planen']));
    // The form is closed; opened again it shows what is published.
    expect(inputs(after)).toEqual({});
    const reopened = (await press('plan.publishForm', { item: data.item, offset: 0 })).value;
    expect(inputs(reopened)).toEqual({ publicTitle: 'Nya infusionspumpar till båda regionerna', quarter: '2027-K2', procedure: 'open-above' });
    expect(await publications()).toEqual([{ item_key: data.item, public_title: 'Nya infusionspumpar till båda regionerna', expected_quarter: '2027-Q2', procedure: 'open-above' }]);

    const items = await publicJson();
    expect(items).toEqual([expect.objectContaining({ title: 'Nya infusionspumpar till båda regionerna', expectedQuarter: '2027-Q2', procedure: 'Annonserad upphandling över EU:s tröskelvärde' })]);
    expect(JSON.stringify(items)).not.toContain(first.id);
    expect(await publicHtml('en')).toContain('<th scope="row">Nya infusionspumpar till båda regionerna</th>');
    expect(await publicHtml('en')).toContain('Advertised procurement above the EU threshold');

    // Publishing again changes the public entry (one row), and without a kind the plan's own route is shown.
    await press('plan.publish', { ...data, publicTitle: 'Infusionspumpar', quarter: '2027 Q3', procedure: '' });
    expect(await publications()).toEqual([{ item_key: data.item, public_title: 'Infusionspumpar', expected_quarter: '2027-Q3', procedure: null }]);
    const [again] = await publicJson();
    expect(again).toMatchObject({ title: 'Infusionspumpar', expectedQuarter: '2027-Q3' });
    expect(again.procedure).not.toBe('Annonserad upphandling över EU:s tröskelvärde');
  });

  it('Ta bort ur planen takes the item off the public page and JSON', async () => {
    const [{ item_key }] = await publications();
    const res = await press('plan.unpublish', { item: item_key, offset: 0 });
    expect(cardText(res.value)).toContain('Posten är borttagen ur den offentliga planen.');
    expect(planItems(res.value)[0].buttons).not.toContain('Ta bort ur planen');
    expect(await publications()).toEqual([]);
    expect(await publicJson()).toEqual([]);
    const html = await publicHtml();
    expect(html).toContain('Inga planerade upphandlingar är publicerade just nu.');
    expect(html).not.toContain('Infusionspumpar');
    // A second press changes nothing and says so.
    expect(cardText((await press('plan.unpublish', { item: item_key, offset: 0 })).value)).toContain('Posten var inte publicerad');
  });

  it('refuses a quarter that has passed or does not exist, and a bad title, keeping everything typed on the card', async () => {
    const { data } = await openForm(1);
    for (const [quarter, title] of [
      ['2026-K3', 'Städtjänster för vårdlokaler'],
      ['2027-K5', 'Städtjänster för vårdlokaler'],
      ['nästa vår', 'Städtjänster för vårdlokaler'],
      ['2027-K2', 'x'.repeat(121)],
      ['2027-K2', '<b>Städ</b>'],
    ]) {
      const res = await press('plan.publish', { ...data, publicTitle: title, quarter, procedure: 'advertised-below' });
      const text = cardText(res.value);
      const bad = quarter === '2027-K2' ? /Skriv en offentlig rubrik på 3–120 tecken/ : /Ange ett kvartal som inte har passerat, .* t\.ex\. 2027-K1\./;
      expect([quarter, text]).toEqual([quarter, expect.stringMatching(bad)]);
      // The form stays open on that item (and only there) with everything typed.
      expect(inputs(res.value)).toEqual({ publicTitle: title, quarter, procedure: 'advertised-below' });
      expect(actionData(res.value, 'plan.publish').item).toBe(data.item);
    }
    expect(await publications()).toEqual([]);
    expect(await publicJson()).toEqual([]);
  });

  it('refuses card data it cannot read and an item that is not in the plan', async () => {
    expect(String((await press('plan.publish', { item: 'contract:<x>', offset: 0 })).value)).toMatch(/Kortet skickade uppgifter/);
    const res = await press('plan.publish', { item: 'contract:finns-inte-1', offset: 0, publicTitle: 'Ett avtal som inte finns', quarter: '2027-K1' });
    expect(String(res.value)).toContain('Posten finns inte längre i upphandlingsplanen');
    expect(await publications()).toEqual([]);
  });

  it('refuses staff on both buttons and changes nothing', async () => {
    const { data } = await openForm(0);
    await press('plan.publish', { ...data, publicTitle: 'Infusionspumpar', quarter: '2027-K2' });
    expect(await publications()).toHaveLength(1);
    for (const [verb, body] of [
      ['plan.publishForm', { item: data.item, offset: 0 }],
      ['plan.publish', { ...data, publicTitle: 'Något annat', quarter: '2028-K1' }],
      ['plan.unpublish', { item: data.item, offset: 0 }],
    ] as const) {
      const res = await press(verb, body, { user: STAFF });
      expect([verb, String(res.value)]).toEqual([verb, expect.stringMatching(/till för Inköps inköpare/)]);
    }
    expect(await publications()).toEqual([expect.objectContaining({ item_key: data.item, public_title: 'Infusionspumpar', expected_quarter: '2027-Q2' })]);
  });
});

describe('the role is checked before anything is read', () => {
  it('a non-officer press calls nothing but the officer check, whatever the data', async () => {
    const calls: string[] = [];
    const fake = new Proxy({} as PlanService, {
      get: (_t, name: string) => {
        if (name === 'isOfficer') return async () => (calls.push('isOfficer'), false);
        return (..._args: unknown[]) => {
          calls.push(name);
          throw new Error(`read ${name}`);
        };
      },
    });
    const actions = createPlanActions(fake, 18);
    const caller = { locale: 'sv' as const, person: () => ({ aadId: STAFF.aadObjectId, name: STAFF.name }) };
    for (const verb of ['plan.publishForm', 'plan.publish', 'plan.unpublish']) {
      for (const data of [{ item: 'contract:rs-1', offset: 0, publicTitle: 'Titel', quarter: '2027-K2' }, { junk: true }]) {
        expect(await actions[verb](caller as never, data)).toMatch(/till för Inköps inköpare/);
      }
    }
    expect(calls).toEqual(Array(6).fill('isOfficer'));
  });
});

describe('parseQuarter', () => {
  it.each([
    ['2026-K4', '2026-Q4'],
    ['2027-Q2', '2027-Q2'],
    ['2027 k2', '2027-Q2'],
    ['K1 2028', '2028-Q1'],
    ['2026-K3', null],
    ['2027-K0', null],
    ['2027-K5', null],
    ['2037-K1', null],
    ['2027-05', null],
    ['', null],
  ])('%s on 2026-11-21 → %s', (text, expected) => {
    expect(parseQuarter(text, '2026-11-21')).toBe(expected);
  });
});
