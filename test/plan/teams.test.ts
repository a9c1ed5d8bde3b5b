import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardSubmitActivity, cardText, invoke, messageActivity, messageExtensionQuery, postActivity, send } from '../helpers/teams';
import { contractsInHorizon, isoFromEnglish, moreOffset, OFFICER, planItems, STAFF, TODAY } from './fixtures';

/**
 * The procurement plan through /api/messages, as Teams would drive it: the officers' "plan" card over the
 * sample catalogue, its buttons (Starta ärende, Förläng, Ingen ny upphandling), refusals for staff, and the
 * renewal status staff then see on contract cards.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
});
afterAll(async () => {
  await app?.close();
});

const officer = (locale = 'sv-SE') => ({ user: OFFICER, locale });
const press = (verb: string, data: Record<string, unknown>, opts = officer()) => invoke(app.baseUrl, cardActionInvoke(verb, data, opts));
const detailsText = async (id: string, user = STAFF) => {
  const replies = await send(app.baseUrl, cardSubmitActivity({ verb: 'contracts.details', id }, { user }));
  return cardText(replies[0].attachments?.[0].content);
};

describe('the plan card', () => {
  it('lists every sample contract ending within the horizon, sorted by latest start, each starting before its final end', async () => {
    const replies = await send(app.baseUrl, messageActivity('plan', officer('en-US')));
    let card = replies[0].attachments?.[0].content as unknown;
    expect(cardText(card)).toMatch(/^Procurement plan/);
    const seen = new Map<string, { latestStart: string; finalEnd: string }>();
    for (let page = 0; page < 50; page++) {
      expect(JSON.stringify(card).length).toBeLessThan(28_000); // Teams' card size limit
      for (const item of planItems(card)) {
        if (item.id.startsWith('INK-')) continue;
        // "◷ Start the new procurement by 3 Mar 2027" or "⚠ Overdue: … should have started by 1 Sept 2026"
        expect(item.state).toMatch(/(Start the new procurement by|should have started by) \d/);
        seen.set(item.id, { latestStart: isoFromEnglish(item.state), finalEnd: isoFromEnglish(item.facts['Latest possible end']) });
      }
      const next = moreOffset(card);
      if (next === null) break;
      card = (await press('plan.show', { offset: next }, officer('en-US'))).value;
    }
    const expected = await contractsInHorizon(app.db);
    expect(expected.length).toBeGreaterThan(50);
    expect([...seen.keys()].sort()).toEqual(expected.map((c) => c.contract_id).sort());
    for (const [id, d] of seen) expect([id, d.latestStart < d.finalEnd]).toEqual([id, true]);
    const starts = [...seen.values()].map((d) => d.latestStart);
    expect(starts).toEqual([...starts].sort());
  });

  it('refuses staff politely, in the chat and on every button, and creates nothing', async () => {
    const [reply] = await send(app.baseUrl, messageActivity('upphandlingsplan', { user: STAFF }));
    expect(reply.text).toMatch(/till för Inköps inköpare/);
    const [id] = (await contractsInHorizon(app.db)).map((c) => c.contract_id);
    for (const [verb, data] of [
      ['plan.show', { offset: 0 }],
      ['plan.start', { contractId: id }],
      ['plan.extend', { contractId: id, n: 0, newEnd0: '2027-12-31' }],
      ['plan.decline', { contractId: id, n: 0, reason0: 'Inte behövs' }],
    ] as const) {
      const res = await invoke(app.baseUrl, cardActionInvoke(verb, data, { user: STAFF }));
      expect([verb, String(res.value)]).toEqual([verb, expect.stringMatching(/till för Inköps inköpare/)]);
    }
    expect(await app.db.query('SELECT 1 FROM plan_decisions')).toEqual([]);
    expect(await app.db.query('SELECT 1 FROM cases')).toEqual([]);
  });

  it('answers card data it cannot read without a stack trace', async () => {
    const res = await press('plan.start', { contractId: '<script>' });
    expect(String(res.value)).toMatch(/Kortet skickade uppgifter/);
    const { status, body } = await postActivity(app.baseUrl, cardActionInvoke('plan.extend', { contractId: 'RS-1', n: 'x' }, officer()));
    expect(status).toBe(200);
    const answer = String((body as { value?: unknown }).value);
    expect(answer).toMatch(/Kortet skickade uppgifter/);
    expect(answer).not.toMatch(/Error|\bat \S+:\d+|\.ts\b/);
  });
});

describe('Starta ärende', () => {
  let target: string;
  beforeAll(async () => {
    // A contract ending within a year (staff see its end) with no extension left.
    const [row] = await app.db.query<{ contract_id: string }>(
      `SELECT contract_id FROM contracts WHERE removed_at IS NULL AND max_extension_to IS NULL AND valid_to BETWEEN $1::date AND $1::date + 200 ORDER BY valid_to LIMIT 1`,
      [TODAY],
    );
    target = row.contract_id;
  });

  it('"Starta ärende" makes exactly one linked case on a double click, and the contract card then says a new procurement is under way', async () => {
    expect(await detailsText(target)).toMatch(/Avtalet löper ut \d/);
    const [a, b] = await Promise.all([press('plan.start', { contractId: target, offset: 0 }), press('plan.start', { contractId: target, offset: 0 })]);
    const notices = [a, b].map((r) => cardText(r.value));
    expect(notices.join('\n')).toMatch(/Ärende INK-\d{4}-\d{4} är skapat för/);
    const cases = await app.db.query<{ id: string; case_number: string; status: string; need: Record<string, unknown>; category: string; submitter_aad_id: string }>(
      'SELECT id, case_number, status, need, category, submitter_aad_id FROM cases WHERE linked_contract_id = $1',
      [target],
    );
    expect(cases).toHaveLength(1);
    const [c] = cases;
    const [contract] = await app.db.query<{ category: string; regions: string[]; valid_to: string }>('SELECT category, regions, valid_to FROM contracts WHERE contract_id = $1', [target]);
    expect(c).toMatchObject({ status: 'inkommen', category: contract.category, submitter_aad_id: OFFICER.aadObjectId });
    expect(c.need).toMatchObject({ trigger: 'avtal-loper-ut', regions: contract.regions, currentEnd: contract.valid_to });
    expect(String(c.need.currentContract)).toContain(target);
    // Posted to the officers' channel like any need, and recorded as the plan's decision with who.
    expect(await app.db.query(`SELECT 1 FROM outbox WHERE kind = 'intake.channel-card' AND case_id = $1`, [c.id])).toHaveLength(1);
    const decisions = await app.db.query('SELECT kind, case_number, actor_aad_id, actor_name FROM plan_decisions WHERE contract_id = $1', [target]);
    expect(decisions).toEqual([{ kind: 'case-started', case_number: c.case_number, actor_aad_id: OFFICER.aadObjectId, actor_name: OFFICER.name }]);

    // A third press later finds the open case; staff see the case on the contract everywhere it is shown.
    expect(cardText((await press('plan.start', { contractId: target, offset: 0 })).value)).toContain(`redan ett öppet ärende för ${target}: ${c.case_number}`);
    expect(await app.db.query('SELECT 1 FROM cases WHERE linked_contract_id = $1', [target])).toHaveLength(1);
    expect(await detailsText(target)).toContain(`Ny upphandling pågår (${c.case_number})`);
    const [search] = await send(app.baseUrl, messageActivity(`sök avtal ${target}`, { user: STAFF }));
    expect(cardText(search.attachments?.[0].content)).toContain(`Ny upphandling pågår (${c.case_number})`);
    const ext = await postActivity(app.baseUrl, messageExtensionQuery(target, { user: STAFF }));
    expect(JSON.stringify(ext.body)).toContain(`Ny upphandling pågår (${c.case_number})`);
    // The plan shows the case on the contract, not as a separate item.
    const csv = await (await fetch(`${app.baseUrl}/api/reports/plan.csv`, { headers: { Authorization: `Bearer ${app.config.CONTRACTS_ADMIN_KEY}` } })).text();
    expect(csv.split('\r\n').filter((l) => l.includes(c.case_number))).toEqual([expect.stringMatching(new RegExp(`^${target};.*;${c.case_number};contract;inkommen;`))]);
  });

});

describe('decisions from the plan', () => {
  it('"Förläng" records the decision with who and when, shown as decided until an import confirms it', async () => {
    const [c] = await app.db.query<{ contract_id: string; valid_to: string; max_extension_to: string }>(
      `SELECT contract_id, valid_to, max_extension_to FROM contracts WHERE removed_at IS NULL AND valid_to >= $1::date
         AND max_extension_to > valid_to AND max_extension_to <= $1::date + 540 ORDER BY contract_id LIMIT 1`,
      [TODAY],
    );
    const beyond = await press('plan.extend', { contractId: c.contract_id, n: 4, offset: 0, newEnd4: '2099-01-01' });
    expect(String(beyond.value)).toMatch(/Optionen räcker till/);
    expect(String((await press('plan.extend', { contractId: c.contract_id, n: 4, offset: 0 })).value)).toMatch(/Ange ett nytt slutdatum/);
    const res = await press('plan.extend', { contractId: c.contract_id, n: 4, offset: 0, newEnd4: c.max_extension_to });
    expect(cardText(res.value)).toContain(`Beslut sparat: ${c.contract_id} förlängs till`);
    const rows = await app.db.query<{ new_end: string; actor_aad_id: string; actor_name: string; at: boolean }>(
      `SELECT new_end, actor_aad_id, actor_name, decided_at > now() - interval '1 minute' AS at FROM plan_decisions WHERE contract_id = $1 AND kind = 'extend'`,
      [c.contract_id],
    );
    expect(rows).toEqual([{ new_end: c.max_extension_to, actor_aad_id: OFFICER.aadObjectId, actor_name: OFFICER.name, at: true }]);
    const planRow = async () => {
      const csv = await (await fetch(`${app.baseUrl}/api/reports/plan.csv`, { headers: { Authorization: `Bearer ${app.config.CONTRACTS_ADMIN_KEY}` } })).text();
      const [header, ...lines] = csv.replace(/^\ufeff/, '').trim().split('\r\n');
      const cols = header.split(';');
      const line = lines.find((l) => l.startsWith(`${c.contract_id};`)) as string;
      return Object.fromEntries(line.split(';').map((v, i) => [cols[i], v]));
    };
    expect(await planRow()).toMatchObject({ extension_decided_to: c.max_extension_to, extension_status: 'decided' });
    // The next import carries the new end: no longer "not yet in the catalogue".
    await app.db.query('UPDATE contracts SET valid_to = max_extension_to WHERE contract_id = $1', [c.contract_id]);
    expect(await planRow()).toMatchObject({ extension_decided_to: '', extension_status: 'none', current_end: c.max_extension_to });
  });

  it('"Ingen ny upphandling" records the reason with who, and the item stops asking for a start', async () => {
    const [c] = await app.db.query<{ contract_id: string }>(
      `SELECT contract_id FROM contracts WHERE removed_at IS NULL AND valid_to BETWEEN $1::date AND $1::date + 300 AND max_extension_to IS NULL
         AND NOT EXISTS (SELECT 1 FROM cases WHERE linked_contract_id = contract_id) ORDER BY valid_to DESC LIMIT 1`,
      [TODAY],
    );
    expect(String((await press('plan.decline', { contractId: c.contract_id, n: 2, offset: 0, reason2: ' ' })).value)).toMatch(/Skriv skälet/);
    const res = await press('plan.decline', { contractId: c.contract_id, n: 2, offset: 0, reason2: 'Verksamheten flyttar till regionens egen drift' }, officer('en-US'));
    expect(cardText(res.value)).toContain(`Decision saved: no new procurement for ${c.contract_id}.`);
    const rows = await app.db.query('SELECT kind, reason, actor_aad_id, actor_name FROM plan_decisions WHERE contract_id = $1', [c.contract_id]);
    expect(rows).toEqual([{ kind: 'no-procurement', reason: 'Verksamheten flyttar till regionens egen drift', actor_aad_id: OFFICER.aadObjectId, actor_name: OFFICER.name }]);
    const items = [];
    let card: unknown = (await press('plan.show', { offset: 0 })).value;
    for (let next = moreOffset(card); ; next = moreOffset(card)) {
      items.push(...planItems(card));
      if (next === null) break;
      card = (await press('plan.show', { offset: next })).value;
    }
    const item = items.find((i) => i.id === c.contract_id);
    expect(item?.state).toMatch(/^✖ Ingen ny upphandling: Verksamheten flyttar till regionens egen drift \(Olle Officer, /);
    // Not final: a case can still be started after all.
    expect(item?.buttons).toContain('Starta ärende');
  });

  it('lists the command on the officers\' part of the help card', async () => {
    const [help] = await send(app.baseUrl, messageActivity('hjälp', { user: STAFF }));
    expect(cardText(help.attachments?.[0].content)).toMatch(/Skriv "plan" \(eller "upphandlingsplan"\)/);
  });
});
