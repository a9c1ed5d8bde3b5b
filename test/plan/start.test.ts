import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardSubmitActivity, cardText, invoke, send } from '../helpers/teams';
import { CardItem, moreOffset, OFFICER, planItems, STAFF, TODAY } from './fixtures';

/**
 * "Starta ärende" and the plan's other decisions against the cases they make: the case's route agrees with
 * the plan, a need staff sent does not count as the renewal, a start that was not recorded does not block
 * the next one, and an extension decided stays in the plan when the current end passes before an import.
 */
let app: TestApp;
beforeAll(async () => {
  // lakemedel is complex only through PLAN_CONTRACT_ROUTES (no requirement on the form makes it so).
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, PLAN_CONTRACT_ROUTES: '{"categories":{"lakemedel":"complex"}}' } });
});
afterAll(async () => {
  await app?.close();
});

const press = (verb: string, data: Record<string, unknown>) => invoke(app.baseUrl, cardActionInvoke(verb, data, { user: OFFICER, locale: 'sv-SE' }));
const start = async (contractId: string) => cardText((await press('plan.start', { contractId, offset: 0 })).value);
const details = async (id: string) => cardText((await send(app.baseUrl, cardSubmitActivity({ verb: 'contracts.details', id }, { user: STAFF })))[0].attachments?.[0].content);
const casesOf = (contractId: string) =>
  app.db.query<{ case_number: string; route: string; status: string }>('SELECT case_number, route, status FROM cases WHERE linked_contract_id = $1 ORDER BY case_number', [contractId]);

/** A current contract without extensions ending within ~200 days, of a type and category, not used by another test. */
async function pick(where: string, used: string[]): Promise<string> {
  const [row] = await app.db.query<{ contract_id: string }>(
    `SELECT contract_id FROM contracts WHERE removed_at IS NULL AND max_extension_to IS NULL AND valid_to BETWEEN $1::date + 30 AND $1::date + 200
       AND ${where} AND NOT (contract_id = ANY($2::text[])) ORDER BY valid_to, contract_id LIMIT 1`,
    [TODAY, used],
  );
  used.push(row.contract_id);
  return row.contract_id;
}
const used: string[] = [];

async function planItem(contractId: string): Promise<CardItem | undefined> {
  let card: unknown = (await press('plan.show', { offset: 0 })).value;
  for (;;) {
    const item = planItems(card).find((i) => i.id === contractId);
    const next = moreOffset(card);
    if (item || next === null) return item;
    card = (await press('plan.show', { offset: next })).value;
  }
}

it('gives a case started on an external framework the call-off route, and one on a category made complex the complex route', async () => {
  const framework = await pick(`contract_type = 'externt-ramavtal'`, used);
  const complex = await pick(`contract_type = 'ramavtal' AND category = 'lakemedel'`, used);
  for (const id of [framework, complex]) expect(await start(id)).toMatch(/Ärende INK-\d{4}-\d{4} är skapat/);
  expect((await casesOf(framework)).map((c) => c.route)).toEqual(['call-off']);
  expect((await casesOf(complex)).map((c) => c.route)).toEqual(['complex']);
});

it('starts a new case when the key\'s case closed without its start being recorded', async () => {
  const id = await pick(`contract_type = 'avtal'`, used);
  await start(id);
  const [first] = await casesOf(id);
  // The decision was lost after the case committed, then the case was withdrawn.
  await app.db.query('DELETE FROM plan_decisions WHERE contract_id = $1', [id]);
  await app.db.query(`UPDATE cases SET status = 'atertagen' WHERE case_number = $1`, [first.case_number]);
  expect(await start(id)).toMatch(/är skapat/);
  const cases = await casesOf(id);
  expect(cases).toHaveLength(2);
  const recorded = await app.db.query<{ case_number: string }>(`SELECT case_number FROM plan_decisions WHERE contract_id = $1 AND kind = 'case-started' ORDER BY case_number`, [id]);
  expect(recorded.map((r) => r.case_number)).toEqual(cases.map((c) => c.case_number));
  // A press after that finds the open case.
  expect(await start(id)).toContain(`redan ett öppet ärende för ${id}: ${cases[1].case_number}`);
});

it('does not count a need staff sent, still inkommen, as the renewal: the item keeps its buttons, staff still see the end', async () => {
  const id = await pick(`contract_type = 'avtal'`, used);
  await start(id);
  const [need] = await casesOf(id);
  // As if sent by staff with "Skicka ändå" and linked by the contract check.
  await app.db.query(`UPDATE cases SET idempotency_key = 'form:staff-need' WHERE case_number = $1`, [need.case_number]);
  await app.db.query('DELETE FROM plan_decisions WHERE contract_id = $1', [id]);
  const item = await planItem(id);
  expect(item?.state).toMatch(new RegExp(`^(◷|⚠).* · Behov inkommet \\(${need.case_number}, Inkommen\\)$`));
  expect(item?.buttons).toContain('Starta ärende');
  expect(await details(id)).toMatch(/Avtalet löper ut \d/);
  // Once Inköp has planned it, it is the renewal.
  await app.db.query(`UPDATE cases SET status = 'planerad' WHERE case_number = $1`, [need.case_number]);
  expect(await details(id)).toContain(`Ny upphandling pågår (${need.case_number})`);
  expect((await planItem(id))?.state).toMatch(/^✔ Ny upphandling pågår/);
});

it('keeps a contract extended by a decision in the plan when its current end passes before an import confirms it', async () => {
  const [c] = await app.db.query<{ contract_id: string; max_extension_to: string }>(
    `SELECT contract_id, max_extension_to FROM contracts WHERE removed_at IS NULL AND valid_to BETWEEN $1::date AND $1::date + 200
       AND max_extension_to > valid_to + 60 AND max_extension_to <= $1::date + 500 ORDER BY contract_id LIMIT 1`,
    [TODAY],
  );
  const res = await press('plan.extend', { contractId: c.contract_id, n: 0, offset: 0, newEnd0: c.max_extension_to });
  expect(cardText(res.value)).toContain('förlängs till');
  await app.db.query(`UPDATE contracts SET valid_to = $2::date - 1 WHERE contract_id = $1`, [c.contract_id, TODAY]);
  const csv = await (await fetch(`${app.baseUrl}/api/reports/plan.csv`, { headers: { Authorization: `Bearer ${app.config.CONTRACTS_ADMIN_KEY}` } })).text();
  expect(csv.split('\r\n').filter((l) => l.startsWith(`${c.contract_id};`))).toEqual([expect.stringContaining(`;decided;${c.max_extension_to};`)]);
});
