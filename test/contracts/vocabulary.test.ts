import { MAX_EXPANSIONS_PER_PART, MAX_EXPANSIONS_PER_WORD, QUALITY, Vocabulary, similarity, trigrams } from '../../src/contracts/vocabulary';

const vocab = new Vocabulary(
  ['undersokningshandsk', 'handsk', 'operationshandsk', 'tolktjanst', 'tolk', 'konsulttjanst', 'dator', 'dat', 'barbar', 'lakemedel', 'reparation'].map(
    (term, i) => ({ term, ndoc: 10 - (i % 5) }),
  ),
);
const terms = (word: string, stem: string) => vocab.expandWord(1, word, stem).map((e) => [e.term, Number(e.quality.toFixed(2))]);

describe('trigram similarity (pg_trgm semantics)', () => {
  it('pads like pg_trgm and scores shared / union', () => {
    expect([...trigrams('ab')]).toEqual(['  a', ' ab', 'ab ']);
    expect(similarity(trigrams('konsultjanst'), trigrams('konsulttjanst'))).toBeCloseTo(0.8, 5);
    expect(similarity(trigrams('abc'), trigrams('abc'))).toBe(1);
  });
});

describe('Vocabulary.expandWord', () => {
  it('gives exact stems the top quality', () => {
    expect(terms('handskar', 'handsk')[0]).toEqual(['handsk', QUALITY.exact]);
  });

  it('finds compound words that contain the stem', () => {
    expect(terms('handskar', 'handsk')).toEqual(
      expect.arrayContaining([
        ['undersokningshandsk', QUALITY.head],
        ['operationshandsk', QUALITY.head],
      ]),
    );
  });

  it('ranks the query as a compound\'s modifier below it as the head', () => {
    const v = new Vocabulary([{ term: 'modersmjolksersattning', ndoc: 1 }, { term: 'mjolk', ndoc: 1 }]);
    expect(v.expandWord(1, 'mjolk', 'mjolk').map((e) => [e.term, e.kind])).toEqual([
      ['mjolk', 'exact'],
      ['modersmjolksersattning', 'part'],
    ]);
  });

  it('finds words that start with what was typed', () => {
    expect(terms('tolk', 'tolk')).toEqual(expect.arrayContaining([['tolktjanst', QUALITY.prefix]]));
    expect(terms('dator', 'dat')).toEqual(expect.arrayContaining([['dator', QUALITY.exact], ['dat', QUALITY.exact]]));
  });

  it('finds words one or two letters away', () => {
    const hits = terms('konsultjanster', 'konsultjanst');
    expect(hits[0][0]).toBe('konsulttjanst');
    expect(hits[0][1]).toBeCloseTo(QUALITY.typoScale * 0.8, 2);
  });

  it('does not take a shorter word the query starts with for a typo ("hand" for "handskar")', () => {
    const v = new Vocabulary([{ term: 'hand', ndoc: 5 }, { term: 'handsk', ndoc: 1 }]);
    expect(v.expandWord(1, 'handskar', 'handsk').map((e) => e.term)).toEqual(['handsk']);
  });

  it('does not match a long unrelated word to a short one it merely ends with', () => {
    expect(terms('xylofonreparationer', 'xylofonreparation')).toEqual([]);
  });

  it('expands nothing for a stop word (empty stem) or an unknown word', () => {
    expect(terms('och', '')).toEqual([]);
    expect(terms('zzqx', 'zzqx')).toEqual([]);
  });
});

