import { Expansion, ExpansionKind } from './search-query';

/**
 * The search index's vocabulary (every lexeme with the number of contracts that hold it), held in
 * memory so that query words can be expanded in well under a millisecond: exact stems, prefixes
 * ("tolk" → "tolktjanst"), parts of compound words ("handsk" → "undersokningshandsk") and typos
 * ("konsultjanst" → "konsulttjanst", by pg_trgm-style trigram similarity). Plain functions, no I/O.
 */

export interface VocabularyTerm {
  term: string;
  ndoc: number;
}

export const QUALITY = { exact: 1, prefix: 0.8, head: 0.75, part: 0.6, typoScale: 0.8 } as const;
export const TYPO_MIN_SIMILARITY = 0.5;
export const MAX_EXPANSIONS_PER_WORD = 12;

/** pg_trgm's trigrams: the word padded with two spaces in front and one behind. */
export function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Trigrams that lie wholly inside the word (what every word containing it must also contain). */
function innerTrigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= word.length; i++) out.push(word.slice(i, i + 3));
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

export class Vocabulary {
  private readonly terms: VocabularyTerm[];
  private readonly sorted: string[];
  private readonly byTerm = new Map<string, number>();
  private readonly trigramIndex = new Map<string, number[]>();
  private readonly trigramSets: Set<string>[];

  constructor(terms: VocabularyTerm[]) {
    this.terms = terms;
    this.sorted = terms.map((t) => t.term).sort();
    this.trigramSets = terms.map((t) => trigrams(t.term));
    terms.forEach((t, i) => {
      this.byTerm.set(t.term, i);
      for (const g of this.trigramSets[i]) {
        const list = this.trigramIndex.get(g);
        if (list) list.push(i);
        else this.trigramIndex.set(g, [i]);
      }
    });
  }

  get size(): number {
    return this.terms.length;
  }

  private ndoc(term: string): number {
    const i = this.byTerm.get(term);
    return i === undefined ? 0 : this.terms[i].ndoc;
  }

  private withPrefix(prefix: string): string[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) out.push(this.sorted[i]);
    return out;
  }

  private containing(part: string): string[] {
    const grams = innerTrigrams(part);
    if (grams.length === 0) return [];
    let smallest: number[] | undefined;
    for (const g of grams) {
      const list = this.trigramIndex.get(g);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return (smallest ?? []).map((i) => this.terms[i].term).filter((t) => t.includes(part));
  }

  private similar(word: string): { term: string; sim: number }[] {
    const grams = trigrams(word);
    const counts = new Map<number, number>();
    for (const g of grams) for (const i of this.trigramIndex.get(g) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    const out: { term: string; sim: number }[] = [];
    for (const [i, shared] of counts) {
      const sim = shared / (grams.size + this.trigramSets[i].size - shared);
      if (sim >= TYPO_MIN_SIMILARITY) out.push({ term: this.terms[i].term, sim });
    }
    return out;
  }

  /**
   * Expands one query word. `word` is the folded word as typed, `stem` its Swedish stem (from the
   * same text-search configuration that built the index); an empty stem means a stop word.
   */
  expandWord(token: number, word: string, stem: string): Expansion[] {
    if (!stem) return [];
    const best = new Map<string, { quality: number; kind: ExpansionKind }>();
    const offer = (term: string, quality: number, kind: ExpansionKind) => {
      if ((best.get(term)?.quality ?? -1) < quality) best.set(term, { quality, kind });
    };
    for (const t of [stem, word]) if (this.byTerm.has(t)) offer(t, QUALITY.exact, 'exact');
    if (word.length >= 3) for (const t of this.withPrefix(word)) offer(t, QUALITY.prefix, 'prefix');
    if (stem.length >= 4) for (const t of this.withPrefix(stem)) offer(t, QUALITY.prefix, 'prefix');
    for (const part of new Set([stem, word])) {
      if (part.length < 4) continue;
      for (const t of this.containing(part)) {
        if (t.endsWith(part)) offer(t, QUALITY.head, 'head');
        else offer(t, QUALITY.part, 'part');
      }
    }
    if (stem.length >= 5) {
      for (const { term, sim } of this.similar(stem)) {
        // A shorter word the query merely starts with ("hand" for "handsk") is another word, not a typo.
        if (term.length < 5 || stem.startsWith(term) || word.startsWith(term)) continue;
        offer(term, QUALITY.typoScale * sim, 'typo');
      }
    }
    return [...best.entries()]
      .sort((a, b) => b[1].quality - a[1].quality || this.ndoc(b[0]) - this.ndoc(a[0]) || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_EXPANSIONS_PER_WORD)
      .map(([term, { quality, kind }]) => ({ token, term, quality, kind }));
  }
}
