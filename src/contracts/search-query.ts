import { cleanInput, foldText } from '../util/text';

/**
 * Turning what a person typed into something the index can answer: plain functions, no database.
 * The database side (stemming, vocabulary expansion, ranking) lives in the repository.
 */

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TOKENS = 8;
/** Deepest page anyone may ask for (bot, message extension and REST alike). */
export const MAX_OFFSET = 1000;

/**
 * Words that carry no meaning in a contract search (folded: no diacritics). Swedish function words,
 * the filler people put around what they look for ("finns det avtal för …"), and common English ones.
 */
const STOP_WORDS = new Set(
  (
    'och i att det som en pa ar av for med till den har de inte om ett han men var jag sig fran vi sa eller nar kan ' +
    'hon nu ska skall sin dar alla under vad eller ocksa efter upp dem vara vilka vilken vilket vid mot ni bara mig ' +
    'din ditt dina er era ert min mitt mina hur man nagon nagot nagra finns fanns behover behova vill ville kopa kopes ' +
    'bestalla bestaller soka sok sokes hitta letar leta ge visa avtal avtalet avtalen kontrakt kontraktet upphandlat ' +
    'upphandlade tack hej snalla typ ' +
    'the a an and or of for to in on at is are do does we i you any find search show me contract contracts agreement ' +
    'agreements with about need buy order please'
  ).split(/\s+/),
);

