import { DRIVERS, aggregate, improvementOrder, quarterOf, reading, responseNki, toScale, SurveyAnswers } from '../../src/survey/nki';

const answers = (overall: number, expectations: number, ideal: number, drivers: Partial<Record<(typeof DRIVERS)[number], number | null>> = {}): SurveyAnswers => ({
  nki: { overall, expectations, ideal },
  drivers: { needs: null, timeline: null, communication: null, referenceGroup: null, result: null, treatment: null, ...drivers },
});

describe('NKI maths (hand-computed)', () => {
  it('maps 1–10 to 0–100', () => {
    expect(toScale(1)).toBe(0);
    expect(toScale(10)).toBe(100);
    expect(toScale(8)).toBeCloseTo(77.777_78, 4); // 7/9 × 100
    expect(() => toScale(0)).toThrow(RangeError);
    expect(() => toScale(7.5)).toThrow(RangeError);
  });

  it('takes the mean of the three questions for a response', () => {
    // (8−1 + 7−1 + 6−1)/9×100/3 = (7+6+5)/27×100 = 66.666…
    expect(responseNki(answers(8, 7, 6))).toBeCloseTo(66.666_67, 4);
    expect(responseNki(answers(10, 10, 10))).toBe(100);
  });

  it('takes the mean over responses for a group, with drivers, response rate and share satisfied', () => {
    const group = [
      answers(8, 7, 6, { needs: 9, timeline: 4, communication: null }), // NKI 66.67
      answers(10, 9, 9, { needs: 10, timeline: 6, communication: 7 }), // (9+8+8)/27×100 = 92.59
      answers(5, 4, 4, { needs: 6, timeline: 2 }), // (4+3+3)/27×100 = 37.04
    ];
    const agg = aggregate(group, 5);
    // (18 + 25 + 10) / 81 × 100 = 65.432…
    expect(agg.nki).toBeCloseTo(65.432_10, 4);
    expect(agg.responses).toBe(3);
    expect(agg.responseRate).toBeCloseTo(0.6, 10);
    expect(agg.shareSatisfied).toBeCloseTo(2 / 3, 10); // overall ≥ 8: 8 and 10
    // needs: (8 + 9 + 5) / 27 × 100 = 81.48; timeline: (3 + 5 + 1) / 27 × 100 = 33.33; communication: 6/9 × 100 = 66.67 over 1 answer
    expect(agg.drivers.needs.index).toBeCloseTo(81.481_48, 4);
    expect(agg.drivers.timeline.index).toBeCloseTo(33.333_33, 4);
    expect(agg.drivers.communication).toEqual({ index: (6 / 9) * 100, answers: 1 });
    expect(agg.drivers.result).toEqual({ index: null, answers: 0 });
  });

  it('ranks what to improve by low index and many answers', () => {
    const agg = aggregate([answers(8, 8, 8, { needs: 9, timeline: 3, communication: 2 }), answers(8, 8, 8, { needs: 9, timeline: 4 })], 2);
    expect(improvementOrder(agg.drivers).map((d) => d.driver)).toEqual(['timeline', 'communication', 'needs']);
  });

  it('has nothing to say about an empty group', () => {
    const agg = aggregate([], 4);
    expect(agg).toMatchObject({ responses: 0, nki: null, responseRate: 0, shareSatisfied: null });
  });

  it('reads the index and finds the quarter', () => {
    expect([reading(39.9), reading(40), reading(74.9), reading(75)]).toEqual(['low', 'middle', 'middle', 'high']);
    expect([quarterOf('2026-01-01'), quarterOf('2026-06-30'), quarterOf('2026-12-31')]).toEqual(['2026-K1', '2026-K2', '2026-K4']);
  });
});
