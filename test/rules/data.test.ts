import { thresholdsOn } from '../../src/rules/assess';
import {
  DIRECT_PROCUREMENT_LIMITS,
  DOCUMENTATION_DUTY_LIMIT,
  DatedFigure,
  EU_THRESHOLDS,
  PURCHASE_KINDS,
  PurchaseKind,
  RATE_2026_APPROXIMATION,
  WELFARE_DIRECT_LIMIT,
  figureOn,
  periodOf,
} from '../../src/rules/data';

/** Dated legal figures: the published amounts per period and kind, their sources, and how they are looked up. */

describe('EU thresholds per period and kind (sub-central authorities such as regions)', () => {
  // SEK as published by Konkurrensverket (2020–2023) and Upphandlingsmyndigheten (2024–2025).
  it.each([
    ['2020-06-01', 'supplies-services', 214_000, 2_197_545],
    ['2020-06-01', 'works', 5_350_000, 54_938_615],
    ['2020-06-01', 'social-services', 750_000, 7_701_675],
    ['2022-06-01', 'supplies-services', 215_000, 2_236_731],
    ['2022-06-01', 'works', 5_382_000, 55_991_099],
    ['2022-06-01', 'social-services', 750_000, 7_802_550],
    ['2024-06-01', 'supplies-services', 221_000, 2_389_585],
    ['2024-06-01', 'works', 5_538_000, 59_880_179],
    ['2024-06-01', 'social-services', 750_000, 8_109_450],
  ] as const)('%s %s: EUR %d = %d kr, verified', (day, kind, eur, sek) => {
    const f = figureOn(EU_THRESHOLDS[kind], day);
    expect(f).toMatchObject({ eur, sek, verified: true });
    expect(f?.approximation).toBeUndefined();
  });

  it.each([
    ['supplies-services', 216_000],
    ['works', 5_404_000],
    ['social-services', 750_000],
  ] as const)('2026–2027 %s: EUR %d (EU) 2025/2152, SEK an explicit approximation until the official amount is read', (kind, eur) => {
    const f = figureOn(EU_THRESHOLDS[kind], '2026-06-01') as DatedFigure;
    expect(f.eur).toBe(eur);
    expect(f.verified).toBe(false);
    expect(f.approximation).toBe(RATE_2026_APPROXIMATION);
    expect(f.sek).toBe(Math.round(eur * RATE_2026_APPROXIMATION.sekPerEur));
    expect(f.validTo).toBe('2027-12-31');
  });

  it('the 2026 rate is the one behind the published 2024–2025 amounts, and names where it was read', () => {
    const r = RATE_2026_APPROXIMATION;
    for (const kind of PURCHASE_KINDS) {
      const f = figureOn(EU_THRESHOLDS[kind], '2025-06-01') as DatedFigure;
      expect(Math.round((f.eur ?? 0) * r.sekPerEur)).toBe(f.sek);
    }
    expect(r.source.url).toMatch(/^https:\/\//);
  });

  it('cites the right EU acts: 2023/2495 for 2024 (2023/2497 is concessions), 2025/2152 for 2026', () => {
    expect(figureOn(EU_THRESHOLDS.works, '2024-01-01')?.source.act).toBe('Delegerad förordning (EU) 2023/2495');
    expect(figureOn(EU_THRESHOLDS.works, '2024-01-01')?.source.reference).toMatch(/EUT L, 2023\/2495/);
    expect(figureOn(EU_THRESHOLDS.works, '2026-01-01')?.source.act).toBe('Delegerad förordning (EU) 2025/2152');
    expect(JSON.stringify(EU_THRESHOLDS)).not.toContain('2023/2497');
  });
});

describe('the direct-procurement limit per kind', () => {
  const direct = (kind: PurchaseKind, day: string) => thresholdsOn(day, kind).directLimit.sek;

  it.each([
    ['2021-12-31', 615_312],
    ['2022-01-01', 626_284],
    ['2022-01-31', 626_284],
    ['2022-02-01', 700_000],
    ['2026-11-21', 700_000],
  ])('goods, services and works on %s: %d kr', (day, sek) => {
    expect(direct('supplies-services', day)).toBe(sek);
    expect(direct('works', day)).toBe(sek);
  });

  it('social and other specific services: the general limit before 2022-02-01, the EU threshold since', () => {
    expect(direct('social-services', '2021-06-01')).toBe(615_312);
    expect(direct('social-services', '2022-01-31')).toBe(626_284);
    expect(thresholdsOn('2022-01-31', 'social-services').directLimitIsEuThreshold).toBe(false);
    for (const day of ['2022-02-01', '2023-12-31', '2024-01-01', '2026-03-01', '2027-12-31']) {
      const t = thresholdsOn(day, 'social-services');
      expect(t.directLimitIsEuThreshold).toBe(true);
      expect(t.directLimit.sek).toBe(t.euThreshold.sek);
      expect(t.directLimit.approximation).toBe(t.euThreshold.approximation);
    }
    expect(direct('social-services', '2022-02-01')).toBe(7_802_550);
    expect(direct('social-services', '2024-06-01')).toBe(8_109_450);
    // The limit's own date is the later of the rule's and the threshold's.
    expect(thresholdsOn('2022-03-01', 'social-services').directLimit.validFrom).toBe('2022-02-01');
    expect(thresholdsOn('2024-03-01', 'social-services').directLimit.validFrom).toBe('2024-01-01');
  });

  it('keeps the welfare services limit (bilaga 2 a, 2020–2021) as data with its source', () => {
    expect(WELFARE_DIRECT_LIMIT[0]).toMatchObject({ sek: 2_156_469, validFrom: '2020-01-01', validTo: '2021-12-31', verified: true });
  });

  it('cites 19 a kap. LOU for the limit since 2022-02-01, not 19 kap.', () => {
    const rule = figureOn(DIRECT_PROCUREMENT_LIMITS['supplies-services'], '2022-02-01');
    expect(rule?.source.act).toMatch(/19 a kap\./);
    // The amending act's SFS number was not read: the proposition is cited (issue 24).
    expect(rule?.source.reference).toBe('prop. 2021/22:5');
    expect(JSON.stringify(DIRECT_PROCUREMENT_LIMITS)).not.toContain('2021:1111');
  });
});

describe('figureOn across boundaries', () => {
  it.each([
    ['2019-12-31', undefined],
    ['2020-01-01', '2020-01-01'],
    ['2021-12-31', '2020-01-01'],
    ['2022-01-01', '2022-01-01'],
    ['2023-12-31', '2022-01-01'],
    ['2024-01-01', '2024-01-01'],
    ['2025-12-31', '2024-01-01'],
    ['2026-01-01', '2026-01-01'],
    ['2030-01-01', '2026-01-01'],
  ])('on %s the EU threshold from %s applies', (day, from) => {
    expect(figureOn(EU_THRESHOLDS['supplies-services'], day)?.validFrom).toBe(from);
  });

  it('gives each entry its period: to the day before the next, or its own end', () => {
    const list = EU_THRESHOLDS.works;
    expect(periodOf(list, list[1])).toEqual({ from: '2022-01-01', to: '2023-12-31' });
    expect(periodOf(list, list[3])).toEqual({ from: '2026-01-01', to: '2027-12-31' });
    expect(thresholdsOn('2028-02-01', 'works').beyondKnownPeriods).toBe(true);
    expect(thresholdsOn('2027-12-31', 'works').beyondKnownPeriods).toBe(false);
  });

  it('refuses a day before any recorded limit', () => {
    expect(() => thresholdsOn('2019-12-31', 'works')).toThrow(/no procurement limits/);
  });
});

describe('every legal figure has a source, and verified only where it was read', () => {
  const all: DatedFigure[] = [
    ...Object.values(EU_THRESHOLDS).flat(),
    ...Object.values(DIRECT_PROCUREMENT_LIMITS).flat().filter((f): f is DatedFigure => 'sek' in f),
    ...DOCUMENTATION_DUTY_LIMIT,
    ...WELFARE_DIRECT_LIMIT,
  ];
  const rules = Object.values(DIRECT_PROCUREMENT_LIMITS).flat();

  it('names the act and where it is published (SFS number or Official Journal)', () => {
    for (const f of [...all, ...rules]) {
      expect(f.source.act.length).toBeGreaterThan(5);
      expect(f.source.reference).toMatch(/SFS \d{4}:\d+|EUT [LC]|prop\. \d{4}\/\d{2}:\d+/);
    }
  });

  it('a verified amount names the page it was read on; an unverified one says why', () => {
    for (const f of all) {
      if (f.verified) {
        expect(f.source.url).toMatch(/^https:\/\//);
        expect(f.approximation).toBeUndefined();
      } else {
        // Either computed from EUR and a stated rate, or a note of what was not read.
        expect(Boolean(f.approximation) || (f.source.note ?? '').length > 10).toBe(true);
      }
    }
    expect(all.filter((f) => f.approximation && f.verified)).toEqual([]);
    expect(all.some((f) => !f.verified)).toBe(true);
  });
});