export interface ParsedQuery {
  /** The cleaned query as the user meant it (for messages and prefilling forms). */
  text: string;
  /** Lower-case contract id candidate when the whole query looks like one ("rs-2023-0412"). */
  idKey: string | null;
  /** Folded search words, stop words removed, at most MAX_QUERY_TOKENS. */
  tokens: string[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._/-]{1,39}$/;

export function parseQuery(input: string): ParsedQuery {
  const text = cleanInput(input).slice(0, MAX_QUERY_LENGTH);
  const lower = text.toLowerCase();
  const idKey = ID_PATTERN.test(lower) && /\d/.test(lower) && /[-./]/.test(lower) ? lower : null;
  const tokens: string[] = [];
  for (const word of foldText(text).split(/[^a-z0-9]+/)) {
    if (word.length < 2 || STOP_WORDS.has(word) || tokens.includes(word)) continue;
    // Single check digits of CPV codes ("33141420-0") and stray numbers say nothing on their own.
    if (/^\d+$/.test(word) && word.length < 4) continue;
    tokens.push(word);
    if (tokens.length === MAX_QUERY_TOKENS) break;
  }
  return { text, idKey, tokens };
}

/** A word of the index vocabulary that a query word matched, and how good the match is (0–1). */
export type ExpansionKind = 'exact' | 'prefix' | 'head' | 'part' | 'typo';

export interface Expansion {
  token: number;
  term: string;
  quality: number;
  /**
   * exact: the stem itself; prefix: a word the query starts ("tolk" → "tolktjanst"); head: a compound
   * ending in the query (Swedish compounds put the head last: "undersokningshandsk"); part: the query
   * inside a compound as a modifier ("modersmjolksersattning"); typo: one or two letters away.
   */
  kind: ExpansionKind;
  /** The term stands for every index word that starts with it (`'term':*`), a whole prefix family in one operand. */
  prefix?: boolean;
  /**
   * Set on the parts of a split compound ("nitrilhandskar" read as 1 "nitril" + 2 "handsk"): a contract
   * matches that reading only with every part. Absent for expansions of the word as a whole.
   */
  part?: number;
  /** How many contracts hold the term (for a prefix family: its members together), from the vocabulary. */
  ndoc?: number;
}

/** Quotes a lexeme for tsquery syntax. Lexemes come from our own vocabulary table, but quote anyway. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsqueries of one query word. The scoring ranks each group with ts_rank, which divides by the
 * number of distinct operands: `operands` lets it undo that, so each matched word counts in full.
 */
export interface WordQueries {
  /** Everything that counts as the word: any expansion of it, or all parts of its split reading. */
  any: string;
  /** Strong expansions of the whole word (exact, prefix, compound head). */
  strong: string | null;
  /** Weak expansions of the whole word: inside a compound as its modifier, or a typo. */
  weak: string | null;
  /** The word's split reading: every part, each in the title or keywords (as it matches). */
  split: string | null;
  /** The word's exact stem. */
  exact: string | null;
  operands: { strong: number; weak: number; exact: number };
}

export interface TsQueries {
  /** Every query word that matched anything (each by any of its expansions). */
  all: string | null;
  /** Any of them: the fallback when no contract has them all. */
  any: string | null;
  /** Per word, for scoring (see the repository). */
  words: WordQueries[];
}

const operand = (e: Expansion, weights = '') => quoteLexeme(e.term) + (e.prefix || weights ? `:${e.prefix ? '*' : ''}${weights}` : '');

/**
 * Scoring ranks every hit by each group of a word's operands, at a cost of hits × operands (one
 * look-up in the contract's lexemes each). This many look-ups per group is the budget: a word that
 * thousands of contracts hold is scored by its prefix family, exact stem and commonest expansions;
 * the rarer ones still find contracts, they just add nothing to the score.
 */
export const SCORING_BUDGET = 30_000;
const MIN_SCORED_OPERANDS = 2;

/** Scored first when the budget is short: the prefix family, the exact stem, then the terms most contracts hold. */
const scoringOrder = (a: Expansion, b: Expansion) =>
  Number(!!b.prefix) - Number(!!a.prefix) || Number(b.kind === 'exact') - Number(a.kind === 'exact') || (b.ndoc ?? 0) - (a.ndoc ?? 0);

/**
 * One expansion per distinct term (ts_rank would merge two operands with the same text, so operand
 * counts stay true); a term that a prefix expansion covers goes.
 */
function distinct(list: Expansion[]): Expansion[] {
  const byTerm = new Map<string, Expansion>();
  for (const e of list) if (!byTerm.get(e.term)?.prefix) byTerm.set(e.term, e);
  const prefixes = [...byTerm.values()].filter((e) => e.prefix).map((e) => e.term);
  return [...byTerm.values()].filter((e) => e.prefix || !prefixes.some((p) => e.term.startsWith(p)));
}

/**
 * The tsquery operands of distinct expansions, at most `max` (the ones scoringOrder puts first), in
 * byte order: the order ts_rank sorts its operands into for every contract it ranks, so that its
 * sort finds them sorted in one pass.
 */
function operands(list: Expansion[], weights = '', max = Infinity): string[] {
  const kept = distinct(list);
  return (kept.length > max ? kept.sort(scoringOrder).slice(0, max) : kept)
    .sort((a, b) => Buffer.compare(Buffer.from(a.term), Buffer.from(b.term)))
    .map((e) => operand(e, weights));
}

const orGroup = (ops: string[]) => (ops.length > 0 ? `(${ops.join(' | ')})` : null);

function wordQueries(list: Expansion[], budget: number): WordQueries {
  const whole = list.filter((e) => e.part === undefined);
  const partNumbers = [...new Set(list.map((e) => e.part).filter((p) => p !== undefined))];
  const parts = partNumbers.length > 1 ? partNumbers.map((p) => list.filter((e) => e.part === p)) : [];
  // At most as many contracts hold the word as hold its expansions together.
  const hits = distinct(whole).reduce((n, e) => n + (e.ndoc ?? 0), 0);
  const max = hits > 0 ? Math.max(MIN_SCORED_OPERANDS, Math.floor(budget / hits)) : Infinity;
  const strong = operands(whole.filter((e) => e.kind === 'exact' || e.kind === 'prefix' || e.kind === 'head'), '', max);
  const weak = operands(whole.filter((e) => e.kind === 'part' || e.kind === 'typo'), '', max);
  const exact = operands(whole.filter((e) => e.kind === 'exact'));
  // The split reading needs every part, each in the title or keywords: parts scattered over a
  // description or a supplier's name ("Skärm AB") are a coincidence, not the compound.
  const splitMatch = parts.length > 0 ? `(${parts.map((p) => `(${operands(p, 'AB').join(' | ')})`).join(' & ')})` : null;
  const readings = [...operands(whole), ...(splitMatch ? [splitMatch] : [])];
  return {
    any: `(${readings.join(' | ')})`,
    strong: orGroup(strong),
    weak: orGroup(weak),
    split: splitMatch,
    exact: orGroup(exact),
    operands: { strong: strong.length, weak: weak.length, exact: exact.length },
  };
}

/** Builds the tsquery texts from the expansions: the words ANDed (or ORed for the fallback), and each word's scoring groups. */
export function buildTsQueries(expansions: Expansion[], budget = SCORING_BUDGET): TsQueries {
  const byToken = new Map<number, Expansion[]>();
  for (const e of expansions) {
    const list = byToken.get(e.token) ?? [];
    list.push(e);
    byToken.set(e.token, list);
  }
  const words = [...byToken.keys()]
    .sort((a, b) => a - b)
    .map((k) => wordQueries(byToken.get(k) ?? [], budget))
    // A word with only part of a split reading matches nothing.
    .filter((w) => w.any !== '()');
  if (words.length === 0) return { all: null, any: null, words: [] };
  return { all: words.map((w) => w.any).join(' & '), any: words.map((w) => w.any).join(' | '), words };
}
