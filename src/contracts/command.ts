import { Region } from '../core/vocabulary';
import { MessageReading } from '../core/reading';
import { SearchParams, SearchResult } from './repository';
import { foldText, trimEndChars } from '../util/text';

/**
 * Reads a chat message as a contract search: strips the command words people put first
 * ("sök avtal", "avtal", "search") and a region phrase ("i Västmanland"), which becomes a filter.
 */
export interface SearchCommand {
  q: string;
  region?: Region;
  /** True when the message started with an explicit search command. */
  explicit: boolean;
}

const COMMAND = /^(?:s[oö]k(?:\s+efter)?(?:\s+avtal(?:et)?)?|avtal(?:et)?(?:\s+f[oö]r|\s+om)?|search(?:\s+for)?(?:\s+contracts?)?|find(?:\s+contracts?)?|contracts?(?:\s+for)?)(?:\s*:\s*|\s+|$)/i;
// The text is trimmed; the phrase starts after a space (a lookbehind, so a run of spaces is not tried from each of its places).
const REGION = /(?<!\S)(?:(?:i|in|f[oö]r|for)\s+)?(?:region\s+)?(s[oö]rmland|v[aä]stmanland)$/i;

export function parseSearchCommand(text: string): SearchCommand {
  let q = text.trim();
  const m = COMMAND.exec(q);
  const explicit = m !== null;
  if (m) q = q.slice(m[0].length).trim();
  let region: Region | undefined;
  const r = REGION.exec(q);
  if (r) {
    region = foldText(r[1]) === 'sormland' ? 'Sörmland' : 'Västmanland';
    const rest = q.slice(0, r.index).trim();
    // "sök avtal Västmanland" alone is a search for the word, not an empty search with a filter.
    if (rest !== '') q = rest;
    else region = undefined;
  }
  return { q, ...(region ? { region } : {}), explicit };
}

/** What a buying question searches for: its product words, or the supplier it names, in its language. */
export interface ReadingSearch {
  q: string;
  /** A supplier's name or organisation number: their contracts, whatever the words. */
  supplier?: string;
  region?: Region;
  /** The question's language when its phrase told, else the client's. */
  lang: 'sv' | 'en';
}

export function readingSearch(r: MessageReading, clientLocale: 'sv' | 'en'): ReadingSearch {
  const region = parseSearchCommand(trimEndChars(r.text, '?!.')).region;
  const lang = r.language ?? clientLocale;
  if (r.intent === 'supplier' && r.supplier) return { q: r.supplier, supplier: r.supplier, ...(region ? { region } : {}), lang };
  return { q: r.product || r.text, ...(region ? { region } : {}), lang };
}

/**
 * Runs a buying question's search: a supplier's contracts (by name or org number), or, when the name
 * finds none, the words as a search ("avtal med väktare"); else the product words.
 */
export async function searchReading(search: (p: SearchParams) => Promise<SearchResult>, rs: ReadingSearch, page: { limit: number; today: string }): Promise<SearchResult> {
  if (rs.supplier) {
    const bySupplier = await search({ supplier: rs.supplier, region: rs.region, ...page });
    if (bySupplier.items.length > 0) return bySupplier;
  }
  return search({ q: rs.q, region: rs.region, lang: rs.lang, ...page });
}
