import { assessNeed, likelyRoute, plannedAdvertisement, riskFor, thresholdsOn } from '../../src/rules/assess';
import { DEFAULT_AFTER_ADVERTISING_DAYS, DEFAULT_LEAD_TIMES, EU_THRESHOLDS, figureOn } from '../../src/rules/data';
import { addDays } from '../../src/core/dates';

const base = { purchaseKind: 'supplies-services' as const, complex: false, submittedOn: '2026-03-01', desiredStart: '2027-06-01' };

describe('likelyRoute around every threshold (2026, from the data)', () => {
  const t = thresholdsOn('2026-03-01', 'supplies-services');
  const works = thresholdsOn('2026-03-01', 'works');
  const social = thresholdsOn('2026-03-01', 'social-services');
  const eu = t.euThreshold.sek;
  it.each([
    [50_000, {}, t, 'direct'],
    [99_999, {}, t, 'direct'],
    [100_000, {}, t, 'direct'],
    [699_999, {}, t, 'direct'],
    [700_000, {}, t, 'advertised-below'],
    [eu - 1, {}, t, 'advertised-below'],
    [eu, {}, t, 'open-above'],
    [eu, { complex: true }, t, 'complex'],
    [699_999, { complex: true }, t, 'direct'],
    [works.euThreshold.sek - 1, {}, works, 'advertised-below'],
    [works.euThreshold.sek, {}, works, 'open-above'],
    // Bilaga 2 services: the direct limit is the EU threshold, so there is no advertised route below it.
    [social.euThreshold.sek - 1, {}, social, 'direct'],
    [social.euThreshold.sek, {}, social, 'open-above'],
    [5_000_000, { callOff: true }, t, 'call-off'],
    [5_000_000, { existingContract: true, callOff: true }, t, 'existing-contract'],
  ] as const)('%d SEK %j → %s', (value, extra, thresholds, route) => {
    expect(likelyRoute({ totalValueSek: value, complex: false, ...extra }, thresholds)).toBe(route);
  });
});

describe('the thresholds of the planned advertisement day, not of the submission day', () => {
  it('a need submitted 2025-12-10 for a start in September 2026 is advertised in 2026 and gets the 2026 thresholds', () => {
    const a = assessNeed({ ...base, totalValueSek: 1_000_000, submittedOn: '2025-12-10', desiredStart: '2026-09-01' });
    expect(a.route).toBe('advertised-below');
    expect(a.plannedAdvertisement).toBe(addDays('2026-09-01', -DEFAULT_AFTER_ADVERTISING_DAYS['advertised-below']));
    expect(a.thresholds.period).toEqual({ from: '2026-01-01', to: '2027-12-31' });
    expect(a.thresholds.euThreshold.eur).toBe(216_000);
  });

  it('a late need is planned from the realistic start: submitted 2025-06-01, advertised in 2025', () => {
    const a = assessNeed({ ...base, totalValueSek: 1_000_000, submittedOn: '2025-06-01', desiredStart: '2025-07-01' });
    const lt = DEFAULT_LEAD_TIMES['advertised-below'];
    expect(a.plannedAdvertisement).toBe(addDays('2025-06-01', lt.maxDays - DEFAULT_AFTER_ADVERTISING_DAYS['advertised-below']));
    expect(a.thresholds.euThreshold.eur).toBe(221_000);
  });

  it('a value between the 2026 and the 2024 threshold is above when advertised in 2026, below when advertised in 2025', () => {
    const between = Math.round((figureOn(EU_THRESHOLDS['supplies-services'], '2026-01-01')!.sek + figureOn(EU_THRESHOLDS['supplies-services'], '2025-01-01')!.sek) / 2);
    const early = assessNeed({ ...base, totalValueSek: between, submittedOn: '2025-03-01', desiredStart: '2025-06-01' });
    const late = assessNeed({ ...base, totalValueSek: between, submittedOn: '2025-10-01', desiredStart: '2026-06-01' });
    expect([early.route, early.plannedAdvertisement < '2026-01-01']).toEqual(['advertised-below', true]);
    expect([late.route, late.plannedAdvertisement >= '2026-01-01']).toEqual(['open-above', true]);
    // The longer route's lead time was used for the day once the route changed.
    expect(late.leadTime).toEqual(DEFAULT_LEAD_TIMES['open-above']);
  });

  it('never plans the advertisement before the need was submitted', () => {
    expect(plannedAdvertisement({ submittedOn: '2026-03-01', desiredStart: '2026-03-02' }, { minDays: 2, maxDays: 5 }, 30)).toBe('2026-03-01');
  });

  it('bilaga 2 services submitted in December and bought directly in January use the new year\'s limit', () => {
    const a = assessNeed({ ...base, purchaseKind: 'social-services', totalValueSek: 1_000_000, submittedOn: '2025-12-10', desiredStart: '2025-12-20' });
    expect(a.route).toBe('direct');
    expect(a.plannedAdvertisement >= '2026-01-01').toBe(true);
    expect(a.thresholds.directLimitIsEuThreshold).toBe(true);
    expect(a.thresholds.directLimit.sek).toBe(a.thresholds.euThreshold.sek);
    expect(a.thresholds.euThreshold.validFrom).toBe('2026-01-01');
  });
});

describe('assessNeed dates and risk', () => {
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
