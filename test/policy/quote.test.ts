import { parseQuestion } from '../../src/policy/query';
import { answerKind, quoteQuery, selectQuote, splitSentences, splitUnits } from '../../src/policy/quote';

/** Quoting the sentences that answer: plain functions, no database. */
const sv = (question: string, body: string) => selectQuote(body, quoteQuery(question, parseQuestion(question).svGroups));
const en = (question: string, body: string) => selectQuote(body, quoteQuery(question, parseQuestion(question).raw.map((w) => [w])));

const LEAD_TIMES = `Tiden från inskickad behovsanmälan till undertecknat avtal beror på vilken inköpsväg som blir aktuell. Inköp planerar med följande riktvärden.

- Beställning på ett befintligt avtal, till exempel via e-handel: några dagar.
- Avrop eller förnyad konkurrensutsättning på ett ramavtal: 1–3 månader.
- Direktupphandling värd 100 000–700 000 kronor: 1–2 månader.
- Annonserad upphandling under EU:s tröskelvärde: 4–6 månader.
- Öppet förfarande över EU:s tröskelvärde: 6–9 månader.
- Komplexa upphandlingar, till exempel medicinteknik, IT-system eller upphandlingar med förhandling: 9–18 månader.

Efter tilldelningsbeslutet gäller en avtalsspärr på minst 10 dagar när beslutet skickas elektroniskt (annars 15 dagar).`;

const LEAD_TIMES_EN = `The time from a submitted need to a signed contract depends on the purchasing route. Procurement plans with the following guide values.

- An order on an existing contract, for example through e-commerce: a few days.
- A call-off or renewed competition on a framework agreement: 1–3 months.
- An advertised procurement below the EU threshold: 4–6 months.
- An open procedure above the EU threshold: 6–9 months.`;

describe('sentence splitting', () => {
  it('keeps Swedish abbreviations, paragraph signs and numbers inside their sentence', () => {
    expect(splitSentences('Gränsen är 700 000 kr. Det gäller t.ex. konsulttjänster enligt 19 a kap. 11 § LOU. Se bl.a. Konkurrensverket, s.k. tillsyn. Klart!')).toEqual([
      'Gränsen är 700 000 kr.',
      'Det gäller t.ex. konsulttjänster enligt 19 a kap. 11 § LOU.',
      'Se bl.a. Konkurrensverket, s.k. tillsyn.',
      'Klart!',
    ]);
    expect(splitSentences('Inköp är certifierat enligt ISO 14001:2015. Gränsen gäller sedan 2022-02-01. Ca. 2,4 miljoner kronor. Vad gäller? Se dnr. RS 1154-2020.')).toEqual([
      'Inköp är certifierat enligt ISO 14001:2015.',
      'Gränsen gäller sedan 2022-02-01.',
      'Ca. 2,4 miljoner kronor.',
      'Vad gäller?',
      'Se dnr. RS 1154-2020.',
    ]);
  });

  it('knows English abbreviations', () => {
    expect(splitSentences('Ask Procurement, e.g. Region Sörmland. See Art. 32 of the convention. Done.')).toEqual(['Ask Procurement, e.g. Region Sörmland.', 'See Art. 32 of the convention.', 'Done.']);
  });

  it('reads list items as units of their own, and marks the sentence that introduces a list', () => {
    const units = splitUnits('Tre saker:\n\n- Finns det ett avtal?\n- Är värdet rätt,\n1. Första steget.\n\nSlut.');
    expect(units.map((u) => [u.text, u.list, u.leadIn])).toEqual([
      ['Tre saker:', false, true],
      ['Finns det ett avtal?', true, false],
      ['Är värdet rätt,', true, false],
      ['Första steget.', true, false],
      ['Slut.', false, false],
    ]);
  });
});

describe('the kind of answer a question wants', () => {
  it.each([
    ['Hur tidigt ska jag höra av mig?', 'time'],
    ['När startade NKI-mätningen?', 'time'],
    ['How early should I contact Procurement?', 'time'],
    ['Hur mycket får man direktupphandla för?', 'amount'],
    ['How much can I buy without advertising?', 'amount'],
    ['Vem ansvarar för avtalstroheten?', 'role'],
    ['Who is responsible for following the contracts?', 'role'],
    ['Vad betyder avtalsspärr?', null],
  ])('%s → %s', (q, kind) => expect(answerKind(q)).toBe(kind));
});

