import { Db } from '../../src/db';
import { CASE_STATUSES, CaseStatus, allowedNext } from '../../src/intake/lifecycle';
import { createOfficerDirectory } from '../../src/core/officer-repository';
import { IntakeService, createIntakeService } from '../../src/intake/service';
import { createTestDb } from '../helpers/db';
import { FORM, OFFICER, OTHER, SUBMITTER } from './fixtures';
import { OFFICERS_CHANNEL, userTarget } from '../../src/core/targets';

let db: Db;
let svc: IntakeService;
let n = 0;
const submit = (over: Partial<Parameters<IntakeService['submit']>[0]> = {}) =>
  svc.submit({
    form: FORM,
    idempotencyKey: `form-${++n}`,
    submitter: SUBMITTER,
    contractCheck: { matches: [], choice: 'none' },
    submittedOn: '2026-11-21',
    ...over,
  });
const outbox = () =>
  db.query<{ kind: string; target: { key: string }; payload: Record<string, unknown>; case_id: number }>(
    'SELECT kind, target, payload, case_id::int AS case_id FROM outbox ORDER BY id',
  );

beforeAll(async () => {
  db = await createTestDb();
  svc = createIntakeService({ db, officers: createOfficerDirectory(db, [OFFICER.aadId]) });
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.exec('DELETE FROM outbox');
});

describe('submitting a need', () => {
  it('numbers cases INK-YYYY-NNNN per year and stores the assessment', async () => {
    const a = await submit();
    const b = await submit();
    const next = await submit({ submittedOn: '2027-01-02' });
    expect(a.case.caseNumber).toMatch(/^INK-2026-\d{4}$/);
    expect(Number(b.case.caseNumber.slice(-4))).toBe(Number(a.case.caseNumber.slice(-4)) + 1);
    expect(next.case.caseNumber).toBe('INK-2027-0001');
    expect(a.case.status).toBe('inkommen');
    expect(a.case.route).toBe('complex'); // medical technology under MDR, above the direct limit
    expect(a.case.risk).toBe('knappt'); // 9–18 months planned; the desired start is 9 months away
  });

  it('writes the case and the officers\' notice together', async () => {
    const { case: c } = await submit();
    const rows = await outbox();
    expect(rows).toEqual([{ kind: 'intake.channel-card', target: { key: OFFICERS_CHANNEL }, payload: {}, case_id: c.id }]);
    const events = await svc.events(c);
    expect(events.map((e) => e.kind)).toEqual(['created']);
  });

  it('creates one case and one notice for a double-clicked submit', async () => {
    const [x, y] = await Promise.all([submit({ idempotencyKey: 'same-card' }), submit({ idempotencyKey: 'same-card' })]);
    const again = await submit({ idempotencyKey: 'same-card' });
    expect(new Set([x.case.caseNumber, y.case.caseNumber, again.case.caseNumber]).size).toBe(1);
    expect([x.created, y.created, again.created].filter(Boolean)).toHaveLength(1);
    expect((await outbox()).filter((r) => r.kind === 'intake.channel-card')).toHaveLength(1);
  });

  it('records a need met by an existing contract, without bothering the officers', async () => {
    const { case: c } = await submit({ contractCheck: { matches: ['RS-2023-0127'], choice: 'use-contract', contractId: 'RS-2023-0127' } });
    expect(c.status).toBe('atertagen');
    expect(c.route).toBe('existing-contract');
    expect(c.contractCheck.choice).toBe('use-contract');
    expect(await outbox()).toEqual([]);
  });
});

