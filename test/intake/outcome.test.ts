import { Db } from '../../src/db';
import { createOfficerDirectory } from '../../src/core/officer-repository';
import { IntakeService, createIntakeService } from '../../src/intake/service';
import { outcomeInputSchema, outcomesFrom, actualStartProblem, daysLate } from '../../src/intake/outcome';
import { createTestDb } from '../helpers/db';
import { purgeCases } from '../../src/intake/repository';
import { FORM, OFFICER, SUBMITTER } from './fixtures';

let db: Db;
let svc: IntakeService;
let n = 0;
const started: { caseId: number; actualStart: string | null }[] = [];
const outcomeSeen = new Map<number, string | null>();
const TODAY = '2026-11-30';

async function caseAt(status: 'inkommen' | 'upphandling-pagar') {
  const { case: c } = await svc.submit({
    form: FORM,
    idempotencyKey: `outcome-${++n}`,
    submitter: SUBMITTER,
    contractCheck: { matches: [], choice: 'none' },
    submittedOn: '2026-11-21',
  });
  if (status === 'upphandling-pagar') for (const s of ['under-bedomning', 'planerad', 'upphandling-pagar'] as const) await svc.transition(c.caseNumber, s, OFFICER, null);
  return c.caseNumber;
}
const input = (v: Record<string, unknown>) => outcomeInputSchema.parse(v);
const row = (caseNumber: string) =>
  db.query<{ status: string; outcome: string | null; contract_id: string | null; actual_start: string | null; cancel_cause: string | null }>(
    'SELECT status, outcome, contract_id, actual_start, cancel_cause FROM cases WHERE case_number = $1',
    [caseNumber],
  );
const notices = (caseNumber: string) =>
  db.query<{ key: string }>(
    `SELECT o.payload->>'key' AS key FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'intake.submitter-notice' ORDER BY o.id`,
    [caseNumber],
  );

beforeAll(async () => {
  db = await createTestDb();
  svc = createIntakeService({
    db,
    officers: createOfficerDirectory(db, [OFFICER.aadId]),
    afterStatus: async (_tx, c, to) => {
      outcomeSeen.set(c.id, c.outcome);
      if (to === 'avtal-tecknat') started.push({ caseId: c.id, actualStart: c.actualStart });
    },
    afterActualStart: async (_tx, c) => void started.push({ caseId: c.id, actualStart: c.actualStart }),
  });
});
afterAll(async () => {
  await db.close();
});

describe('the outcome rules', () => {
  it('offers each outcome only from the statuses it fits', () => {
    expect(outcomesFrom('inkommen')).toEqual(['befintligt-avtal', 'avbojd', 'atertagen']);
    expect(outcomesFrom('upphandling-pagar')).toEqual(['upphandlad', 'avbruten']);
    expect(outcomesFrom('avtal-tecknat')).toEqual([]);
  });

  it('refuses a cancellation without a cause and a contract id with characters no id has', () => {
    expect(outcomeInputSchema.safeParse({ outcome: 'avbruten' }).error?.issues[0].message).toBe('causeRequired');
    expect(outcomeInputSchema.safeParse({ outcome: 'upphandlad', contractId: 'RS 2026;DROP' }).error?.issues[0].message).toBe('contractId');
    expect(outcomeInputSchema.safeParse({ outcome: 'upphandlad', actualStart: '2027-02-30' }).error?.issues[0].message).toBe('date');
    expect(outcomeInputSchema.parse({ outcome: 'upphandlad', contractId: ' RS-2026-0101 ', actualStart: '' })).toEqual({ outcome: 'upphandlad', contractId: 'RS-2026-0101' });
  });

  it('takes an actual start a year before the need or three years ahead for a typo', () => {
    expect(actualStartProblem('2025-11-20', '2026-11-21', TODAY)).toBe('tooEarly');
    expect(actualStartProblem('2025-11-22', '2026-11-21', TODAY)).toBeNull();
    expect(actualStartProblem('2029-12-01', '2026-11-21', TODAY)).toBe('tooLate');
    expect(daysLate({ desiredStart: '2027-03-01', actualStart: '2027-04-15' })).toBe(45);
    expect(daysLate({ desiredStart: '2027-03-01', actualStart: '2027-02-20' })).toBe(-9);
  });
});