describe('quotes that answer the question', () => {
  it('"hur tidigt … över EU-tröskeln" quotes the lead time above the threshold, not the first sentence', () => {
    const quote = sv('Hur tidigt ska jag höra av mig inför en upphandling över EU-tröskeln?', LEAD_TIMES);
    expect(quote).toBe('Öppet förfarande över EU:s tröskelvärde: 6–9 månader.');
    expect(quote).not.toMatch(/några dagar|under EU:s tröskelvärde|Tiden från/);
  });

  it('does the same in English', () => {
    expect(en('How early should I contact Procurement before a procurement above the EU threshold?', LEAD_TIMES_EN)).toBe('An open procedure above the EU threshold: 6–9 months.');
  });

  it('never quotes a sentence about another route or the other side of the limit', () => {
    expect(sv('Hur lång tid tar ett avrop på ett ramavtal?', LEAD_TIMES)).toBe('Avrop eller förnyad konkurrensutsättning på ett ramavtal: 1–3 månader.');
    expect(sv('Hur lång tid tar en upphandling under EU:s tröskelvärde?', LEAD_TIMES)).toBe('Annonserad upphandling under EU:s tröskelvärde: 4–6 månader.');
    expect(sv('Hur lång tid tar en direktupphandling?', LEAD_TIMES)).toBe('Direktupphandling värd 100 000–700 000 kronor: 1–2 månader.');
  });

  it('"vem ansvarar" quotes the sentence that names who, not the definition before it', () => {
    const body =
      'Avtalstrohet betyder att man köper det som finns upphandlat, från den avtalade leverantören. Enligt inköpspolicyn ansvarar varje verksamhet för att hålla en hög avtalstrohet mot avtalen. Inköp stöder avtalstroheten med e-handel och uppföljning.';
    expect(sv('Vem ansvarar för avtalstroheten?', body)).toMatch(/^Enligt inköpspolicyn ansvarar varje verksamhet/);
    const english =
      'Contract compliance means buying what has been procured, from the contracted supplier. Under the purchasing policy, every unit is responsible for following the contracts. Procurement supports it through e-commerce.';
    expect(en('Who is responsible for following the contracts?', english)).toMatch(/^Under the purchasing policy, every unit is responsible/);
  });

  it('"hur mycket" quotes the amount', () => {
    const body = 'Direktupphandling betyder att köpet görs utan annonsering. Direktupphandlingsgränsen är 700 000 kronor exklusive moms. Köp av samma slag ska räknas samman.';
    expect(sv('Hur mycket får man direktupphandla för?', body)).toMatch(/^Direktupphandlingsgränsen är 700 000 kronor/);
    const english = 'Direct procurement means buying without advertising. The direct procurement limit is SEK 700,000 excluding VAT. Purchases of the same kind are added together.';
    expect(en('How much may I buy by direct procurement?', english)).toMatch(/^The direct procurement limit is SEK 700,000/);
  });

  it('answers a yes/no question with its "Nej." and a question sentence with the answer after it', () => {
    const split = 'Nej. Det är inte tillåtet att dela upp ett köp för att hamna under gränsen. Det kan finnas goda skäl att dela upp en upphandling i delar.';
    expect(sv('Får jag dela upp ett köp för att hamna under gränsen?', split)).toMatch(/^Nej\. Det är inte tillåtet att dela upp ett köp/);
    const asks = 'Har du frågor om en faktura som har fel pris? Kontakta Inköp eller ekonomi. Ha fakturanumret till hands.';
    expect(sv('Vad gör jag om fakturan har fel pris?', asks)).toBe('Har du frågor om en faktura som har fel pris? Kontakta Inköp eller ekonomi.');
  });

  it('quotes a list after the sentence that introduces it, and a year the question names', () => {
    const body = 'För 2026–2027 gäller följande tröskelvärden:\n\n- Varor och tjänster: 216 000 euro.\n- Byggentreprenader: 5 404 000 euro.\n\nTidigare, 2024–2025, var värdet för byggentreprenader 59 880 179 kronor.';
    expect(sv('Vilka tröskelvärden gäller 2026?', body)).toBe('För 2026–2027 gäller följande tröskelvärden: Varor och tjänster: 216 000 euro; Byggentreprenader: 5 404 000 euro');
    expect(sv('Vad var tröskelvärdet för byggentreprenader 2024?', body)).toMatch(/59 880 179/);
  });

  it('counts a key term only the heading holds for the opening sentence', () => {
    const body = 'Inköp redovisar resultaten på gruppnivå. Kvartal räknas efter när enkäten skickades, så att alla svar på samma enkät hamnar i samma kvartal.';
    const q = quoteQuery('Är mina svar anonyma?', parseQuestion('Är mina svar anonyma?').svGroups);
    expect(selectQuote(body, q, 320, 'Är mina svar i NKI-enkäten anonyma?')).toMatch(/^Inköp redovisar resultaten på gruppnivå\./);
    expect(selectQuote(body, q, 320, 'Kvartal')).toMatch(/^Kvartal räknas/);
  });

  it('falls back to the opening sentence when no sentence holds the question\'s words, and stays short', () => {
    expect(sv('Vad kostar glass?', 'Första meningen. Andra meningen.')).toBe('Första meningen.');
    const long = `${'Direktupphandlingsgränsen är lång '.repeat(20)}.`;
    const quote = sv('Vad är direktupphandlingsgränsen?', long);
    expect(quote.length).toBeLessThanOrEqual(320);
    expect(quote).toMatch(/…$/);
  });
});
