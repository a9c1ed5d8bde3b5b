/**
 * NKI (Nöjd Kund Index) the way SCB computes it, with the accepted simplification of equal weights:
 * each answer on 1–10 maps to 0–100 as (value − 1) / 9 × 100; a response's NKI is the mean of its three
 * NKI answers; a group's NKI is the mean over responses. Drivers are computed the same way over the
 * answers that are not "vet ej". Plain functions.
 */
export const NKI_QUESTIONS = ['overall', 'expectations', 'ideal'] as const;
export type NkiQuestion = (typeof NKI_QUESTIONS)[number];

export const DRIVERS = ['needs', 'timeline', 'communication', 'referenceGroup', 'result', 'treatment'] as const;
export type Driver = (typeof DRIVERS)[number];

export interface SurveyAnswers {
  nki: Record<NkiQuestion, number>;
  /** null = "vet ej". */
  drivers: Record<Driver, number | null>;
  comment?: string | null;
}

export function toScale(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 10) throw new RangeError(`answer ${value} is not 1–10`);
  return ((value - 1) / 9) * 100;
}

export const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function responseNki(a: SurveyAnswers): number {
  return (toScale(a.nki.overall) + toScale(a.nki.expectations) + toScale(a.nki.ideal)) / 3;
}

export interface NkiAggregate {
  responses: number;
  invited: number;
  responseRate: number | null;
  nki: number | null;
  /** Per driver: index 0–100 over the answers given, and how many answered it (not "vet ej"). */
  drivers: Record<Driver, { index: number | null; answers: number }>;
  /** Share of responses with overall satisfaction at or above the threshold. */
  shareSatisfied: number | null;
}

export function aggregate(responses: SurveyAnswers[], invited: number, satisfiedThreshold = 8): NkiAggregate {
  const drivers = Object.fromEntries(
    DRIVERS.map((d) => {
      const given = responses.map((r) => r.drivers[d]).filter((v): v is number => v !== null && v !== undefined);
      return [d, { index: mean(given.map(toScale)), answers: given.length }];
    }),
  ) as NkiAggregate['drivers'];
  return {
    responses: responses.length,
    invited,
    responseRate: invited > 0 ? responses.length / invited : null,
    nki: mean(responses.map(responseNki)),
    drivers,
    shareSatisfied: responses.length ? responses.filter((r) => r.nki.overall >= satisfiedThreshold).length / responses.length : null,
  };
}

/** The top band of the overall question that counts as satisfied ("andel nöjda"): from..to on the 1–10 scale. */
export interface SatisfiedBand {
  from: number;
  to: number;
}
/** The business plan's reading: 8–10 of 10 (NKI_SATISFIED_FROM moves the lower end). */
export const DEFAULT_SATISFIED_BAND: SatisfiedBand = { from: 8, to: 10 };

/**
 * "Andel nöjda", the business plan's indicator: the share of answers to the overall question that lie in
 * the top band (default 8–10). null when there are no answers. A plain function, so every report that shows
 * the indicator computes it the same way (from released figures only: never call it on open surveys).
 */
export function andelNojda(overall: readonly number[], band: SatisfiedBand = DEFAULT_SATISFIED_BAND): number | null {
  if (overall.length === 0) return null;
  return overall.filter((v) => v >= band.from && v <= band.to).length / overall.length;
}

/**
 * One person's answers in a released quarter as one: k counts people, not answers. Someone who answered
 * several surveys in the quarter counts once, with the mean of her answers question by question (drivers
 * over the answers that are not "vet ej"). Her NKI is the mean of her responses' NKI; she counts as
 * satisfied when her mean overall answer lies in the band.
 */
export interface PersonAnswer {
  nki: number;
  overall: number;
  /** 0–100 per driver, null when she answered "vet ej" every time. */
  drivers: Record<Driver, number | null>;
}

export function combinePerson(responses: readonly SurveyAnswers[]): PersonAnswer {
  if (responses.length === 0) throw new RangeError('a person without answers');
  const drivers = Object.fromEntries(
    DRIVERS.map((d) => [d, mean(responses.flatMap((r) => (r.drivers[d] === null || r.drivers[d] === undefined ? [] : [toScale(r.drivers[d]!)])))]),
  ) as Record<Driver, number | null>;
  return { nki: mean(responses.map(responseNki))!, overall: mean(responses.map((r) => r.nki.overall))!, drivers };
}

/** How to read an index (DOMAIN: below 40 not acceptable, 75 or more very satisfied). */
export function reading(index: number): 'low' | 'middle' | 'high' {
  if (index < 40) return 'low';
  return index >= 75 ? 'high' : 'middle';
}

/**
 * What to improve first: drivers with a low index and many answers rank highest
 * (priority = (100 − index) × answers). Drivers nobody answered are left out.
 */
export function improvementOrder(drivers: NkiAggregate['drivers']): { driver: Driver; index: number; answers: number; priority: number }[] {
  return DRIVERS.flatMap((d) => {
    const x = drivers[d];
    return x.index === null ? [] : [{ driver: d, index: x.index, answers: x.answers, priority: (100 - x.index) * x.answers }];
  }).sort((a, b) => b.priority - a.priority);
}

/** The calendar quarter of an ISO day: "2026-K3". */
export function quarterOf(isoDay: string): string {
  const month = Number(isoDay.slice(5, 7));
  return `${isoDay.slice(0, 4)}-K${Math.ceil(month / 3)}`;
}
