import { DEFAULT_LEAD_TIMES } from '../../src/rules/data';
import { addMonths, digestWeekDue, isoWeek, swedishClock } from '../../src/plan/calendar';
import { digestEntries } from '../../src/plan/digest';
import { PlanCase, PlanContract, PlanDecision, PlanSettings, buildPlan, caseItem, contractItem, extensionRefusal, inPlan } from '../../src/plan/model';
import { CONTRACT_ROUTE_DEFAULTS, contractRoute, contractRoutes } from '../../src/plan/route-defaults';

/** The plan's domain functions: horizons, extension decisions, latest start, overdue, data problems, the digest's week. */
const TODAY = '2026-11-21';
// No implementation margin here: these tests pin the lead-time arithmetic; the margin has its own tests.
const S: PlanSettings = { today: TODAY, horizonMonths: 18, noticeMonths: 3, implementationDays: 0, leadTimes: DEFAULT_LEAD_TIMES, contractRoutes: CONTRACT_ROUTE_DEFAULTS };

const contract = (over: Partial<PlanContract> = {}): PlanContract => ({
  contractId: 'RS-2024-0001',
  title: 'Infusionspumpar',
  category: 'tjanster',
  categoryName: { sv: 'Tjänster', en: 'Services' },
  contractType: 'avtal',
  regions: ['Sörmland'],
  validFrom: '2024-01-01',
  validTo: '2027-06-30',
  maxExtensionTo: null,
  ...over,
});
const openCase = (over: Partial<PlanCase> = {}): PlanCase => ({
  caseNumber: 'INK-2026-0007',
  title: 'Tolktjänster',
  category: 'tjanster',
  categoryName: null,
  status: 'inkommen',
  desiredStart: '2027-09-01',
  route: 'advertised-below',
  leadTime: { minDays: 122, maxDays: 183 },
  linkedContractId: null,
  ...over,
});
const decision = (over: Partial<PlanDecision>): PlanDecision => ({
  id: 1,
  contractId: 'RS-2024-0001',
  kind: 'extend',
  newEnd: null,
  reason: null,
  caseNumber: null,
  decidedAt: '2026-11-01T10:00:00.000Z',
  actorName: 'Olle Officer',
  ...over,
});

describe('months and weeks', () => {
  it.each([
    ['2027-05-31', -3, '2027-02-28'],
    ['2028-05-31', -3, '2028-02-29'],
    ['2026-11-21', 18, '2028-05-21'],
    ['2027-01-15', -1, '2026-12-15'],
    ['2026-12-31', 2, '2027-02-28'],
  ])('%s %p months is %s', (day, n, expected) => expect(addMonths(day, n)).toBe(expected));

  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in ISO week %s', (day, week) => expect(isoWeek(day)).toBe(week));

  it('reads the clock in Swedish time, summer and winter', () => {
    expect(swedishClock(new Date('2026-11-22T23:30:00Z'))).toEqual({ day: '2026-11-23', weekday: 1, time: '00:30' });
    expect(swedishClock(new Date('2026-06-01T05:00:00Z'))).toEqual({ day: '2026-06-01', weekday: 1, time: '07:00' });
  });

  it('makes the digest due on its weekday from its time until midnight, and never when switched off', () => {
    expect(digestWeekDue(new Date('2026-11-23T05:59:00Z'), 1, '07:00')).toBeNull(); // 06:59 in Sweden
    expect(digestWeekDue(new Date('2026-11-23T06:00:00Z'), 1, '07:00')).toBe('2026-W48');
    expect(digestWeekDue(new Date('2026-11-23T22:59:00Z'), 1, '07:00')).toBe('2026-W48');
    expect(digestWeekDue(new Date('2026-11-24T08:00:00Z'), 1, '07:00')).toBeNull(); // Tuesday: no catching up
    expect(digestWeekDue(new Date('2026-11-23T08:00:00Z'), null, '07:00')).toBeNull();
  });
});

describe('which contracts are in the plan', () => {
  it('takes current contracts whose final end (with extensions) falls within the horizon', () => {
    expect(inPlan(contract({ validTo: '2028-05-21' }), S)).toBe(true);
    expect(inPlan(contract({ validTo: '2028-05-22' }), S)).toBe(false);
    // The current end is near but the extensions reach past the horizon: not yet.
    expect(inPlan(contract({ validTo: '2027-03-01', maxExtensionTo: '2029-03-01' }), S)).toBe(false);
    expect(inPlan(contract({ validTo: '2026-11-20' }), S)).toBe(false); // expired yesterday
    expect(inPlan(contract({ validTo: TODAY }), S)).toBe(true);
  });

  it('lists contracts with bad dates as data problems, whatever the horizon', () => {
    expect(inPlan(contract({ validTo: null }), S)).toBe(true);
    expect(inPlan(contract({ validTo: '2030-01-01', maxExtensionTo: '2029-01-01' }), S)).toBe(true);
    const noEnd = contractItem(contract({ validTo: null }), undefined, [], S);
    expect(noEnd).toMatchObject({ problems: ['no-end-date'], finalEnd: null, latestStart: null, start: 'unknown' });
    const before = contractItem(contract({ validTo: '2027-06-30', maxExtensionTo: '2027-01-01' }), undefined, [], S);
    expect(before).toMatchObject({ problems: ['extension-before-end'], finalEnd: '2027-06-30', extension: { remains: false, state: 'none' } });
    expect(contractItem(contract({ validTo: '2027-02-30' }), undefined, [], S).problems).toEqual(['no-end-date']);
  });
});

