import { calculate, detectKind, isCalculatorQuestion, parseAmount } from '../../src/policy/calculator';

describe('parseAmount', () => {
  it.each([
    ['Får jag direktupphandla för 400 000 kr?', 400_000],
    ['400000 kr', 400_000],
    ["400' kr", 400_000],
    ['400 tkr', 400_000],
    ['0,4 miljoner', 400_000],
    ['2 mkr', 2_000_000],
    ['1,2 MSEK', 1_200_000],
    ['SEK 400,000', 400_000],
    ['400,000 SEK', 400_000],
    ['1.250.000 kr', 1_250_000],
    ['700 000:-', 700_000],
    ['för 699 999 kronor', 699_999],
    ['köpa för 99 999?', 99_999],
    ['Hur fungerar avtalsspärr?', null],
    ['Vi behöver 3 datorer', null],
  ])('%p → %p', (text, amount) => {
    expect(parseAmount(text)).toBe(amount);
  });
});

describe('detectKind', () => {
  it.each([
    ['konsulttjänster', 'supplies-services', 'tjanster'],
    ['ombyggnad av en avdelning', 'works', 'bygg'],
    ['HVB-placeringar, sociala tjänster', 'social-services', 'sociala'],
    ['utrustning till labbet', 'supplies-services', 'varor'],
    ['något', 'supplies-services', 'ospecificerat'],
  ])('%p → %s', (text, kind, label) => {
    expect(detectKind(text)).toEqual({ kind, label });
  });
});

describe('the calculator at the boundaries (rules in force 2026-11-21)', () => {
  const today = '2026-11-21';
  it.each([
    ['99 999 kr', true, false, 'direct'],
    ['100 000 kr', true, true, 'direct'],
    ['699 999 kr', true, true, 'direct'],
    ['700 000 kr', false, false, 'advertised-below'],
    ['2,4 mkr', false, false, 'open-above'],
  ])('%s: direct %p, documentation duty %p, route %s', (amount, direct, doc, route) => {
    const c = calculate(`Får jag köpa konsulttjänster för ${amount}?`, today);
    expect(c?.directAllowed).toBe(direct);
    expect(c?.assessment.documentationDuty).toBe(doc);
    expect(c?.assessment.route).toBe(route);
  });

  it('uses the limits in force on the day asked (before 2022-02-01 the limit was lower)', () => {
    expect(calculate('köpa för 650 000 kr', '2021-06-01')?.directAllowed).toBe(false);
    expect(calculate('köpa för 650 000 kr', '2022-02-01')?.directAllowed).toBe(true);
  });

  it('uses the works threshold for building works', () => {
    const c = calculate('Får vi göra en ombyggnad för 30 mkr?', today);
    expect(c?.assessment.route).toBe('advertised-below');
    expect(c?.assessment.thresholds.euThreshold.eur).toBe(5_404_000);
  });

  it('recognises calculator questions', () => {
    expect(isCalculatorQuestion('Får jag direktupphandla konsulttjänster för 400 000 kr?')).toBe(true);
    expect(isCalculatorQuestion('May I buy consultancy for SEK 400,000?')).toBe(true);
    expect(isCalculatorQuestion('Vem ansvarar för avtalstroheten?')).toBe(false);
  });
});
