import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardText, invoke, messageActivity, send } from '../helpers/teams';
import { OFFICER, planItems, STAFF } from './fixtures';

/**
 * "Ska samordnas" on the plan card (issue 24, internal control 1): an officer marks a contract of the plan,
 * records why it was not coordinated (a reason from the list and a note), and the internal-control report lists
 * it with the reason. Staff are refused before anything is read; bad input comes back on the card, nothing stored.
 * The test clock's day is 2026-11-21.
 */
const REPORTS_KEY = 'reports-key-0123456789abcdef';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, REPORTS_KEY } });
});
afterAll(async () => {
  await app?.close();
});

type Node = Record<string, unknown>;
const press = (verb: string, data: Record<string, unknown>, user = OFFICER) => invoke(app.baseUrl, cardActionInvoke(verb, data, { user, locale: 'sv-SE' }));
const marks = () => app.db.query<{ contract_id: string; reason: string | null; note: string | null }>('SELECT contract_id, reason, note FROM plan_coordination ORDER BY contract_key');

/** The data of the actions with this verb on the card, in order. */
function actionData(card: unknown, verb: string): Node[] {
  const found: Node[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as Node).type === 'Action.Execute' && (v as Node).verb === verb) found.push((v as Node).data as Node);
    return v;
  });
  return found;
}

it('an officer marks a contract "ska samordnas", records why it was not, and the report lists it with the reason', async () => {
  const plan = (await send(app.baseUrl, messageActivity('plan', { user: OFFICER, locale: 'sv-SE' })))[0].attachments?.[0].content;
  const first = planItems(plan)[0];
  expect(first.buttons).toContain('Ska samordnas');
  const toggle = actionData(plan, 'plan.coordinate')[0];
  expect(toggle).toMatchObject({ marked: 'true', item: `contract:${first.id.toLowerCase()}` });

  // Staff are refused, and nothing is stored.
  expect(JSON.stringify((await press('plan.coordinate', toggle, STAFF)).value)).toContain('inköpare');
  expect(await marks()).toEqual([]);

  const marked = (await press('plan.coordinate', toggle)).value;
  expect(cardText(marked)).toContain(`${first.id} är markerad som ska samordnas.`);
  expect(cardText(marked)).toContain('Ska samordnas (upphandlas för båda regionerna).');
  expect(planItems(marked)[0].buttons).toEqual(expect.arrayContaining(['Ska inte samordnas', 'Varför samordnades den inte?']));

  const form = (await press('plan.coordinationForm', actionData(marked, 'plan.coordinationForm')[0])).value;
  const save = actionData(form, 'plan.coordinationReason')[0];
  // A note without a reason is refused on the card, with what was typed.
  const refused = (await press('plan.coordinationReason', { ...save, coordinationReason: '', coordinationNote: 'Västmanlands avtal förlängdes' })).value;
  expect(cardText(refused)).toContain('Välj ett skäl när du skriver en kommentar.');
  expect(JSON.stringify(refused)).toContain('Västmanlands avtal förlängdes');
  expect((await press('plan.coordinationReason', { ...save, coordinationReason: 'lust' })).value).toBeDefined();
  expect((await marks())[0].reason).toBeNull();

  const saved = (await press('plan.coordinationReason', { ...save, coordinationReason: 'avtalsperioder', coordinationNote: 'Västmanlands avtal förlängdes till 2028' })).value;
  expect(cardText(saved)).toContain(`Skälet för ${first.id} är sparat: Olika avtalsperioder i regionerna.`);
  expect(JSON.stringify(saved).length).toBeLessThan(28_000);
  expect(await marks()).toEqual([{ contract_id: first.id, reason: 'avtalsperioder', note: 'Västmanlands avtal förlängdes till 2028' }]);

  const auth = { Authorization: `Bearer ${REPORTS_KEY}` };
  const html = await (await fetch(`${app.baseUrl}/api/reports/internal-control?year=2026`, { headers: auth })).text();
  expect(html).toContain('Skulle ha samordnats men samordnades inte 2026');
  expect(html).toContain(`<span class="id">${first.id}</span>`);
  expect(html).toContain('olika avtalsperioder – Västmanlands avtal förlängdes till 2028');
  const csv = await (await fetch(`${app.baseUrl}/api/reports/internal-control.csv?year=2026`, { headers: auth })).text();
  expect(csv).toContain('Inte samordnad: olika avtalsperioder;1;');
  // The report is not for anyone without the key.
  expect((await fetch(`${app.baseUrl}/api/reports/internal-control?year=2026`)).status).toBe(401);

  // Unmarking forgets the reason.
  await press('plan.coordinate', { ...toggle, marked: 'false' });
  expect(await marks()).toEqual([]);
});