describe('a contract item', () => {
  it('has the final end, the extension decision date (current end − notice) and the latest start (final end − lead time max)', () => {
    const item = contractItem(contract({ validTo: '2027-12-31', maxExtensionTo: '2028-05-31', contractType: 'externt-ramavtal' }), undefined, [], S);
    // A call-off: 91 days. Not extended: 2027-12-31 − 91 = 2027-10-01, after the notice date, which stands.
    expect(item).toMatchObject({ extension: { remains: true, decideBy: '2027-09-30', state: 'open' }, latestStartIfNotExtended: '2027-10-01', latestStart: '2028-03-01' });
  });

  it('an undecided option: two latest starts, and the decision no later than the first (issue 24)', () => {
    const item = contractItem(contract({ validTo: '2027-05-31', maxExtensionTo: '2028-05-31', contractType: 'ramavtal' }), undefined, [], S);
    expect(item).toMatchObject({
      currentEnd: '2027-05-31',
      finalEnd: '2028-05-31',
      // Declining the option on 2027-02-28 (3 months' notice) would leave 3 of 9 months: decide by the latest start if not extended.
      latestStartIfNotExtended: '2026-08-30', // 2027-05-31 − 274 days
      extension: { remains: true, decideBy: '2026-08-30', decidedTo: null, state: 'overdue' },
      route: 'open-above',
      leadTime: DEFAULT_LEAD_TIMES['open-above'],
      routeSource: 'type',
      latestStart: '2027-08-31', // 2028-05-31 − 274 days
      start: 'open',
    });
    expect(item.latestStart! < item.finalEnd!).toBe(true);
  });

  it('marks a late start and a late extension decision as overdue', () => {
    const item = contractItem(contract({ validTo: '2027-01-31', maxExtensionTo: '2027-07-31', contractType: 'ramavtal' }), undefined, [], S);
    expect(item.extension).toMatchObject({ decideBy: '2026-05-02', state: 'overdue' });
    expect(item).toMatchObject({ latestStart: '2026-10-30', latestStartIfNotExtended: '2026-05-02', start: 'overdue' });
  });

  it('takes the route from the contract type, long categories, or the linked case', () => {
    expect(contractRoute({ contractType: 'externt-ramavtal', category: 'medicinteknik' }, CONTRACT_ROUTE_DEFAULTS)).toEqual({ route: 'call-off', source: 'type' });
    expect(contractRoute({ contractType: 'Ramavtal', category: 'medicinteknik' }, CONTRACT_ROUTE_DEFAULTS)).toEqual({ route: 'complex', source: 'category' });
    expect(contractRoute({ contractType: 'avtal', category: 'tjanster' }, CONTRACT_ROUTE_DEFAULTS)).toEqual({ route: 'advertised-below', source: 'type' });
    expect(contractRoute({ contractType: 'Hyresavtal', category: 'tjanster' }, CONTRACT_ROUTE_DEFAULTS)).toEqual({ route: 'open-above', source: 'fallback' });
    expect(contractRoute({ contractType: 'avtal', category: 'lakemedel' }, contractRoutes({ categories: { lakemedel: 'open-above' } })).route).toBe('open-above');
    const linked = openCase({ linkedContractId: 'RS-2024-0001', route: 'direct', leadTime: { minDays: 30, maxDays: 61 }, status: 'under-bedomning', fromPlan: true });
    const item = contractItem(contract(), linked, [], S);
    expect(item).toMatchObject({ route: 'direct', routeSource: 'case', latestStart: '2027-04-30', start: 'started', caseNumber: 'INK-2026-0007', need: null });
  });

  it('counts a linked case as the renewal only when started from the plan or planned or under way; a need received is a note', () => {
    const need = openCase({ linkedContractId: 'RS-2024-0001', route: 'direct', leadTime: { minDays: 30, maxDays: 61 } });
    for (const status of ['inkommen', 'under-bedomning']) {
      const item = contractItem(contract({ validTo: '2027-01-31' }), { ...need, status }, [], S);
      expect(item).toMatchObject({ start: 'overdue', caseNumber: null, route: 'advertised-below', routeSource: 'type', need: { caseNumber: 'INK-2026-0007', status } });
    }
    for (const status of ['planerad', 'upphandling-pagar']) expect(contractItem(contract(), { ...need, status }, [], S)).toMatchObject({ start: 'started', need: null });
    // A need does not undo "no new procurement".
    const no = decision({ kind: 'no-procurement', reason: 'Upphör' });
    expect(contractItem(contract(), need, [no], S).start).toBe('no-procurement');
  });

  it('keeps a contract whose end has passed while an extension decided to a later day waits for an import', () => {
    const passed = contract({ validTo: '2026-11-20', maxExtensionTo: '2027-11-20' });
    expect(inPlan(passed, S)).toBe(false);
    expect(inPlan(passed, S, '2027-05-20')).toBe(true);
    expect(inPlan(passed, S, '2026-11-20')).toBe(false);
    const plan = buildPlan([passed], [], [decision({ contractId: 'RS-2024-0001', newEnd: '2027-05-20' })], S);
    expect(plan.map((i) => [i.contractId, i.extension.decidedTo])).toEqual([['RS-2024-0001', '2027-05-20']]);
  });

  it('shows an extension as decided, not yet in the catalogue, until an import\'s end date reaches it', () => {
    const c = contract({ validTo: '2027-03-31', maxExtensionTo: '2028-03-31' });
    const extended = contractItem(c, undefined, [decision({ newEnd: '2027-09-30' })], S);
    // The decided new end counts as the end if the remaining option is not used: 2027-09-30 − 183 days.
    expect(extended.extension).toEqual({ remains: true, decideBy: '2027-03-31', decidedTo: '2027-09-30', state: 'open' });
    const toTheEnd = contractItem(c, undefined, [decision({ newEnd: '2028-03-31' })], S);
    expect(toTheEnd.extension).toEqual({ remains: false, decideBy: null, decidedTo: '2028-03-31', state: 'decided' });
    // The next import carries the new end: the decision is history.
    const imported = contractItem({ ...c, validTo: '2028-03-31' }, undefined, [decision({ newEnd: '2028-03-31' })], S);
    expect(imported.extension).toEqual({ remains: false, decideBy: null, decidedTo: null, state: 'none' });
  });

  it('settles an item with "no new procurement", until a later case is started', () => {
    const no = decision({ id: 2, kind: 'no-procurement', reason: 'Behovet upphör', decidedAt: '2026-11-10T09:00:00.000Z' });
    const item = contractItem(contract({ validTo: '2027-01-31', maxExtensionTo: '2027-07-31' }), undefined, [no], S);
    expect(item).toMatchObject({ start: 'no-procurement', noProcurement: { reason: 'Behovet upphör', actorName: 'Olle Officer' }, extension: { state: 'none' } });
    const later = decision({ id: 3, kind: 'case-started', caseNumber: 'INK-2026-0009', decidedAt: '2026-11-12T09:00:00.000Z' });
    expect(contractItem(contract({ validTo: '2027-01-31' }), undefined, [no, later], S).start).toBe('overdue');
  });
});

