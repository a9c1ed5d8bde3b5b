import { buildTsQueries, parseQuery, quoteLexeme, MAX_QUERY_TOKENS } from '../../src/contracts/search-query';
import { parseSearchCommand } from '../../src/contracts/command';

describe('parseQuery', () => {
  it('folds case and diacritics and drops filler words', () => {
    expect(parseQuery('Finns det något avtal för Läkemedel?').tokens).toEqual(['lakemedel']);
    expect(parseQuery('sök handskar').tokens).toEqual(['handskar']);
  });

  it('recognises a contract id in any case', () => {
    expect(parseQuery('rs-2024-0101').idKey).toBe('rs-2024-0101');
    expect(parseQuery('RS-2024-0101').idKey).toBe('rs-2024-0101');
    expect(parseQuery('handskar').idKey).toBeNull();
  });

  it('keeps CPV codes but not their check digits', () => {
    expect(parseQuery('33141420-0').tokens).toEqual(['33141420']);
  });

  it('strips control characters and zero-width spaces, and caps the length and number of words', () => {
    expect(parseQuery('hand\u0000skar\u200b').tokens).toEqual(['hand', 'skar']);
    const long = Array.from({ length: 50 }, (_, i) => `ord${i}`).join(' ');
    expect(parseQuery(long).tokens).toHaveLength(MAX_QUERY_TOKENS);
    expect(parseQuery('x'.repeat(5000)).text.length).toBeLessThanOrEqual(200);
  });

  it('leaves nothing of SQL or tsquery syntax', () => {
    const tokens = parseQuery("'; DROP TABLE avtalsdata; -- & | ! :* <-> \\").tokens;
    expect(tokens).toEqual(['drop', 'table', 'avtalsdata']);
    for (const tok of tokens) expect(tok).toMatch(/^[a-z0-9]+$/);
  });
});

describe('buildTsQueries', () => {
  it('ANDs the words and ORs each word\'s expansions', () => {
    const q = buildTsQueries([
      { token: 1, term: 'barbar', quality: 1, kind: 'exact' },
      { token: 2, term: 'dator', quality: 0.8, kind: 'prefix' },
      { token: 2, term: 'dat', quality: 1, kind: 'exact' },
      { token: 2, term: 'dagar', quality: 0.5, kind: 'typo' },
    ]);
    expect(q.all).toBe("('barbar') & ('dator' | 'dat' | 'dagar')");
    expect(q.any).toBe("('barbar') | ('dator' | 'dat' | 'dagar')");
    expect(q.words).toEqual([
      { title: "('barbar':A)", titleWeak: null, keywords: "('barbar':B)", supplier: "('barbar':C)", any: "('barbar')", exact: "('barbar':AB)" },
      {
        title: "('dator':A | 'dat':A)",
        titleWeak: "('dagar':A)",
        keywords: "('dator':B | 'dat':B | 'dagar':B)",
        supplier: "('dator':C | 'dat':C | 'dagar':C)",
        any: "('dator' | 'dat' | 'dagar')",
        exact: "('dat':AB)",
      },
    ]);
  });

  it('returns nothing when no word matched', () => {
    expect(buildTsQueries([])).toEqual({ all: null, any: null, words: [] });
  });

  it('quotes lexemes safely', () => {
    expect(quoteLexeme("o'hara")).toBe("'o''hara'");
  });
});

describe('parseSearchCommand', () => {
  it.each([
    ['sök avtal handskar', { q: 'handskar', explicit: true }],
    ['avtal tolk', { q: 'tolk', explicit: true }],
    ['Sök: bärbar dator', { q: 'bärbar dator', explicit: true }],
    ['search laptops', { q: 'laptops', explicit: true }],
    ['handskar i Västmanland', { q: 'handskar', region: 'Västmanland', explicit: false }],
    ['sok avtal stadtjanster i sormland', { q: 'stadtjanster', region: 'Sörmland', explicit: true }],
    ['avtal Västmanland', { q: 'Västmanland', explicit: true }],
    ['avtalsrätt', { q: 'avtalsrätt', explicit: false }],
  ])('%p', (text, expected) => {
    expect(parseSearchCommand(text)).toEqual(expected);
  });
});
