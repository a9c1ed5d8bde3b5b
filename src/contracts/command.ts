import { Region } from '../core/vocabulary';
import { foldText } from '../core/text';

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
