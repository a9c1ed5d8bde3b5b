import fc from 'fast-check';
import { MAX_MESSAGE_CHARS } from '../../src/util/text';
import { MAX_AMOUNT_SEK, calculate, calculateFor, detectKind, isCalculatorQuestion, parseAmount } from '../../src/policy/calculator';
import { calculatorCard } from '../../src/policy/cards';
import { cardText } from '../helpers/teams';

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
    ['städtjänster', 'supplies-services', 'tjanster'],
    ['juridiska tjänster', 'social-services', 'sociala'],
  ])('%p → %s', (text, kind, label) => {
    expect(detectKind(text)).toMatchObject({ kind, label });
  });

  it('says which group of words decided, and none when the question names no kind', () => {
    expect(detectKind('HVB-placeringar').group).toBe('social-care');
    expect(detectKind('Får jag köpa för 400 000 kr?').group).toBeNull();
  });
});

describe('the kind of purchase decides the limit (issue 14)', () => {
  const today = '2026-11-21';

  it('HVB placements for 1 MSEK: direct procurement possible below the bilaga 2 threshold', () => {
    const c = calculate('Får jag direktupphandla HVB-placeringar för 1 miljon kr?', today);
    expect(c?.amount).toBe(1_000_000);
    expect(c?.kind).toMatchObject({ kind: 'social-services', group: 'social-care' });
    expect(c?.directAllowed).toBe(true);
    expect(c?.assessment.route).toBe('direct');
    expect(c?.assessment.thresholds.directLimitIsEuThreshold).toBe(true);
    expect(c?.assessment.thresholds.directLimit.sek).toBe(c?.assessment.thresholds.euThreshold.sek);
  });

  it('cleaning services for 900 000 kr: above the direct limit (cleaning is not a bilaga 2 service)', () => {
    const c = calculate('Vi vill köpa städtjänster för 900 000 kr', today);
    expect(c?.kind).toMatchObject({ kind: 'supplies-services', group: 'cleaning' });
    expect(c?.directAllowed).toBe(false);
    expect(c?.assessment.thresholds.directLimit.sek).toBe(700_000);
    expect(c?.assessment.route).toBe('advertised-below');
  });

  it('rebuilding the entrance for 2 million: building works, and a calculator question without a purchase verb', () => {
    expect(isCalculatorQuestion('bygga om entrén för 2 miljoner')).toBe(true);
    const c = calculate('bygga om entrén för 2 miljoner', today);
    expect(c?.kind.kind).toBe('works');
    expect(c?.directAllowed).toBe(false);
    expect(c?.assessment.route).toBe('advertised-below');
    expect(c?.assessment.thresholds.euThreshold.eur).toBe(5_404_000);
  });

  it.each([
    ['May we directly procure residential care placements for SEK 1 million?', 'social-services', true],
    ['We want to buy cleaning services for SEK 900,000', 'supplies-services', false],
    ['Can we renovate the entrance for SEK 2 million?', 'works', false],
    ['Legal services for 2 mkr: may we buy them directly?', 'social-services', true],
  ])('English: %p → %s, direct %p', (q, kind, direct) => {
    const c = calculate(q, today);
    expect([c?.kind.kind, c?.directAllowed]).toEqual([kind, direct]);
  });

  it('offers the two other kinds, and calculates the same amount as the kind chosen', () => {
    const c = calculate('Får jag direktupphandla HVB-placeringar för 1 miljon kr?', today);
    expect(c?.otherKinds).toEqual(['supplies-services', 'works']);
    const asWorks = calculateFor(1_000_000, { kind: 'works', label: 'bygg', group: null, chosen: true }, today);
    expect([asWorks.directAllowed, asWorks.assessment.route]).toEqual([false, 'advertised-below']);
    expect(asWorks.otherKinds).toEqual(['supplies-services', 'social-services']);
  });

  it('the card names the kind it assumed, the period that applied, the approximation and its rate, and offers buttons', () => {
    const c = calculate('Får jag direktupphandla HVB-placeringar för 1 miljon kr?', today)!;
    const card = calculatorCard('sv', c, 'Får jag direktupphandla HVB-placeringar för 1 miljon kr?').content;
    const text = cardText(card);
    expect(text).toMatch(/✔ Beloppet ligger under direktupphandlingsgränsen för sociala och andra särskilda tjänster \(LOU bilaga 2\)/);
    expect(text).toMatch(/sociala och andra särskilda tjänster enligt LOU bilaga 2 – antaget utifrån frågan \(HVB, LSS/);
    // An estimate is rounded: seven digits on EUR × a rate would be false precision (issue 24).
    expect(text).toMatch(/ca 8,1 mnkr, lika med EU:s tröskelvärde/);
    expect(text).toMatch(/750 000 EUR, ca 8,1 mnkr \(uppskattat med 10,8126 kr per euro, kursen bakom beloppen för 2024–2025/);
    expect(text).not.toMatch(/8 109 450/);
    expect(text).toMatch(/Tröskelvärden för\n2026–2027 \(köpet planerat 2026-12\)/);
    expect(text).toMatch(/Växelkurs: 10,8126 kr per euro, den kurs som ger de publicerade beloppen för 2024–2025 \(Upphandlingsmyndigheten/);
    expect(text).toMatch(/Källa: LOU \(2016:1145\) 19 a kap\./);
    const buttons = JSON.stringify(card).match(/"verb":"policy\.calcKind"[^}]*/g) ?? [];
    expect(buttons).toHaveLength(2);
    expect(buttons.join()).toMatch(/"amount":"1000000","kind":"supplies-services"/);
    expect(buttons.join()).toMatch(/"kind":"works"/);
    expect(text).toMatch(/Räkna som byggentreprenader/);
  });

  it('says so when the advertisement falls after the last decided period, and uses the latest thresholds', () => {
    const c = calculate('Får jag köpa konsulttjänster för 3 mkr?', '2027-09-01')!;
    expect(c.assessment.route).toBe('open-above');
    expect(c.assessment.plannedAdvertisement >= '2028-01-01').toBe(true);
    expect(c.assessment.thresholds.beyondKnownPeriods).toBe(true);
    expect(cardText(calculatorCard('sv', c, 'x').content)).toMatch(/2026–2027, de senast beslutade \(planerat 2028-\d\d; senare tröskelvärden är inte beslutade\)/);
  });

  it('an advertised route says when the advertisement is planned, in English too', () => {
    const c = calculate('We want to buy cleaning services for SEK 900,000', today)!;
    const text = cardText(calculatorCard('en', c, 'We want to buy cleaning services for SEK 900,000').content);
    expect(text).toMatch(/goods and services – assumed from the question \(cleaning services, which are not in annex 2 and are services/);
    expect(text).toMatch(/2026–2027 \(advertisement planned 2027-03\)/);
    expect(text).toMatch(/EUR 216,000, about SEK 2.3 million \(estimated at SEK 10\.8126 per euro/);
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

  it('uses the works threshold for building works (2026–2027, as the advertisement is planned in 2027)', () => {
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

describe('answers a buyer can act on (issue 24)', () => {
  const today = '2026-11-21';

  it('above the direct limit the documentation line says the duty is moot, never "under 100 000 kr"', () => {
    const c = calculate('Får jag köpa konsulttjänster för 1 500 000 kr?', today)!;
    const text = cardText(calculatorCard('sv', c, 'q').content);
    expect(text).toMatch(/Dokumentationsplikt\nGäller inte här: beloppet ligger över direktupphandlingsgränsen/);
    expect(text).not.toMatch(/under 100 000 kr/);
    const small = cardText(calculatorCard('sv', calculate('köpa konsulttjänster för 60 000 kr', today)!, 'q').content);
    expect(small).toMatch(/Nej, 60 000 kr är under 100 000 kr/);
    const due = cardText(calculatorCard('sv', calculate('köpa konsulttjänster för 100 000 kr', today)!, 'q').content);
    expect(due).toMatch(/Ja, 100 000 kr är minst 100 000 kr/);
  });

  it('before 2022-02-01: the direct limit was "högst" (inclusive) and the duty applied above 100 000 kr', () => {
    const at = calculate('köpa för 615 312 kr', '2021-06-01')!;
    expect(at.directAllowed).toBe(true);
    const text = cardText(calculatorCard('sv', at, 'q').content);
    expect(text).toMatch(/högst 615 312 kr/);
    expect(calculate('köpa för 100 000 kr', '2021-06-01')!.assessment.documentationDuty).toBe(false);
    expect(calculate('köpa för 100 001 kr', '2021-06-01')!.assessment.documentationDuty).toBe(true);
    expect(calculate('köpa för 100 000 kr', '2022-02-01')!.assessment.documentationDuty).toBe(true);
  });

  it('a bilaga 2 service above its threshold follows 19 kap. with EU advertising, not "öppet förfarande"', () => {
    const c = calculate('Får jag köpa hemtjänst för 12 mkr?', today)!;
    expect(c.directAllowed).toBe(false);
    const text = cardText(calculatorCard('sv', c, 'q').content);
    expect(text).toMatch(/Upphandling enligt 19 kap\. LOU \(bilaga 2\), med annonsering i hela EU/);
    expect(text).not.toMatch(/[Öö]ppet förfarande/);
  });

  it('words that point to two kinds with different answers: the card asks, with those kinds as buttons', () => {
    const c = calculate('Får jag köpa tolkar och hemtjänst för 1 500 000 kr?', today)!;
    const card = calculatorCard('sv', c, 'q').content;
    const text = cardText(card);
    expect(text).toMatch(/Vilket slag av köp är det\?/);
    expect(text).not.toMatch(/✔|✖/);
    const buttons = JSON.stringify(card).match(/"verb":"policy\.calcKind"[^}]*/g) ?? [];
    expect(buttons.map((b) => /"kind":"([^"]+)"/.exec(b)?.[1])).toEqual(['supplies-services', 'social-services']);
  });

  it('the same answer for both kinds: answers and names the assumption', () => {
    const c = calculate('Får jag köpa IT-utbildning för 300 000 kr?', today)!;
    const text = cardText(calculatorCard('sv', c, 'q').content);
    expect(text).toMatch(/frågan kan också gälla sociala och andra särskilda tjänster enligt LOU bilaga 2, men svaret blir detsamma/);
    expect(text).toMatch(/regeln är inte kontrollerad mot lagtexten här/);
  });

  it('cites prop. 2021/22:5 and the verified documentation duty in 19 a kap. 11 §', () => {
    const text = cardText(calculatorCard('sv', calculate('köpa konsulttjänster för 200 000 kr', today)!, 'q').content);
    expect(text).toMatch(/Källa: LOU \(2016:1145\) 19 a kap\. \(direktupphandling\), prop\. 2021\/22:5/);
    expect(text).toMatch(/Källa: LOU \(2016:1145\) 19 a kap\. 11 § \(dokumentationsplikt vid direktupphandling, värde på minst 100 000 kr\), prop\. 2021\/22:5/);
    expect(text).not.toMatch(/2021:1111/);
  });
});
