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
  it('ANDs the words, ORs each word\'s expansions and groups them for scoring', () => {
    const q = buildTsQueries([
      { token: 1, term: 'barbar', quality: 1, kind: 'exact' },
      { token: 2, term: 'dator', quality: 0.8, kind: 'prefix' },
      { token: 2, term: 'dat', quality: 1, kind: 'exact' },
      { token: 2, term: 'dagar', quality: 0.5, kind: 'typo' },
    ]);
    // Operands come in byte order, the order ts_rank sorts them into.
    expect(q.all).toBe("('barbar') & ('dagar' | 'dat' | 'dator')");
    expect(q.any).toBe("('barbar') | ('dagar' | 'dat' | 'dator')");
    expect(q.words.map(({ any, strong, weak, split, exact, operands }) => ({ any, strong, weak, split, exact, operands }))).toEqual([
      { any: "('barbar')", strong: "('barbar')", weak: null, split: null, exact: "('barbar')", operands: { strong: 1, weak: 0, exact: 1 } },
      { any: "('dagar' | 'dat' | 'dator')", strong: "('dat' | 'dator')", weak: "('dagar')", split: null, exact: "('dat')", operands: { strong: 2, weak: 1, exact: 1 } },
    ]);
  });

  it('lets a prefix operand stand for the terms it covers, and counts operands as ts_rank does', () => {
    const q = buildTsQueries([
      { token: 1, term: 'lakemedel', quality: 0.8, kind: 'prefix', prefix: true },
      { token: 1, term: 'lakemedel', quality: 1, kind: 'exact' },
      { token: 1, term: 'lakemedelsautomat', quality: 0.8, kind: 'prefix' },
      { token: 1, term: 'veterinarlakemedel', quality: 0.75, kind: 'head' },
    ]);
    expect(q.all).toBe("('lakemedel':* | 'veterinarlakemedel')");
    expect(q.words[0].strong).toBe("('lakemedel':* | 'veterinarlakemedel')");
    expect(q.words[0].exact).toBe("('lakemedel')");
    expect(q.words[0].operands).toEqual({ strong: 2, weak: 0, exact: 1 });
  });

  it('requires every part of a split compound, each in the title or keywords, beside the word as a whole', () => {
    const q = buildTsQueries([
      { token: 1, term: 'leasingbil', quality: 1, kind: 'exact' },
      { token: 1, term: 'leasing', quality: 0.56, kind: 'prefix', prefix: true, part: 1 },
      { token: 1, term: 'bil', quality: 0.7, kind: 'exact', part: 2 },
      { token: 1, term: 'hyrbil', quality: 0.53, kind: 'head', part: 2 },
    ]);
    expect(q.all).toBe("('leasingbil' | (('leasing':*AB) & ('bil':AB | 'hyrbil':AB)))");
    expect(q.words[0]).toMatchObject({ strong: "('leasingbil')", split: "(('leasing':*AB) & ('bil':AB | 'hyrbil':AB))", operands: { strong: 1, weak: 0, exact: 1 } });
  });

  it('reads a word with only a split compound by its parts, and one part alone as nothing', () => {
    const parts = buildTsQueries([
      { token: 1, term: 'nitril', quality: 0.7, kind: 'exact', part: 1 },
      { token: 1, term: 'undersokningshandsk', quality: 0.5, kind: 'head', part: 2 },
    ]);
    expect(parts.all).toBe("((('nitril':AB) & ('undersokningshandsk':AB)))");
    expect(parts.words[0].strong).toBeNull();
    const lone = buildTsQueries([{ token: 1, term: 'nitril', quality: 0.7, kind: 'exact', part: 1 }]);
    expect(lone).toEqual({ all: null, any: null, words: [] });
  });

  it('scores a word thousands of contracts hold by its family, exact stem and commonest expansions, but matches by all', () => {
    const heads = ['akut', 'astma', 'cancer', 'hormon', 'ogon'].map((m, i) => ({ token: 1, term: `${m}lakemedel`, quality: 0.75, kind: 'head' as const, ndoc: 100 + i }));
    const list = [{ token: 1, term: 'lakemedel', quality: 0.8, kind: 'prefix' as const, prefix: true, ndoc: 9_000 }, { token: 1, term: 'lakemedel', quality: 1, kind: 'exact' as const, ndoc: 8_000 }, ...heads];
    // About 9 500 contracts: a budget of 30 000 look-ups affords three operands per contract.
    const broad = buildTsQueries(list, 30_000).words[0];
    expect(broad.strong).toBe("('hormonlakemedel' | 'lakemedel':* | 'ogonlakemedel')");
    expect(broad.operands.strong).toBe(3);
    expect(broad.any).toBe("('akutlakemedel' | 'astmalakemedel' | 'cancerlakemedel' | 'hormonlakemedel' | 'lakemedel':* | 'ogonlakemedel')");
    expect(buildTsQueries(list, Infinity).words[0].operands.strong).toBe(6);
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
