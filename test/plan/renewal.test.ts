import { withRenewalStatus } from '../../src/contracts/renewal';
import { ContractView } from '../../src/contracts/model';
import { renewalStatus } from '../../src/core/renewal';
import { Db } from '../../src/db';
import { CASE_STATUSES } from '../../src/intake/lifecycle';
import { isRenewal } from '../../src/plan/model';
import { createTestDb } from '../helpers/db';

/**
 * The renewal status staff see, as data: the kernel's renewal_status table (migration 023), kept by a trigger
 * on cases in the same transaction as the case change, read by contracts with the page; the near end from the
 * contract's own dates.
 */
const TODAY = '2026-11-21';

it('says under way for a renewal case, else ending when the final end is within the staff months, else nothing', () => {
  expect(renewalStatus({ validTo: '2027-03-31', maxExtensionTo: null, renewalCase: 'INK-2026-0001' }, TODAY, 12)).toEqual({ kind: 'under-way', caseNumber: 'INK-2026-0001' });
  expect(renewalStatus({ validTo: '2027-03-31', maxExtensionTo: '2027-09-30' }, TODAY, 12)).toEqual({ kind: 'ending', end: '2027-09-30', final: false });
  expect(renewalStatus({ validTo: '2027-03-31', maxExtensionTo: null }, TODAY, 12)).toEqual({ kind: 'ending', end: '2027-03-31', final: true });
  // An option before the current end is no option: the current end is final.
  expect(renewalStatus({ validTo: '2027-03-31', maxExtensionTo: '2027-01-31' }, TODAY, 12)).toEqual({ kind: 'ending', end: '2027-03-31', final: true });
  // Past the window (12 months: 2027-11-21), already ended, or the window off.
  expect(renewalStatus({ validTo: '2027-11-22', maxExtensionTo: null }, TODAY, 12)).toBeUndefined();
  expect(renewalStatus({ validTo: '2027-11-21', maxExtensionTo: null }, TODAY, 12)).toEqual({ kind: 'ending', end: '2027-11-21', final: true });
  expect(renewalStatus({ validTo: '2026-11-20', maxExtensionTo: null }, TODAY, 12)).toBeUndefined();
  expect(renewalStatus({ validTo: '2027-03-31', maxExtensionTo: null }, TODAY, 0)).toBeUndefined();
});

it('decorates copies of the views without another lookup, leaving the repository\'s own views unchanged', async () => {
  const items = [
    { contractId: 'RS-1', validTo: '2027-03-31', maxExtensionTo: null, renewalCase: 'INK-2026-0004' },
    { contractId: 'RS-2', validTo: '2029-03-31', maxExtensionTo: null },
  ] as unknown as ContractView[];
  const plain = { search: async (_q: { today: string }) => ({ total: 2, items }), get: async (_id: string, _today: string) => items[1] };
  const repo = withRenewalStatus(plain, 12);
  const found = await repo.search({ today: TODAY });
  expect(found.items.map((c) => c.renewal)).toEqual([{ kind: 'under-way', caseNumber: 'INK-2026-0004' }, undefined]);
  expect(items[0].renewal).toBeUndefined();
  expect((await repo.get('RS-2', TODAY))?.renewal).toBeUndefined();
});

describe('renewal_status, kept by the trigger on cases', () => {
  let db: Db;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.close());

  async function addCase(contractId: string | null, status: string, key = `form:${++n}`): Promise<string> {
    const caseNumber = `INK-2026-${String(++n).padStart(4, '0')}`;
    await db.query(
      `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year,
         desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id, submitter_name, linked_contract_id)
       VALUES ($1, $2, $3, 'Förnyelse', 'tjanster', 'tjanst', 0, 0, '2027-06-01', '2026-01-10', 'fa-kat', 'i-tid', 0, '{}'::jsonb, '{}'::jsonb, 'x', 'X', $4)`,
      [caseNumber, key, status, contractId],
    );
    return caseNumber;
  }
  const table = async () => Object.fromEntries((await db.query<{ contract_key: string; case_number: string }>('SELECT contract_key, case_number FROM renewal_status')).map((r) => [r.contract_key, r.case_number]));
  const version = async () => Number((await db.query<{ value: string }>(`SELECT value::text AS value FROM search_meta WHERE key = 'renewal_version'`))[0].value);

  it('applies the plan\'s rule (isRenewal) to every status, for cases from the plan and from staff', async () => {
    for (const status of CASE_STATUSES) {
      for (const fromPlan of [false, true]) {
        const [row] = await db.query<{ r: boolean }>('SELECT case_is_renewal($1, $2) AS r', [status, fromPlan ? 'plan:rs-1:0' : 'form:x']);
        const open = !['avslutad', 'avbojd', 'atertagen', 'avbruten'].includes(status);
        expect([status, fromPlan, row.r]).toEqual([status, fromPlan, open && isRenewal({ status, fromPlan })]);
      }
    }
  });

  it('follows a case from the plan, a staff need that Inköp plans, and their closing, in the change\'s own statement', async () => {
    const v0 = await version();
    const fromPlan = await addCase(' RS-100 ', 'inkommen', 'plan:rs-100:0');
    const need = await addCase('RS-200', 'inkommen');
    await addCase(null, 'planerad');
    expect(await table()).toEqual({ 'rs-100': fromPlan });
    await db.query(`UPDATE cases SET status = 'planerad' WHERE case_number = $1`, [need]);
    const later = await addCase('rs-200', 'upphandling-pagar');
    // The first renewal by case number is the one shown.
    expect(await table()).toEqual({ 'rs-100': fromPlan, 'rs-200': need });
    await db.query(`UPDATE cases SET status = 'avbojd' WHERE case_number = $1`, [need]);
    expect(await table()).toEqual({ 'rs-100': fromPlan, 'rs-200': later });
    await db.query(`UPDATE cases SET status = 'avslutad' WHERE case_number = ANY($1::text[])`, [[fromPlan, later]]);
    expect(await table()).toEqual({});
    expect(await version()).toBeGreaterThan(v0);
    // A change that does not touch a renewal leaves the version alone.
    const v1 = await version();
    await db.query(`UPDATE cases SET status = 'under-bedomning' WHERE linked_contract_id IS NULL`);
    expect(await version()).toBe(v1);
  });

  it('is undone with a transaction that is rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`UPDATE cases SET status = 'planerad' WHERE linked_contract_id = 'RS-200'`);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await table()).toEqual({});
  });
});
