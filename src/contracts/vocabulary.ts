import { Expansion, ExpansionKind } from './search-query';

/**
 * The search index's vocabulary (every lexeme with the number of contracts that hold it), held in
 * memory so that query words can be expanded in well under a millisecond: exact stems, prefixes
 * ("tolk" → "tolktjanst"), parts of compound words ("handsk" → "undersokningshandsk"), typos
 * ("konsultjanst" → "konsulttjanst", by pg_trgm-style trigram similarity) and, for contract search,
 * compounds whose parts the index holds apart ("nitrilhandskar" → "nitril" + "handsk"). Plain functions, no I/O.
 */

export interface VocabularyTerm {
  term: string;
  ndoc: number;
}

export const QUALITY = { exact: 1, prefix: 0.8, head: 0.75, part: 0.6, typoScale: 0.8, split: 0.7 } as const;
export const TYPO_MIN_SIMILARITY = 0.5;
export const MAX_EXPANSIONS_PER_WORD = 12;
/** A prefix family this small is searched as one operand ('tolk':* covers "tolk", "tolktjanst", …). */
export const MAX_PREFIX_FAMILY = 32;
/** A typo this close (trigram similarity) means the word is that index word misspelt, not a compound of others. */
export const CLOSE_TYPO_SIMILARITY = 0.7;
/** An indexed compound is also read apart only while its rarer part is in at most this many contracts. */
export const MAX_SPLIT_CANDIDATES = 2000;
/** Expansions kept for each part of a split compound. */
export const MAX_EXPANSIONS_PER_PART = 12;
/** Parts of a split compound are at least this long. */
const MIN_PART = 3;
/** A modifier the index holds only inside other compounds must be at least this long ("leasing" in "leasingfordon"). */
const MIN_LOOSE_PART = 6;
/** A split's modifier this long is also searched as a prefix ("nitril" → "nitrilhandsk"). */
const MIN_FAMILY_ROOT = 4;

interface Candidate {
  quality: number;
  kind: ExpansionKind;
}

interface Support {
  /** The part is an index word of its own (not only inside other compounds). */
  known: boolean;
  /** Contracts that hold it (or the commonest compound it is in). */
  support: number;
}

/** Endings the Swedish stemmer takes off a word ("kontor" → "kont", "datorer" → "dator"): a modifier as typed may carry one. */
const STEM_ENDINGS = ['ande', 'are', 'het', 'or', 'ar', 'er', 'en', 'et', 'a', 'e'];

/** A way to read a query word as modifier + (linking s) + head, and how well the index knows each part. */
interface Split {
  modifier: string;
  head: string;
  /** Parts that are index words in their own right (0–2). */
  known: number;
  shortest: number;
  support: number;
}

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

const reverse = (s: string) => [...s].reverse().join('');

/** The run of a sorted list that starts with `prefix` (binary search, then a scan of just the run). */
function sortedRun(sorted: string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
  return out;
}

/** Better split first: more parts the index knows as words, then longer parts, then more common ones. */
function betterSplit(a: Split, b: Split | null): boolean {
  if (!b) return true;
  return a.known !== b.known ? a.known > b.known : a.shortest !== b.shortest ? a.shortest > b.shortest : a.support > b.support;
}

export class Vocabulary {
  private readonly terms: VocabularyTerm[];
  private readonly sorted: string[];
  /** Every term written backwards, sorted: compounds that end in a word are one binary search away. */
  private readonly reversed: string[];
  private readonly byTerm = new Map<string, number>();
  private readonly trigramIndex = new Map<string, number[]>();
  private readonly trigramSets: Set<string>[];

  constructor(terms: VocabularyTerm[]) {
    this.terms = terms;
    this.sorted = terms.map((t) => t.term).sort();
    this.reversed = terms.map((t) => reverse(t.term)).sort();
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
    return sortedRun(this.sorted, prefix);
  }

