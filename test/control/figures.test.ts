import {
  coordinatedProcurements,
  procurementNumber,
  ControlCase,
  appealedAndCancelled,
  contractCheckSignal,
  coordinatedOfYear,
  desiredToActual,
  leadBucket,
  median,
  outcomeDay,
  share,
  submissionToDesired,
} from '../../src/control/figures';
import { controlCase } from './fixtures';

const c = controlCase;

describe('median and share', () => {
  it('takes the middle value, or the mean of the two middle ones, and nothing of nothing', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, -5, 10])).toBe(10);
    expect(median([30, -5, 10, 0])).toBe(5);
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 0)).toBeNull();
  });
});

describe('resource planning, submission → desired start', () => {
  const cases = [
    c({ desiredStart: '2026-02-01', risk: 'for-sent' }), // 31 days
    c({ desiredStart: '2026-05-01', risk: 'knappt' }), // 120
    c({ desiredStart: '2026-10-28', category: 'it-telekom' }), // 300
    c({ desiredStart: '2027-06-01', category: 'it-telekom' }), // 516
    c({ desiredStart: '2026-01-15', risk: 'for-sent', wentToProcurement: false, outcome: 'befintligt-avtal' }), // never procured: out
    c({ submittedOn: '2025-12-31', desiredStart: '2026-01-10', risk: 'for-sent' }), // submitted the year before: out
  ];

  it('counts only needs submitted in the year that went to procurement: median, distribution, share too late', () => {
    const r = submissionToDesired(cases, 2026);
    expect(r.count).toBe(4);
    expect(r.medianDays).toBe(210);
    expect(r.tooLateShare).toBe(0.25);
    expect(r.buckets).toEqual({ lt90: 1, d90to180: 1, d180to365: 1, gt365: 1 });
    expect(r.byCategory).toEqual([
      { category: 'it-telekom', count: 2, medianDays: 408, tooLateShare: 0 },
      { category: 'tjanster', count: 2, medianDays: 75.5, tooLateShare: 0.5 },
    ]);
  });

  it('gives the previous year its own cases', () => {
    const r = submissionToDesired(cases, 2025);
    expect(r).toMatchObject({ count: 1, medianDays: 10, tooLateShare: 1 });
  });

  it('puts the bucket edges where the report says', () => {
    expect([89, 90, 179, 180, 365, 366].map(leadBucket)).toEqual(['lt90', 'd90to180', 'd90to180', 'd180to365', 'd180to365', 'gt365']);
  });
});

describe('resource planning, desired → actual start', () => {
  const procured = (desiredStart: string, actualStart: string | null, category = 'tjanster') => c({ outcome: 'upphandlad', desiredStart, actualStart, category });
  const cases = [
    procured('2026-03-01', '2026-03-11'), // +10
    procured('2026-03-01', '2026-02-24'), // -5
    procured('2026-04-01', '2026-05-01', 'it-telekom'), // +30
    procured('2026-09-01', '2026-09-01', 'it-telekom'), // 0
    procured('2025-11-01', '2025-12-20'), // started the year before: out (2025: +49)
    c({ outcome: 'avbruten', desiredStart: '2026-03-01', actualStart: '2026-08-01' }), // not procured: out
    procured('2026-10-01', null), // missing, desired in the year
    procured('2027-02-01', null), // missing, but desired the year after
  ];

  it('takes procured cases by the year of their actual start: median difference, share later, per category', () => {
    const r = desiredToActual(cases, 2026);
    expect(r.count).toBe(4);
    expect(r.medianDiffDays).toBe(5);
    expect(r.lateShare).toBe(0.5);
    expect(r.byCategory).toEqual([
      { category: 'it-telekom', count: 2, medianDiffDays: 15, lateShare: 0.5 },
      { category: 'tjanster', count: 2, medianDiffDays: 2.5, lateShare: 0.5 },
    ]);
  });

  it('shows how many procured cases with a desired start in the year lack an actual start', () => {
    expect(desiredToActual(cases, 2026).missingActualStart).toBe(1);
    expect(desiredToActual(cases, 2027).missingActualStart).toBe(1);
    expect(desiredToActual(cases, 2025)).toMatchObject({ count: 1, medianDiffDays: 49, lateShare: 1, missingActualStart: 0 });
  });
});

