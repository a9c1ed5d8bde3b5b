import { Db } from '../../src/db';
import { createOfficerDirectory } from '../../src/core/officer-repository';
import { coordinationInputSchema, reportNote } from '../../src/core/coordination';
import { IntakeService, createIntakeService } from '../../src/intake/service';
import { appealInputSchema, outcomeInputSchema } from '../../src/intake/outcome';
import { createCaseActions } from '../../src/intake/case-actions';
import { purgeCases } from '../../src/intake/repository';
import { createTestDb } from '../helpers/db';
import { FORM, OFFICER, OTHER, SUBMITTER } from './fixtures';

/**
 * Issue 24: an appeal's cause beside its outcome, and a case marked "ska samordnas" with the reason it was not
 * coordinated (internal controls 5 and 1). Officers only; bad input is refused with nothing recorded.
 */
let db: Db;
let svc: IntakeService;
let n = 0;
const TODAY = '2026-11-30';

async function procuring(regions: ('Sörmland' | 'Västmanland')[] = ['Västmanland']) {
  const { case: c } = await svc.submit({
    form: { ...FORM, regions },
    idempotencyKey: `coord-${++n}`,
    submitter: SUBMITTER,
    contractCheck: { matches: [], choice: 'none' },
    submittedOn: '2026-11-21',
  });
  for (const s of ['under-bedomning', 'planerad', 'upphandling-pagar'] as const) await svc.transition(c.caseNumber, s, OFFICER, null);
  return c.caseNumber;
}
const mark = (v: Record<string, unknown>) => coordinationInputSchema.parse(v);
const stored = (caseNumber: string) =>
  db.query<{ should_coordinate: boolean; coordination_reason: string | null; coordination_note: string | null; appeal_cause: string | null; appeal_cause_note: string | null }>(
    'SELECT should_coordinate, coordination_reason, coordination_note, appeal_cause, appeal_cause_note FROM cases WHERE case_number = $1',
    [caseNumber],
  );

beforeAll(async () => {
  db = await createTestDb();
  svc = createIntakeService({ db, officers: createOfficerDirectory(db, [OFFICER.aadId]) });
});
afterAll(async () => {
  await db.close();
});

