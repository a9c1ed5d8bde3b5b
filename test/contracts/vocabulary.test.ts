import { QUALITY, Vocabulary, similarity, trigrams } from '../../src/contracts/vocabulary';

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