  /** Terms that end with `suffix` (the term itself included when it is one). */
  private withSuffix(suffix: string): string[] {
    return sortedRun(this.reversed, reverse(suffix)).map(reverse);
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

  /** Every index word the query word could mean, with the best quality and kind found for each. */
  private candidates(word: string, stem: string): Map<string, Candidate> {
    const best = new Map<string, Candidate>();
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
        // The corrected word inside compounds: "konsultjanst" also finds "managementkonsulttjanst".
        for (const t of this.withSuffix(term)) if (t !== term) offer(t, QUALITY.typoScale * sim * QUALITY.head, 'typo');
      }
    }
    return best;
  }

  /** Best first: quality, then the more common term, then alphabetical (so the cut is deterministic). */
  private ranked(cands: Map<string, Candidate>, max: number): [string, Candidate][] {
    return [...cands.entries()]
      .sort((a, b) => b[1].quality - a[1].quality || this.ndoc(b[0]) - this.ndoc(a[0]) || (a[0] < b[0] ? -1 : 1))
      .slice(0, max);
  }

  /**
   * Expands one query word. `word` is the folded word as typed, `stem` its Swedish stem (from the
   * same text-search configuration that built the index); an empty stem means a stop word.
   */
  expandWord(token: number, word: string, stem: string): Expansion[] {
    if (!stem) return [];
    return this.ranked(this.candidates(word, stem), MAX_EXPANSIONS_PER_WORD).map(([term, { quality, kind }]) => ({ token, term, quality, kind }));
  }

  /**
   * Expands one word of a contract search: as expandWord, but a small prefix family becomes one
   * prefix operand (cheaper to test per contract, and it leaves room for compounds and typos), and a
   * compound whose parts the index holds apart adds a split reading (`part` 1 and 2, both required).
   */
  expandQueryWord(token: number, word: string, stem: string): Expansion[] {
    if (!stem) return [];
    const cands = this.candidates(word, stem);
    // The roots expandWord takes prefixes of (the stem from 4 letters, the word as typed from 3); the
    // shorter one's family holds the longer one's ("handsk" covers "handskar").
    const root = [stem, word].filter((r, i) => r.length >= (i === 0 ? 4 : 3)).sort((a, b) => a.length - b.length)[0];
    let family: Expansion | null = null;
    const members = root ? this.withPrefix(root) : [];
    if (members.length > 0 && members.length <= MAX_PREFIX_FAMILY) {
      family = { token, term: root, quality: QUALITY.prefix, kind: 'prefix', prefix: true, ndoc: members.reduce((n, t) => n + this.ndoc(t), 0) };
      for (const [t, c] of cands) if (c.kind !== 'exact' && t.startsWith(root)) cands.delete(t);
    }
    const whole = this.ranked(cands, MAX_EXPANSIONS_PER_WORD - (family ? 1 : 0)).map(
      ([term, { quality, kind }]): Expansion => ({ token, term, quality, kind, ndoc: this.ndoc(term) }),
    );
    // A word a letter or two from an index word is a typo of it, not a compound to read apart.
    const typo = [...cands.values()].some((c) => c.kind === 'typo' && c.quality >= QUALITY.typoScale * CLOSE_TYPO_SIMILARITY);
    return [...(family ? [family] : []), ...whole, ...(typo ? [] : this.splitReading(token, word, stem))];
  }

  /** How many contracts hold the commonest of these terms. */
  private commonest(terms: string[]): number {
    return terms.reduce((n, t) => Math.max(n, this.ndoc(t)), 0);
  }

  /** The index word for a modifier as typed: itself, or itself less an ending the stemmer drops ("kontor" → "kont"). */
  private modifierLexeme(modifier: string): string | null {
    if (this.byTerm.has(modifier)) return modifier;
    for (const ending of STEM_ENDINGS) {
      const lexeme = modifier.slice(0, -ending.length);
      // Three letters left is too short to be sure of ("lake" is not "lak", the stem of "läkare").
      if (modifier.endsWith(ending) && lexeme.length > MIN_PART && this.byTerm.has(lexeme)) return lexeme;
    }
    return null;
  }

  /** How well the index knows a modifier: as a word, or (when long) starting compounds with other heads than this one. */
  private modifierSupport(modifier: string, head: string): Support | null {
    const lexeme = this.modifierLexeme(modifier);
    if (lexeme) return { known: true, support: this.ndoc(lexeme) };
    if (modifier.length < MIN_LOOSE_PART) return null;
    const compounds = this.withPrefix(modifier).filter((t) => {
      const rest = t.slice(modifier.length);
      return rest.length >= MIN_PART && !rest.startsWith(head) && !rest.startsWith('s' + head);
    });
    return compounds.length === 0 ? null : { known: false, support: this.commonest(compounds) };
  }

  /**
   * How well the index knows a head: as a word, or ending compounds with other modifiers of at least
   * MIN_PART letters (two of them when it is short: "bil" in "hyrbil" and "lastbil"). The tail of a
   * longer word ("janst" of "tjanst") is no head.
   */
  private headSupport(head: string, modifier: string): Support | null {
    if (this.byTerm.has(head)) return { known: true, support: this.ndoc(head) };
    const endingIn = this.withSuffix(head);
    if (endingIn.some((t) => t.length === head.length + 1)) return null;
    const compounds = endingIn.filter((t) => t.length - head.length >= MIN_PART && !t.startsWith(modifier));
    if (compounds.length < (head.length < MIN_LOOSE_PART ? 2 : 1)) return null;
    return { known: false, support: this.commonest(compounds) };
  }

  /**
   * The best reading of a word as two parts the index knows, at least one of them as a word of its
   * own: "nitrilhandskar" → nitril + handsk, "sjukhussang" → sjukhus + (s) + sang. The head is cut
   * from the stem (Swedish inflects the end of a compound), the modifier from the word as typed.
   * At most two tries per letter of the word, each a few hash look-ups and binary searches.
   */
  private bestSplit(word: string, stem: string): Split | null {
    let best: Split | null = null;
    for (let k = MIN_PART; k <= word.length - MIN_PART; k++) {
      for (const link of ['', 's']) {
        if (link && word[k] !== link) continue;
        const cut = k + link.length;
        if (!stem.startsWith(word.slice(0, cut)) || stem.length - cut < MIN_PART) continue;
        const modifier = word.slice(0, k);
        const head = stem.slice(cut);
        const m = this.modifierSupport(modifier, head);
        const h = m && this.headSupport(head, modifier);
        if (!m || !h || (!m.known && !h.known)) continue;
        const split: Split = { modifier, head, known: Number(m.known) + Number(h.known), shortest: Math.min(modifier.length, head.length), support: Math.min(m.support, h.support) };
        if (betterSplit(split, best)) best = split;
      }
    }
    return best;
  }

  /**
   * The split reading's expansions: the modifier as a word, a prefix ("leasing" → "leasingfordon") or a
   * compound's head; the head as a word or a compound's head ("bil" → "hyrbil"), never as a prefix
   * ("handsk" as in "handskbox" is another thing than gloves).
   */
  private splitReading(token: number, word: string, stem: string): Expansion[] {
    const split = this.bestSplit(word, stem);
    if (!split) return [];
    // A compound more common than its parts is a word of its own ("lakemedel" is no "lak" + "medel").
    // One the index holds is read apart too, but only while its parts are rare enough: the search
    // checks every contract that holds both parts anywhere (a category name can hold them for thousands).
    if (this.byTerm.has(stem) && (this.ndoc(stem) > split.support || split.support > MAX_SPLIT_CANDIDATES)) return [];
    const out: Expansion[] = [];
    [split.modifier, split.head].forEach((p, i) => {
      const part = i + 1;
      const cands = new Map<string, Candidate>();
      const lexeme = part === 1 ? this.modifierLexeme(p) : this.byTerm.has(p) ? p : null;
      if (lexeme) cands.set(lexeme, { quality: QUALITY.exact, kind: 'exact' });
      // A compound's head has a real modifier in front of it ("hyrbil", not "mobil").
      for (const t of this.withSuffix(p)) if (t.length - p.length >= MIN_PART) cands.set(t, { quality: QUALITY.head, kind: 'head' });
      const family = part === 1 && p.length >= MIN_FAMILY_ROOT ? this.withPrefix(p) : [];
      if (family.length > 0 && family.length <= MAX_PREFIX_FAMILY) {
        for (const t of family) cands.delete(t);
        out.push({ token, term: p, quality: QUALITY.prefix * QUALITY.split, kind: 'prefix', prefix: true, part });
      } else for (const t of family) if (!cands.has(t)) cands.set(t, { quality: QUALITY.prefix, kind: 'prefix' });
      for (const [term, { quality, kind }] of this.ranked(cands, MAX_EXPANSIONS_PER_PART)) out.push({ token, term, quality: quality * QUALITY.split, kind, part });
    });
    return out;
  }
}
