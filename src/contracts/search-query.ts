import { cleanInput, foldText } from './text';

/**
 * Turning what a person typed into something the index can answer: plain functions, no database.
 * The database side (stemming, vocabulary expansion, ranking) lives in the repository.
 */

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TOKENS = 8;

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
export interface Expansion {
  token: number;
  term: string;
  quality: number;
}

/** Quotes a lexeme for tsquery syntax. Lexemes come from our own vocabulary table, but quote anyway. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Builds tsquery texts from the expansions: `all` requires every query word that matched anything
 * (each word may match any of its expansions), `any` accepts any of them (the fallback when `all`
 * finds nothing), `exact` holds only exact matches in the title or keywords (weights A and B), which
 * earn a ranking bonus.
 */
export function buildTsQueries(expansions: Expansion[], minQuality = 0): { all: string | null; any: string | null; exact: string | null } {
  const byToken = new Map<number, Expansion[]>();
  for (const e of expansions) {
    if (e.quality < minQuality) continue;
    const list = byToken.get(e.token) ?? [];
    list.push(e);
    byToken.set(e.token, list);
  }
  if (byToken.size === 0) return { all: null, any: null, exact: null };
  const group = (list: Expansion[], weights = '') => `(${[...new Set(list.map((e) => quoteLexeme(e.term) + weights))].join(' | ')})`;
  const groups = [...byToken.keys()].sort((a, b) => a - b).map((k) => group(byToken.get(k) ?? []));
  const exactGroups = [...byToken.values()].map((l) => l.filter((e) => e.quality >= 1)).filter((l) => l.length > 0).map((l) => group(l, ':AB'));
  return {
    all: groups.join(' & '),
    any: groups.join(' | '),
    exact: exactGroups.length > 0 ? exactGroups.join(' | ') : null,
  };
}
