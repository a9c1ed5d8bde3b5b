import fc from 'fast-check';
import { MAX_MESSAGE_CHARS } from '../../src/core/text';
import { MAX_AMOUNT_SEK, calculate, detectKind, isCalculatorQuestion, parseAmount } from '../../src/policy/calculator';

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

describe('the amount parser on hostile input (finding 2 of the review)', () => {
  const ATTACK = `Får jag köpa för 1${' 000'.repeat(7000)}x?`; // 28 kB, well under the activity limit

  it('reads the 28 kB input as no amount (not ∞) and looks at no more than the cut', () => {
    const stats = { steps: 0 };
    expect(ATTACK.length).toBeGreaterThan(28_000);
    expect(parseAmount(ATTACK, stats)).toBeNull();
    expect(isCalculatorQuestion(ATTACK)).toBe(false);
    expect(stats.steps).toBeLessThanOrEqual(20 * MAX_MESSAGE_CHARS);
  });

  it('refuses amounts beyond any real purchase', () => {
    expect(parseAmount(`${'9'.repeat(400)} kr`)).toBeNull();
    expect(parseAmount('200 000 000 000 kr')).toBeNull();
    expect(parseAmount(`${MAX_AMOUNT_SEK} kr`)).toBe(MAX_AMOUNT_SEK);
  });

  it('reads the amount after a year or a count written before it', () => {
    expect(parseAmount('Inför 2026 400 000 kr')).toBe(400_000);
    expect(parseAmount('Får jag köpa för 2 mkr, ca 400 kr/st?')).toBe(2_000_000);
  });

  const pieces = fc.constantFrom('1', '000', ' ', '.', ',', 'kr', 'mkr', "'", ':-', 'sek ', 'tusen', '9', 'x', '?', '\u00a0');

  it('does work linear in its input, whatever the input (step count, not time)', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 3000 }), (parts) => {
        const text = parts.join('');
        const stats = { steps: 0 };
        parseAmount(text, stats);
        expect(stats.steps).toBeLessThanOrEqual(20 * Math.min(text.length, MAX_MESSAGE_CHARS) + 20);
      }),
      { numRuns: 200 },
    );
  });

  it('reads nothing past the cut: a longer input gives the answer of its first MAX_MESSAGE_CHARS characters', () => {
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 700, maxLength: 3000 }), (parts) => {
        const text = parts.join('');
        expect(parseAmount(text)).toBe(parseAmount(text.slice(0, MAX_MESSAGE_CHARS)));
      }),
      { numRuns: 100 },
    );
  });

  it('never returns an amount that is not a finite number within range', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 400 }), (parts) => {
        const n = parseAmount(parts.join(''));
        if (n !== null) {
          expect(Number.isFinite(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(MAX_AMOUNT_SEK);
        }
      }),
    );
  });
});