describe('Vocabulary.expandQueryWord (contract search)', () => {
  const v = new Vocabulary(
    [
      ['nitril', 3], ['handsk', 9], ['undersokningshandsk', 4], ['operationshandsk', 2], ['nitrilforklad', 1],
      ['leasing', 2], ['leasingfordon', 2], ['hyrbil', 3], ['lastbil', 2], ['mobil', 5],
      ['sjukhus', 8], ['sang', 4], ['vardsang', 2], ['kont', 3], ['kontorsstol', 1], ['stol', 2],
      ['lakemedel', 20], ['lakemedelsautomat', 3], ['lakemedelsavfall', 2], ['medel', 4], ['tvattmedel', 1],
      ['tjanst', 6], ['konsulttjanst', 5], ['managementkonsulttjanst', 1], ['konsult', 3], ['tolk', 4], ['tolktjanst', 2],
    ].map(([term, ndoc]) => ({ term: term as string, ndoc: ndoc as number })),
  );
  const expand = (word: string, stem = word) => v.expandQueryWord(1, word, stem);
  const parts = (word: string, stem = word) =>
    [1, 2].map((p) =>
      expand(word, stem)
        .filter((e) => e.part === p)
        .map((e) => (e.prefix ? `${e.term}:*` : e.term)),
    );

  it('searches a small prefix family as one prefix operand, beside the exact stem and compound heads', () => {
    const e = expand('lakemedel');
    expect(e.filter((x) => x.part === undefined).map((x) => [x.term, x.kind, x.prefix ?? false])).toEqual([
      ['lakemedel', 'prefix', true],
      ['lakemedel', 'exact', false],
    ]);
  });

  it('reads a compound whose parts the index holds apart as modifier + head, both required', () => {
    expect(parts('nitrilhandskar', 'nitrilhandsk')).toEqual([['nitril:*'], ['handsk', 'undersokningshandsk', 'operationshandsk']]);
  });

  it('splits at a linking s, and cuts the head from the stem so that plurals split too', () => {
    expect(parts('sjukhussangar', 'sjukhussang')).toEqual([['sjukhus:*'], ['sang', 'vardsang']]);
  });

  it('finds the modifier as typed under the stem the index holds ("kontor" → "kont")', () => {
    expect(parts('kontorsstolar', 'kontorsstol')).toEqual([['kontor:*', 'kont'], ['stol', 'kontorsstol']]);
  });

  it('takes a short head known only from compounds when two have a real modifier ("hyrbil", "lastbil", not "mobil")', () => {
    expect(parts('leasingbil')).toEqual([['leasing:*'], ['hyrbil', 'lastbil']]);
    const few = new Vocabulary([{ term: 'leasing', ndoc: 1 }, { term: 'hyrbil', ndoc: 1 }, { term: 'mobil', ndoc: 1 }]);
    expect(few.expandQueryWord(1, 'leasingbil', 'leasingbil').filter((e) => e.part !== undefined)).toEqual([]);
  });

  it('does not split a word into a fragment of itself or of another word', () => {
    // "lake" starts no other compound than "lakemedel…"; "janst" is the tail of "tjanst".
    expect(parts('lakemedel')).toEqual([[], []]);
    expect(parts('tolkjanst')).toEqual([[], []]);
  });

  it('reads a word a letter from an index word as its typo, not as a compound', () => {
    // "konsulttjanst" is one letter away; "konsul" + "tjanst" would also be a reading.
    const typoVocab = new Vocabulary(['konsulttjanst', 'konsulter', 'konsult', 'tjanst', 'tolktjanst'].map((term) => ({ term, ndoc: 2 })));
    expect(typoVocab.expandQueryWord(1, 'konsultjanst', 'konsultjanst').filter((e) => e.part !== undefined)).toEqual([]);
    expect(parts('leasingbil')[0]).toEqual(['leasing:*']);
  });

  it('finds the compounds of a corrected typo ("konsultjanst" → "managementkonsulttjanst")', () => {
    const e = expand('konsultjanster', 'konsultjanst').filter((x) => x.part === undefined);
    expect(e.map((x) => [x.term, x.kind])).toEqual(expect.arrayContaining([['konsulttjanst', 'typo'], ['managementkonsulttjanst', 'typo']]));
  });

  it('keeps a long word against a large vocabulary to a bounded number of expansions', () => {
    // 30 000 terms built from syllables, so that many share prefixes and suffixes with the query.
    const syllables = ['nit', 'ril', 'hand', 'sk', 'lea', 'sing', 'bil', 'sjuk', 'hus', 'sang', 'kon', 'tor'];
    const big = new Vocabulary(
      Array.from({ length: 30_000 }, (_, i) => ({
        term: [i % 12, (i >> 2) % 12, (i >> 5) % 12, (i >> 9) % 12].map((k) => syllables[k]).join('') + (i % 7 === 0 ? '' : String(i % 97)),
        ndoc: 1 + (i % 13),
      })),
    );
    for (const word of ['nitrilhandsk', 'nitrilhandskleasingbilsjukhussang'.repeat(6)]) {
      const e = big.expandQueryWord(1, word, word);
      expect(e.length).toBeLessThanOrEqual(MAX_EXPANSIONS_PER_WORD + 2 * MAX_EXPANSIONS_PER_PART + 1);
      expect(e.filter((x) => x.part === 1).length).toBeLessThanOrEqual(MAX_EXPANSIONS_PER_PART + 1);
    }
  });
});
