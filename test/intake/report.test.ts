import { buildIntakeReport, median } from '../../src/intake/report';
import { csvCell } from '../../src/core/csv';

const c = (submittedOn: string, desiredStart: string, risk: string, category = 'tjanster') => ({ submittedOn, desiredStart, risk, category });

describe('intake report (submission date against desired start)', () => {
  it('computes median, distribution, share too late and per category', () => {
    const r = buildIntakeReport([
      c('2026-01-01', '2026-02-01', 'for-sent'), // 31 days
      c('2026-01-01', '2026-05-01', 'knappt'), // 120
      c('2026-01-01', '2026-10-28', 'i-tid', 'it-telekom'), // 300
      c('2026-01-01', '2027-06-01', 'i-tid', 'it-telekom'), // 516
    ]);
    expect(r.count).toBe(4);
    expect(r.medianDays).toBe(210);
    expect(r.buckets).toEqual({ lt90: 1, d90to180: 1, d180to365: 1, gt365: 1 });
    expect(r.tooLateShare).toBe(0.25);
    expect(r.byCategory).toEqual([
      { category: 'it-telekom', count: 2, medianDays: 408, tooLate: 0 },
      { category: 'tjanster', count: 2, medianDays: 75.5, tooLate: 1 },
    ]);
  });

  it('reports nothing, without dividing by zero, for an empty year', () => {
    expect(buildIntakeReport([])).toEqual({ count: 0, medianDays: null, buckets: { lt90: 0, d90to180: 0, d180to365: 0, gt365: 0 }, tooLateShare: null, byCategory: [] });
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
  });
});

describe('csvCell', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