describe('the plan', () => {
  it('lists contracts and open cases by latest start, a linked case on its contract, problems last', () => {
    const contracts = [
      contract({ contractId: 'RS-A', validTo: '2028-01-31', contractType: 'externt-ramavtal' }),
      contract({ contractId: 'RS-B', validTo: '2027-06-30' }),
      contract({ contractId: 'RS-C', validTo: '2030-01-01' }),
      contract({ contractId: 'RS-D', validTo: null }),
    ];
    const cases = [
      openCase(),
      openCase({ caseNumber: 'INK-2026-0006', linkedContractId: 'RS-B', route: 'direct', leadTime: null }), // a need: listed on its own
      openCase({ caseNumber: 'INK-2026-0008', linkedContractId: 'rs-b', route: 'open-above', leadTime: null, fromPlan: true }),
    ];
    const plan = buildPlan(contracts, cases, [], S).filter((i) => i.caseNumber !== 'INK-2026-0006');
    expect(plan.map((i) => i.contractId ?? i.caseNumber)).toEqual(['RS-B', 'INK-2026-0007', 'RS-A', 'RS-D']);
    expect(plan[0]).toMatchObject({ caseNumber: 'INK-2026-0008', start: 'started', latestStart: '2026-09-29' });
    expect(plan[1]).toMatchObject({ kind: 'case', neededBy: '2027-09-01', latestStart: '2027-03-02', start: 'open' });
    expect(plan[3].problems).toEqual(['no-end-date']);
  });

  it('lists a case without a route or desired start as a data problem', () => {
    const item = caseItem(openCase({ route: 'fax', leadTime: null, desiredStart: null }), undefined, S);
    expect(item).toMatchObject({ problems: ['no-route', 'no-desired-start'], latestStart: null, start: 'unknown' });
  });

  it('puts in the digest what is due within the weeks and what is overdue, nothing else', () => {
    const contracts = [
      contract({ contractId: 'RS-LATE', validTo: '2027-01-31', contractType: 'ramavtal' }), // latest start 2026-05-02: overdue
      contract({ contractId: 'RS-SOON', validTo: '2027-06-30', contractType: 'avtal' }), // latest start 2026-12-29: within 8 weeks
      contract({ contractId: 'RS-LATER', validTo: '2028-03-31', contractType: 'avtal' }), // 2027-09-30: not yet
      contract({ contractId: 'RS-EXT', validTo: '2027-03-31', maxExtensionTo: '2028-03-31', contractType: 'externt-ramavtal' }), // decide by 2026-12-31
    ];
    const entries = digestEntries(buildPlan(contracts, [], [], S), TODAY, 8);
    expect(entries.map((e) => [e.contractId, e.reasons])).toEqual([
      ['RS-LATE', ['start-overdue']],
      ['RS-SOON', ['start-due']],
      ['RS-EXT', ['extension-due']],
    ]);
    expect(digestEntries(buildPlan(contracts.slice(2, 3), [], [], S), TODAY, 8)).toEqual([]);
  });
});

