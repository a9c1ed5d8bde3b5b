import { assessNeed, likelyRoute, riskFor, thresholdsOn } from '../../src/rules/assess';
import { DEFAULT_LEAD_TIMES, DIRECT_PROCUREMENT_LIMIT, EU_THRESHOLDS, figureOn } from '../../src/rules/data';

const base = { purchaseKind: 'supplies-services' as const, complex: false, submittedOn: '2026-03-01', desiredStart: '2027-06-01' };

describe('dated rules data', () => {
  it.each([
    ['2021-12-31', 615_312],
    ['2022-02-01', 700_000],
    ['2026-11-21', 700_000],
  ])('direct-procurement limit on %s is %d SEK', (day, sek) => {
    expect(figureOn(DIRECT_PROCUREMENT_LIMIT, day)?.sek).toBe(sek);
  });

  it.each([
    ['2025-12-31', 221_000],
    ['2026-01-01', 216_000],
  ])('EU threshold for supplies and services on %s is EUR %d', (day, eur) => {
    expect(figureOn(EU_THRESHOLDS['supplies-services'], day)?.eur).toBe(eur);
  });

  it('every figure names its source and the SEK equivalents of EU thresholds are flagged for verification', () => {
    for (const list of [DIRECT_PROCUREMENT_LIMIT, ...Object.values(EU_THRESHOLDS)]) {
      for (const f of list) expect(f.source.length).toBeGreaterThan(10);
    }
    for (const list of Object.values(EU_THRESHOLDS)) for (const f of list) expect(f.verify).toBe(true);
  });

  it('refuses a day before any recorded limit', () => {
    expect(() => thresholdsOn('2019-12-31', 'works')).toThrow(/no procurement limits/);
  });
});

describe('likelyRoute around every threshold (2026)', () => {
  const t = thresholdsOn('2026-03-01', 'supplies-services');
  const works = thresholdsOn('2026-03-01', 'works');
  const social = thresholdsOn('2026-03-01', 'social-services');
  it.each([
    [50_000, {}, t, 'direct'],
    [99_999, {}, t, 'direct'],
    [100_000, {}, t, 'direct'],
    [699_999, {}, t, 'direct'],
    [700_000, {}, t, 'advertised-below'],
    [2_399_999, {}, t, 'advertised-below'],
    [2_400_000, {}, t, 'open-above'],
    [2_400_000, { complex: true }, t, 'complex'],
    [699_999, { complex: true }, t, 'direct'],
    [60_999_999, {}, works, 'advertised-below'],
    [61_000_000, {}, works, 'open-above'],
    [8_499_999, {}, social, 'advertised-below'],
    [8_500_000, {}, social, 'open-above'],
    [5_000_000, { callOff: true }, t, 'call-off'],
    [5_000_000, { existingContract: true, callOff: true }, t, 'existing-contract'],
  ] as const)('%d SEK %j → %s', (value, extra, thresholds, route) => {
    expect(likelyRoute({ totalValueSek: value, complex: false, ...extra }, thresholds)).toBe(route);
  });
});

describe('assessNeed dates and risk', () => {
  it('uses the limits in force on the submission day (EU threshold changed 2026-01-01)', () => {
    const before = assessNeed({ ...base, totalValueSek: 2_395_000, submittedOn: '2025-12-31' });
    const after = assessNeed({ ...base, totalValueSek: 2_395_000, submittedOn: '2026-01-01' });
    expect(before.route).toBe('open-above'); // 2024–2025: 2 390 546 SEK
    expect(after.route).toBe('advertised-below'); // 2026–2027: ~2.4 MSEK
  });

  it('marks the documentation duty from 100 000 SEK for direct procurement only', () => {
    expect(assessNeed({ ...base, totalValueSek: 99_999 }).documentationDuty).toBe(false);
    expect(assessNeed({ ...base, totalValueSek: 100_000 }).documentationDuty).toBe(true);
    expect(assessNeed({ ...base, totalValueSek: 700_000 }).documentationDuty).toBe(false);
  });

  const lt = DEFAULT_LEAD_TIMES['advertised-below'];
  const submitted = '2026-03-01';
  const plus = (d: number) => new Date(Date.parse(`${submitted}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
  it.each([
    [plus(lt.maxDays + 30), 'i-tid', 30],
    [plus(lt.maxDays), 'i-tid', 0],
    [plus(lt.maxDays - 1), 'knappt', -1],
    [plus(lt.minDays), 'knappt', lt.minDays - lt.maxDays],
    [plus(lt.minDays - 1), 'for-sent', lt.minDays - 1 - lt.maxDays],
    [submitted, 'for-sent', -lt.maxDays],
  ])('desired start %s → %s with slack %d days', (desiredStart, risk, slack) => {
    const a = assessNeed({ ...base, totalValueSek: 1_000_000, submittedOn: submitted, desiredStart });
    expect(a.route).toBe('advertised-below');
    expect(a.earliestStart).toBe(plus(lt.minDays));
    expect(a.realisticStart).toBe(plus(lt.maxDays));
    expect(a.risk).toBe(risk);
    expect(a.slackDays).toBe(slack);
  });

  it('honours configured lead times', () => {
    const custom = { ...DEFAULT_LEAD_TIMES, direct: { minDays: 10, maxDays: 20 } };
    const a = assessNeed({ ...base, totalValueSek: 200_000, desiredStart: '2026-03-25' }, custom);
    expect(a.realisticStart).toBe('2026-03-21');
    expect(a.risk).toBe('i-tid');
  });

  it('riskFor compares ISO days', () => {
    expect(riskFor('2026-05-01', '2026-04-01', '2026-06-01')).toBe('knappt');
  });
});
