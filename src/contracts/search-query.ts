import { cleanInput, foldText } from '../core/text';

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
}

/** Quotes a lexeme for tsquery syntax. Lexemes come from our own vocabulary table, but quote anyway. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsqueries that score one query word: any of its expansions in a field class, and its exact stem in title or keywords. */
export interface WordQueries {
  /** Strong matches (exact, prefix, compound head) in the title, when there are any. */
  title: string | null;
  /** Weak matches (modifier part of a compound, typo) in the title, when there are any. */
  titleWeak: string | null;
  keywords: string;
  supplier: string;
  /** Any expansion in any field (for the any-word fallback). */
  any: string;
  exact: string | null;
}

export interface TsQueries {
  /** Every query word that matched anything (each by any of its expansions). */
  all: string | null;
  /** Any of them: the fallback when no contract has them all. */
  any: string | null;
  /** Per word, for scoring (see the repository). */
  words: WordQueries[];
}

/**
 * Builds tsquery texts from the expansions. Field classes follow the index's weights:
 * A title, B keywords and CPV codes, C suppliers and category, D description.
 */
export function buildTsQueries(expansions: Expansion[]): TsQueries {
  const byToken = new Map<number, Expansion[]>();
  for (const e of expansions) {
    const list = byToken.get(e.token) ?? [];
    list.push(e);
    byToken.set(e.token, list);
  }
  if (byToken.size === 0) return { all: null, any: null, words: [] };
  const group = (list: Expansion[], weights = '') => `(${[...new Set(list.map((e) => quoteLexeme(e.term) + weights))].join(' | ')})`;
  const lists = [...byToken.keys()].sort((a, b) => a - b).map((k) => byToken.get(k) ?? []);
  const groups = lists.map((l) => group(l));
  return {
    all: groups.join(' & '),
    any: groups.join(' | '),
    words: lists.map((l) => {
      const exact = l.filter((e) => e.kind === 'exact');
      const strong = l.filter((e) => e.kind === 'exact' || e.kind === 'prefix' || e.kind === 'head');
      const weak = l.filter((e) => e.kind === 'part' || e.kind === 'typo');
      return {
        title: strong.length > 0 ? group(strong, ':A') : null,
        titleWeak: weak.length > 0 ? group(weak, ':A') : null,
        keywords: group(l, ':B'),
        supplier: group(l, ':C'),
        any: group(l),
        exact: exact.length > 0 ? group(exact, ':AB') : null,
      };
    }),
  };
}