describe('appealed and cancelled', () => {
  const concluded = (outcome: 'upphandlad' | 'avbruten', outcomeAt: string, over: Partial<ControlCase> = {}) => c({ outcome, outcomeAt, ...over });
  const cases = [
    concluded('upphandlad', '2026-03-01T10:00:00Z', { appeal: { appealed: true, outcome: 'avslogs' } }),
    concluded('upphandlad', '2026-04-01T10:00:00Z', { appeal: { appealed: true, outcome: null } }),
    concluded('upphandlad', '2025-12-31T23:30:00Z'), // already 1 January 2026 in Sweden
    concluded('avbruten', '2026-05-01T10:00:00Z', { cancelCause: 'inga-anbud' }),
    concluded('avbruten', '2026-06-01T10:00:00Z', { cancelCause: 'inga-anbud', appeal: { appealed: true, outcome: 'rattelse' } }),
    concluded('avbruten', '2026-12-31T23:30:00Z', { cancelCause: 'over-budget' }), // 2027 in Sweden
    c({ outcome: 'avbojd', outcomeAt: '2026-05-01T10:00:00Z' }), // not a concluded procurement
    c({ outcome: null }),
  ];

  it('counts the procurements concluded in the year (Swedish days), appealed with outcomes and cancelled with causes', () => {
    const r = appealedAndCancelled(cases, 2026);
    expect(r).toEqual({
      concluded: 5,
      appealed: 3,
      appealedShare: 0.6,
      appealOutcomes: { avslogs: 1, okand: 1, rattelse: 1 },
      // No cause recorded on these appeals.
      appealCauses: { okand: 3 },
      cancelled: 2,
      cancelledShare: 0.4,
      causes: { 'inga-anbud': 2 },
    });
    expect(appealedAndCancelled(cases, 2027)).toMatchObject({ concluded: 1, cancelled: 1, cancelledShare: 1, causes: { 'over-budget': 1 } });
    expect(outcomeDay({ outcomeAt: '2025-12-31T23:30:00Z' })).toBe('2026-01-01');
  });

  it('has no shares in a year without concluded procurements', () => {
    expect(appealedAndCancelled(cases, 2024)).toEqual({ concluded: 0, appealed: 0, appealedShare: null, appealOutcomes: {}, appealCauses: {}, cancelled: 0, cancelledShare: null, causes: {} });
  });
});

describe('the contract-check signal', () => {
  it('counts the needs of the year met by an existing contract and those sent although a contract matched', () => {
    const cases = [
      c({ contractCheck: { choice: 'use-contract' }, outcome: 'befintligt-avtal', wentToProcurement: false }),
      c({ contractCheck: { choice: 'none' }, outcome: 'befintligt-avtal', wentToProcurement: false }),
      c({ contractCheck: { choice: 'sent-anyway' } }),
      c({ contractCheck: { choice: 'sent-anyway' }, outcome: 'upphandlad' }),
      c({}),
      c({ submittedOn: '2025-06-01', contractCheck: { choice: 'sent-anyway' } }),
    ];
    expect(contractCheckSignal(cases, 2026)).toEqual({ submitted: 5, metByContract: 2, sentAnyway: 2 });
    expect(contractCheckSignal(cases, 2025)).toEqual({ submitted: 1, metByContract: 0, sentAnyway: 1 });
  });
});

describe('coordinated contracts of a year', () => {
  it('keeps those starting in the year, removed ones included, oldest start first', () => {
    const list = [
      { contractId: 'B', title: 'b', validFrom: '2026-05-01', removedAt: null, contractType: 'ramavtal' },
      { contractId: 'A', title: 'a', validFrom: '2026-05-01', removedAt: '2026-09-01T08:00:00.000Z', contractType: 'ramavtal' },
      { contractId: 'C', title: 'c', validFrom: '2026-01-01', removedAt: null, contractType: 'ramavtal' },
      { contractId: 'D', title: 'd', validFrom: '2025-12-31', removedAt: null, contractType: 'ramavtal' },
    ];
    expect(coordinatedOfYear(list, 2026).map((x) => x.contractId)).toEqual(['C', 'A', 'B']);
    expect(coordinatedOfYear(list, 2025).map((x) => x.contractId)).toEqual(['D']);
  });
});

describe('coordinated procurements as the business plan defines them (issue 24)', () => {
  const k = (contractId: string, contractType: string, validFrom = '2026-03-01') => ({ contractId, title: contractId, validFrom, removedAt: null, contractType });

  it('leaves out external frameworks by the contract type alone, and counts the lots of one procurement once', () => {
    const list = [
      k('RS-2026-0101-1', 'ramavtal'),
      k('RS-2026-0101-2', 'ramavtal'),
      k('RS-2026-0101 del 3', 'Ramavtal'),
      k('RS-2026-0102', 'avtal'),
      k('ADDA-2026-0001', 'externt-ramavtal'),
      k('KAMM-2026-0002', 'Externt ramavtal'),
      // Ordered through the e-commerce catalogue like an external framework, but Inköp's own: it counts.
      k('RS-2026-0103', 'ramavtal'),
    ];
    const year = coordinatedOfYear(list, 2026);
    expect(year.map((c) => c.contractId)).not.toContain('ADDA-2026-0001');
    expect(year.map((c) => c.contractId)).not.toContain('KAMM-2026-0002');
    expect(year).toHaveLength(5);
    expect(coordinatedProcurements(year)).toBe(3);
  });

  it('reads the procurement behind a lot from its diary number', () => {
    expect(procurementNumber('RS-2025-0101-2')).toBe('RS-2025-0101');
    expect(procurementNumber('rs-2025-0101/L4')).toBe('RS-2025-0101');
    expect(procurementNumber('RS-2025-0101')).toBe('RS-2025-0101');
    expect(procurementNumber('Avtal 17')).toBe('AVTAL 17');
  });
});