describe('recording the outcome of a case', () => {
  it('records a procured case with its contract and actual start, the event, the notice, and the survey start', async () => {
    const no = await caseAt('upphandling-pagar');
    const c = await svc.recordOutcome(no, OFFICER, input({ outcome: 'upphandlad', contractId: 'RS-2027-0012', actualStart: '2027-09-15' }), TODAY);
    expect(c.status).toBe('avtal-tecknat');
    expect(await row(no)).toEqual([{ status: 'avtal-tecknat', outcome: 'upphandlad', contract_id: 'RS-2027-0012', actual_start: '2027-09-15', cancel_cause: null }]);
    const events = await svc.events(c);
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', actor: { aadId: OFFICER.aadId }, fromStatus: 'upphandling-pagar', toStatus: 'avtal-tecknat' });
    expect(started).toContainEqual({ caseId: c.id, actualStart: '2027-09-15' });
    expect((await notices(no)).at(-1)?.key).toBe('intake.notice.procuredWithStart');
    expect((await svc.get(no))?.wentToProcurement).toBe(true);
  });

  it('adds the actual start later, tells the submitter and moves the survey start', async () => {
    const no = await caseAt('upphandling-pagar');
    await svc.recordOutcome(no, OFFICER, input({ outcome: 'upphandlad' }), TODAY);
    expect((await notices(no)).at(-1)?.key).toBe('intake.notice.procured');
    const c = await svc.setContractDetails(no, OFFICER, { actualStart: '2027-10-01', contractId: 'RS-2027-0099' }, TODAY);
    expect(c).toMatchObject({ actualStart: '2027-10-01', contractId: 'RS-2027-0099' });
    expect(started).toContainEqual({ caseId: c.id, actualStart: '2027-10-01' });
    expect((await notices(no)).at(-1)?.key).toBe('intake.notice.actualStart');
    expect((await svc.events(c)).at(-1)).toMatchObject({ kind: 'contract', comment: 'RS-2027-0099 · 2027-10-01' });
  });

  it('records a cancellation with its cause', async () => {
    const no = await caseAt('upphandling-pagar');
    await svc.recordOutcome(no, OFFICER, input({ outcome: 'avbruten', cause: 'inga-anbud' }), TODAY);
    expect(await row(no)).toEqual([{ status: 'avbruten', outcome: 'avbruten', contract_id: null, actual_start: null, cancel_cause: 'inga-anbud' }]);
    expect((await notices(no)).at(-1)?.key).toBe('intake.notice.cancelled');
  });

  it('notes an appeal on a procurement under way and refuses one on a new need', async () => {
    const no = await caseAt('upphandling-pagar');
    const c = await svc.setAppeal(no, OFFICER, { appealed: true, appealOutcome: 'rattelse' });
    expect(c.appeal).toEqual({ appealed: true, outcome: 'rattelse', cause: null, causeNote: null });
    expect((await svc.get(no))?.appeal).toEqual({ appealed: true, outcome: 'rattelse', cause: null, causeNote: null });
    const fresh = await caseAt('inkommen');
    await expect(svc.setAppeal(fresh, OFFICER, { appealed: true })).rejects.toMatchObject({ code: 'not-appealable' });
  });

  it('refuses what does not fit, and records nothing', async () => {
    const fresh = await caseAt('inkommen');
    const under = await caseAt('upphandling-pagar');
    const before = [await row(fresh), await row(under)];
    const eventsBefore = (await svc.events((await svc.get(under))!)).length;
    await expect(svc.recordOutcome(fresh, OFFICER, input({ outcome: 'upphandlad' }), TODAY)).rejects.toMatchObject({ code: 'outcome-not-allowed' });
    await expect(svc.recordOutcome(under, OFFICER, input({ outcome: 'upphandlad', actualStart: '2024-01-01' }), TODAY)).rejects.toMatchObject({ code: 'actual-start-early' });
    await expect(svc.recordOutcome(under, OFFICER, input({ outcome: 'upphandlad', actualStart: '2031-01-01' }), TODAY)).rejects.toMatchObject({ code: 'actual-start-late' });
    await expect(svc.recordOutcome(under, OFFICER, input({ outcome: 'avbojd' }), TODAY)).rejects.toMatchObject({ code: 'outcome-not-allowed' });
    await expect(svc.recordOutcome(fresh, OFFICER, input({ outcome: 'avbojd', actualStart: '2027-01-01' }), TODAY)).rejects.toMatchObject({ code: 'start-needs-procured' });
    await expect(svc.setAppeal(fresh, OFFICER, { appealed: true })).rejects.toMatchObject({ code: 'not-appealable' });
    await expect(svc.recordOutcome(under, SUBMITTER, input({ outcome: 'upphandlad' }), TODAY)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(svc.setContractDetails(under, OFFICER, { actualStart: '2027-01-01' }, TODAY)).rejects.toMatchObject({ code: 'not-procured' });
    expect([await row(fresh), await row(under)]).toEqual(before);
    expect((await svc.events((await svc.get(under))!)).length).toBe(eventsBefore);
  });

  it('sets the outcome a plain status change implies, and remembers that the procurement started', async () => {
    const no = await caseAt('inkommen');
    expect((await svc.get(no))?.wentToProcurement).toBe(false);
    await svc.transition(no, 'avbojd', OFFICER, 'Inte vårt område');
    expect(await row(no)).toEqual([expect.objectContaining({ status: 'avbojd', outcome: 'avbojd' })]);
    const under = await caseAt('upphandling-pagar');
    const c = await svc.get(under);
    expect(c?.wentToProcurement).toBe(true);
    expect(c?.outcome).toBeNull();
    // Withdrawn once the procurement had started: a cancelled procurement, the need changed.
    await svc.transition(under, 'atertagen', SUBMITTER, null);
    expect(await row(under)).toEqual([expect.objectContaining({ status: 'atertagen', outcome: 'avbruten', cancel_cause: 'behov-andrat' })]);
    // A plain move to "avtal tecknat" hands the listeners (the survey) a case whose outcome is already set.
    const signed = await caseAt('upphandling-pagar');
    await svc.transition(signed, 'avtal-tecknat', OFFICER, null);
    const s = await svc.get(signed);
    expect(started).toContainEqual({ caseId: s!.id, actualStart: null });
    expect(outcomeSeen.get(s!.id)).toBe('upphandlad');
  });

  it('counts a need met by a contract at submission as met by an existing contract', async () => {
    const { case: c } = await svc.submit({
      form: FORM,
      idempotencyKey: `outcome-${++n}`,
      submitter: SUBMITTER,
      contractCheck: { matches: ['RS-2023-0127'], choice: 'use-contract', contractId: 'RS-2023-0127' },
      submittedOn: '2026-11-21',
    });
    expect(c).toMatchObject({ outcome: 'befintligt-avtal', contractId: 'RS-2023-0127', wentToProcurement: false });
  });

  it('forgets the people of a procured case left at "avtal tecknat" after the retention period, keeping the figures', async () => {
    const no = await caseAt('upphandling-pagar');
    await svc.recordOutcome(no, OFFICER, input({ outcome: 'upphandlad', contractId: 'RS-2027-0100', actualStart: '2027-06-01', comment: 'Klart med Anna' }), TODAY);
    await db.query(`UPDATE cases SET updated_at = now() - interval '400 days' WHERE case_number = $1`, [no]);
    await db.transaction((tx) => purgeCases(tx, 365));
    const [c] = await db.query<{ submitter_aad_id: string; submitter_name: string; outcome: string; actual_start: string; contract_id: string }>(
      'SELECT submitter_aad_id, submitter_name, outcome, actual_start, contract_id FROM cases WHERE case_number = $1',
      [no],
    );
    expect(c).toEqual({ submitter_aad_id: '', submitter_name: '', outcome: 'upphandlad', actual_start: '2027-06-01', contract_id: 'RS-2027-0100' });
    const comments = await db.query<{ comment: string | null }>('SELECT e.comment FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = $1', [no]);
    expect(comments.every((e) => e.comment === null)).toBe(true);
  });
});