describe('who may do what', () => {
  it('lets an officer take a case, which moves it to "under bedömning" and tells the submitter', async () => {
    const { case: c } = await submit();
    await db.exec('DELETE FROM outbox');
    const updated = await svc.assign(c.caseNumber, OFFICER);
    expect(updated.status).toBe('under-bedomning');
    expect(updated.assignee?.name).toBe(OFFICER.name);
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.target.key])).toEqual([
      ['intake.channel-card', OFFICERS_CHANNEL],
      ['intake.submitter-notice', userTarget(SUBMITTER.aadId)],
      ['intake.submitter-notice', userTarget(SUBMITTER.aadId)],
    ]);
  });

  const roles = { officer: OFFICER, submitter: SUBMITTER, other: OTHER } as const;
  const actions = {
    assign: (cn: string, who: typeof OFFICER) => svc.assign(cn, who),
    advance: (cn: string, who: typeof OFFICER) => svc.transition(cn, 'under-bedomning', who, null),
    decline: (cn: string, who: typeof OFFICER) => svc.transition(cn, 'avbojd', who, 'Finns redan nationellt avtal'),
    withdraw: (cn: string, who: typeof OFFICER) => svc.transition(cn, 'atertagen', who, null),
    ask: (cn: string, who: typeof OFFICER) => svc.ask(cn, who, 'Hur många enheter?'),
  };
  const expected: Record<keyof typeof actions, Record<keyof typeof roles, boolean>> = {
    assign: { officer: true, submitter: false, other: false },
    advance: { officer: true, submitter: false, other: false },
    decline: { officer: true, submitter: false, other: false },
    withdraw: { officer: true, submitter: true, other: false },
    ask: { officer: true, submitter: false, other: false },
  };
  for (const [action, byRole] of Object.entries(expected)) {
    for (const [role, allowed] of Object.entries(byRole)) {
      it(`${action} by ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const { case: c } = await submit();
        const run = actions[action as keyof typeof actions](c.caseNumber, roles[role as keyof typeof roles]);
        if (allowed) await expect(run).resolves.toBeDefined();
        else await expect(run).rejects.toMatchObject({ code: 'forbidden' });
        if (!allowed) expect((await svc.get(c.caseNumber))?.status).toBe('inkommen');
      });
    }
  }
});

describe('lifecycle', () => {
  it('walks the whole way and records every step', async () => {
    const { case: c } = await submit();
    const path: CaseStatus[] = ['under-bedomning', 'planerad', 'upphandling-pagar', 'avtal-tecknat', 'avslutad'];
    for (const to of path) await svc.transition(c.caseNumber, to, OFFICER, `till ${to}`);
    const events = await svc.events(c);
    expect(events.filter((e) => e.kind === 'status').map((e) => [e.fromStatus, e.toStatus, e.actor.name])).toEqual([
      ['inkommen', 'under-bedomning', OFFICER.name],
      ['under-bedomning', 'planerad', OFFICER.name],
      ['planerad', 'upphandling-pagar', OFFICER.name],
      ['upphandling-pagar', 'avtal-tecknat', OFFICER.name],
      ['avtal-tecknat', 'avslutad', OFFICER.name],
    ]);
  });

  it('refuses steps that skip ahead or leave a closed case', async () => {
    const { case: c } = await submit();
    await expect(svc.transition(c.caseNumber, 'avtal-tecknat', OFFICER, null)).rejects.toMatchObject({ code: 'transition' });
    await svc.transition(c.caseNumber, 'avbojd', OFFICER, null);
    await expect(svc.transition(c.caseNumber, 'under-bedomning', OFFICER, null)).rejects.toMatchObject({ code: 'transition' });
    await expect(svc.assign(c.caseNumber, OFFICER)).rejects.toMatchObject({ code: 'closed' });
  });

  it('offers a submitter nothing but withdrawal, and nothing at all after the contract is signed', () => {
    for (const s of CASE_STATUSES) expect(allowedNext(s, 'submitter').every((x) => x === 'atertagen')).toBe(true);
    expect(allowedNext('avtal-tecknat', 'submitter')).toEqual([]);
  });

  it('sends a question to the submitter and takes back only their answer', async () => {
    const { case: c } = await submit();
    await svc.ask(c.caseNumber, OFFICER, 'Vilka storlekar på manschetter?');
    await expect(svc.answer(c.caseNumber, OTHER, 'Jag svarar åt henne')).rejects.toMatchObject({ code: 'forbidden' });
    const answered = await svc.answer(c.caseNumber, SUBMITTER, 'S, M och L');
    expect(answered.pendingQuestion).toBeNull();
    await expect(svc.answer(c.caseNumber, SUBMITTER, 'igen')).rejects.toMatchObject({ code: 'no-question' });
    const events = await svc.events(c);
    expect(events.slice(-2).map((e) => [e.kind, e.comment])).toEqual([
      ['question', 'Vilka storlekar på manschetter?'],
      ['answer', 'S, M och L'],
    ]);
  });

  it('lists a submitter\'s own cases only, and all open cases only to officers', async () => {
    const mine = await svc.listFor(SUBMITTER, 'mine');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.submitter.aadId === SUBMITTER.aadId)).toBe(true);
    expect(await svc.listFor(OTHER, 'mine')).toEqual([]);
    await expect(svc.listFor(OTHER, 'all')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await svc.listFor(OFFICER, 'all')).every((c) => !['avslutad', 'avbojd', 'atertagen'].includes(c.status))).toBe(true);
  });
});