describe('the cause of an appeal', () => {
  it('records the cause and its note beside the outcome, and clears them when the appeal is taken back', async () => {
    const no = await procuring();
    const c = await svc.setAppeal(no, OFFICER, appealInputSchema.parse({ appealed: 'true', appealOutcome: 'rattelse', appealCause: 'utvardering', appealCauseNote: 'Poängsättningen av kvalitet' }));
    expect(c.appeal).toEqual({ appealed: true, outcome: 'rattelse', cause: 'utvardering', causeNote: 'Poängsättningen av kvalitet' });
    expect((await svc.get(no))?.appeal.cause).toBe('utvardering');
    await svc.setAppeal(no, OFFICER, appealInputSchema.parse({ appealed: 'false' }));
    expect((await stored(no))[0]).toMatchObject({ appeal_cause: null, appeal_cause_note: null });
  });

  it('accepts only the listed causes, a note of at most 300 characters, and a note only with a cause', () => {
    expect(appealInputSchema.safeParse({ appealed: 'true', appealCause: 'jav' }).success).toBe(false);
    expect(appealInputSchema.safeParse({ appealed: 'true', appealCause: 'annat', appealCauseNote: 'x'.repeat(301) }).error?.issues[0].message).toBe('noteTooLong');
    expect(appealInputSchema.safeParse({ appealed: 'true', appealCauseNote: 'Något' }).error?.issues[0].message).toBe('appealCauseRequired');
    expect(appealInputSchema.parse({ appealed: 'true', appealCause: '', appealCauseNote: '  ' })).toEqual({ appealed: true });
  });

  it('refuses a non-officer before reading the case, and records nothing', async () => {
    const no = await procuring();
    await expect(svc.setAppeal(no, OTHER, appealInputSchema.parse({ appealed: 'true', appealCause: 'underlag' }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(svc.setAppeal('INK-2026-9999', OTHER, appealInputSchema.parse({ appealed: 'true' }))).rejects.toMatchObject({ code: 'forbidden' });
    expect((await stored(no))[0].appeal_cause).toBeNull();
  });
});

describe('"ska samordnas" on a case', () => {
  it('marks a case, records why it was not coordinated, and unmarking forgets the reason', async () => {
    const no = await procuring();
    const marked = await svc.setCoordination(no, OFFICER, mark({ marked: 'true' }), new Date('2026-11-25T10:00:00Z'));
    expect(marked.coordination).toEqual({ marked: true, reason: null, note: null, reasonAt: null });
    const why = await svc.setCoordination(no, OFFICER, mark({ marked: 'true', reason: 'avtalsperioder', note: 'Sörmlands avtal löper till 2028' }), new Date('2026-11-26T10:00:00Z'));
    expect(why.coordination).toEqual({ marked: true, reason: 'avtalsperioder', note: 'Sörmlands avtal löper till 2028', reasonAt: '2026-11-26T10:00:00.000Z' });
    expect((await svc.get(no))?.coordination).toEqual({ marked: true, reason: 'avtalsperioder', note: 'Sörmlands avtal löper till 2028', reasonAt: '2026-11-26T10:00:00Z' });
    // Marking again without a reason keeps the one recorded.
    expect((await svc.setCoordination(no, OFFICER, mark({ marked: 'true' }))).coordination.reason).toBe('avtalsperioder');
    await svc.setCoordination(no, OFFICER, mark({ marked: 'false' }));
    expect((await stored(no))[0]).toMatchObject({ should_coordinate: false, coordination_reason: null, coordination_note: null });
    const history = await svc.events((await svc.get(no))!);
    expect(history.filter((e) => e.kind === 'coordination').map((e) => e.comment)).toEqual(['marked', 'avtalsperioder', 'avtalsperioder', 'unmarked']);
  });

  it('refuses a reason for a case procured for both regions, a reason without the mark, and an unknown reason', async () => {
    const both = await procuring(['Sörmland', 'Västmanland']);
    await svc.setCoordination(both, OFFICER, mark({ marked: 'true' }));
    await svc.recordOutcome(both, OFFICER, outcomeInputSchema.parse({ outcome: 'upphandlad' }), TODAY);
    await expect(svc.setCoordination(both, OFFICER, mark({ marked: 'true', reason: 'tidplan' }))).rejects.toMatchObject({ code: 'coordinated-already' });
    expect((await stored(both))[0].coordination_reason).toBeNull();
    expect(coordinationInputSchema.safeParse({ marked: 'false', reason: 'tidplan' }).error?.issues[0].message).toBe('notMarked');
    expect(coordinationInputSchema.safeParse({ marked: 'true', reason: 'lust' }).success).toBe(false);
    expect(coordinationInputSchema.safeParse({ marked: 'true', note: 'Utan skäl' }).error?.issues[0].message).toBe('reasonRequired');
  });

  it('the card action answers a non-officer without reading the case, and shows a refusal with what was typed', async () => {
    const no = await procuring();
    const actions = createCaseActions({ intake: svc, officers: createOfficerDirectory(db, [OFFICER.aadId]), contractKnown: async () => true, today: () => TODAY });
    const as = (p: { aadId: string; name: string }) => ({ locale: 'sv' as const, person: () => p });
    expect(await actions['case.coordination'](as(OTHER), { caseNumber: no, shouldCoordinate: 'true' })).toBe('Det här får bara inköpare göra.');
    expect((await stored(no))[0].should_coordinate).toBe(false);
    const refused = JSON.stringify(await actions['case.coordination'](as(OFFICER), { caseNumber: no, shouldCoordinate: 'false', coordinationReason: 'tidplan', coordinationNote: 'Olika start' }));
    expect(refused).toContain('Ett skäl kan bara anges när ärendet är markerat som ska samordnas.');
    expect(refused).toContain('Olika start');
    const saved = JSON.stringify(await actions['case.coordination'](as(OFFICER), { caseNumber: no, shouldCoordinate: 'true', coordinationReason: 'en-regions-behov' }));
    expect(saved).toContain('Ska samordnas, blev inte samordnad: Behovet finns bara i en region');
  });

  it('the retention purge clears the officers\' notes and keeps the codes the report counts', async () => {
    const no = await procuring();
    await svc.setCoordination(no, OFFICER, mark({ marked: 'true', reason: 'annat', note: 'Enligt Anna Andersson' }));
    await svc.setAppeal(no, OFFICER, appealInputSchema.parse({ appealed: 'true', appealCause: 'annat', appealCauseNote: 'Leverantören X:s vd' }));
    await svc.recordOutcome(no, OFFICER, outcomeInputSchema.parse({ outcome: 'upphandlad' }), TODAY);
    await db.query(`UPDATE cases SET updated_at = now() - interval '400 days' WHERE case_number = $1`, [no]);
    await db.transaction((tx) => purgeCases(tx, 365));
    expect((await stored(no))[0]).toEqual({ should_coordinate: true, coordination_reason: 'annat', coordination_note: null, appeal_cause: 'annat', appeal_cause_note: null });
  });

  it('a report shows a note on one line, cut at 120 characters', () => {
    expect(reportNote('Två\nrader')).toBe('Två rader');
    expect(reportNote('a'.repeat(200))).toHaveLength(120);
    expect(reportNote(null)).toBe('');
  });
});