describe('plan dates that hold when an option is declined (issue 24)', () => {
  const M: PlanSettings = { ...S, implementationDays: 30 };

  it('a declined option: the latest start if not extended comes first, and the decision falls no later than it', () => {
    // An own framework in medical technology (complex: 548 days) ending 2028-06-30 with an option to 2029-06-30.
    const c = contract({ validTo: '2028-06-30', maxExtensionTo: '2029-06-30', contractType: 'ramavtal', category: 'medicinteknik' });
    const item = contractItem(c, undefined, [], M);
    expect(item.leadTime).toEqual(DEFAULT_LEAD_TIMES.complex);
    expect(item.implementationDays).toBe(30);
    // If declined: 2028-06-30 − (548 + 30) days; if used: 2029-06-30 − 578 days.
    expect(item.latestStartIfNotExtended).toBe('2026-11-30');
    expect(item.latestStart).toBe('2027-11-30');
    // Three months' notice would be 2028-03-31, long after a declined option leaves time for a new procurement.
    expect(item.extension.decideBy).toBe('2026-11-30');
    expect(item.extension.decideBy! <= item.latestStartIfNotExtended!).toBe(true);
    expect(item.extension.state).toBe('open');
    // Its final end is beyond the 18-month horizon, yet it is in the plan: the day to act is inside it.
    expect(buildPlan([c], [], [], M).map((i) => i.contractId)).toEqual([c.contractId]);
  });

  it('fills the latest start if not extended even when it has passed, and equal to the latest start without an option', () => {
    const late = contractItem(contract({ validTo: '2027-01-31', maxExtensionTo: '2028-01-31', contractType: 'ramavtal' }), undefined, [], M);
    expect(late.latestStartIfNotExtended! < TODAY).toBe(true);
    expect(late.extension.state).toBe('overdue');
    const plain = contractItem(contract({ validTo: '2027-09-30', maxExtensionTo: null }), undefined, [], M);
    expect(plain.latestStartIfNotExtended).toBe(plain.latestStart);
  });

  it('counts the implementation margin in the lead time: contract items and cases', () => {
    const c = contract({ validTo: '2027-12-31', maxExtensionTo: null, contractType: 'avtal', category: 'tjanster' });
    expect(contractItem(c, undefined, [], S).latestStart).toBe('2027-07-01'); // − 183 days
    expect(contractItem(c, undefined, [], M).latestStart).toBe('2027-06-01'); // − (183 + 30) days
    const k: PlanCase = { caseNumber: 'INK-1', title: 't', category: 'tjanster', categoryName: null, status: 'inkommen', desiredStart: '2027-12-31', route: 'advertised-below', leadTime: null, linkedContractId: null };
    expect(caseItem(k, undefined, M)).toMatchObject({ latestStart: '2027-06-01', latestStartIfNotExtended: '2027-06-01', implementationDays: 30 });
  });

  it('refuses to extend a contract whose end has passed, with the reason', () => {
    const expired = contract({ validTo: '2026-10-31', maxExtensionTo: '2027-10-31' });
    expect(extensionRefusal(expired, '2027-06-30', TODAY)).toEqual({ code: 'expired', end: '2026-10-31' });
    const current = contract({ validTo: '2027-01-31', maxExtensionTo: '2027-10-31' });
    expect(extensionRefusal(current, '2027-06-30', TODAY)).toBeNull();
    expect(extensionRefusal(current, '2027-01-31', TODAY)?.code).toBe('not-later');
    expect(extensionRefusal(current, '2028-01-31', TODAY)?.code).toBe('beyond-option');
  });
});
