/**
 * Legal figures as dated data: a figure applies from its validFrom until the next entry of the same kind.
 * Never write these numbers as literals elsewhere; look them up with figureOn().
 */

export type PurchaseKind = 'supplies-services' | 'works' | 'social-services';
export const PURCHASE_KINDS: readonly PurchaseKind[] = ['supplies-services', 'works', 'social-services'];

export interface DatedFigure {
  /** Amount in SEK excl. VAT (the EU thresholds also keep their EUR figure). */
  sek: number;
  eur?: number;
  validFrom: string;
  source: string;
  /** SEK equivalent not yet confirmed against Upphandlingsmyndigheten's publication. */
  verify?: boolean;
}

/** Direktupphandlingsgräns, LOU: a contract worth less than this may be directly procured. */
export const DIRECT_PROCUREMENT_LIMIT: DatedFigure[] = [
  { sek: 615_312, validFrom: '2020-01-01', source: 'LOU (2016:1145) 19 kap. 2 §, 28 % av tröskelvärdet (2020–2021)' },
  { sek: 700_000, validFrom: '2022-02-01', source: 'LOU (2016:1145) 19 kap. 2 §, ändrad genom SFS 2021:1111' },
];

/** Documentation duty: a direct procurement worth this much or more must be documented. */
export const DOCUMENTATION_DUTY_LIMIT: DatedFigure[] = [
  { sek: 100_000, validFrom: '2022-02-01', source: 'LOU (2016:1145) 19 a kap. 11 §, dokumentationsplikt vid direktupphandling' },
];

/** EU thresholds for sub-central authorities such as regions, by kind of purchase. */
export const EU_THRESHOLDS: Record<PurchaseKind, DatedFigure[]> = {
  'supplies-services': [
    { sek: 2_197_545, eur: 214_000, validFrom: '2020-01-01', source: 'Delegerad förordning (EU) 2019/1828', verify: true },
    { sek: 2_238_034, eur: 215_000, validFrom: '2022-01-01', source: 'Delegerad förordning (EU) 2021/1952', verify: true },
    { sek: 2_390_546, eur: 221_000, validFrom: '2024-01-01', source: 'Delegerad förordning (EU) 2023/2497', verify: true },
    { sek: 2_400_000, eur: 216_000, validFrom: '2026-01-01', source: 'Delegerad förordning (EU) 2025/2152', verify: true },
  ],
  works: [
    { sek: 54_939_150, eur: 5_350_000, validFrom: '2020-01-01', source: 'Delegerad förordning (EU) 2019/1828', verify: true },
    { sek: 56_026_127, eur: 5_382_000, validFrom: '2022-01-01', source: 'Delegerad förordning (EU) 2021/1952', verify: true },
    { sek: 59_907_260, eur: 5_538_000, validFrom: '2024-01-01', source: 'Delegerad förordning (EU) 2023/2497', verify: true },
    { sek: 61_000_000, eur: 5_404_000, validFrom: '2026-01-01', source: 'Delegerad förordning (EU) 2025/2152', verify: true },
  ],
  'social-services': [
    { sek: 7_701_750, eur: 750_000, validFrom: '2020-01-01', source: 'LOU 19 kap. (bilaga 2-tjänster), Delegerad förordning (EU) 2019/1828', verify: true },
    { sek: 7_807_500, eur: 750_000, validFrom: '2022-01-01', source: 'LOU 19 kap. (bilaga 2-tjänster), Delegerad förordning (EU) 2021/1952', verify: true },
    { sek: 8_112_750, eur: 750_000, validFrom: '2024-01-01', source: 'LOU 19 kap. (bilaga 2-tjänster), Delegerad förordning (EU) 2023/2497', verify: true },
    { sek: 8_500_000, eur: 750_000, validFrom: '2026-01-01', source: 'LOU 19 kap. (bilaga 2-tjänster), Delegerad förordning (EU) 2025/2152', verify: true },
  ],
};

/** The figure in force on a day (YYYY-MM-DD), or undefined before the first one. */
export function figureOn(figures: readonly DatedFigure[], day: string): DatedFigure | undefined {
  let found: DatedFigure | undefined;
  for (const f of figures) if (f.validFrom <= day && (!found || f.validFrom > found.validFrom)) found = f;
  return found;
}

export type Route = 'existing-contract' | 'call-off' | 'direct' | 'advertised-below' | 'open-above' | 'complex';
export const ROUTES: readonly Route[] = ['existing-contract', 'call-off', 'direct', 'advertised-below', 'open-above', 'complex'];

/** Planning lead time from submitted need to signed contract, in days (a planning default, not law). */
export interface LeadTime {
  minDays: number;
  maxDays: number;
}

export const DEFAULT_LEAD_TIMES: Record<Route, LeadTime> = {
  'existing-contract': { minDays: 2, maxDays: 14 },
  'call-off': { minDays: 30, maxDays: 91 },
  direct: { minDays: 30, maxDays: 61 },
  'advertised-below': { minDays: 122, maxDays: 183 },
  'open-above': { minDays: 183, maxDays: 274 },
  complex: { minDays: 274, maxDays: 548 },
};
