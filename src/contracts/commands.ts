import { CommandSpec } from '../core/commands';
import { Intent } from '../core/reading';
import { parseCategoryCommand } from './category-command';

const BUYING: ReadonlySet<Intent> = new Set(['find', 'contract', 'supplier']);

/**
 * "ordlista", "ordlistan …", "glossary …": the word alone, or followed by white space and then words on one
 * line (line breaks only in the white space right after the word). Plain code, linear in the length.
 */
function isGlossaryCommand(text: string): boolean {
  const word = /^(?:ordlistan?|glossary)/i.exec(text);
  if (!word) return false;
  const rest = text.slice(word[0].length);
  if (rest === '') return true;
  return /^\s/.test(rest) && !/[\n\r\u2028\u2029]/.test(rest.trimStart());
}

/** Contract search in chat; the officers' import log and searches without a hit. */
export const CONTRACT_COMMANDS: readonly CommandSpec[] = [
  { id: 'contracts.search', pattern: /^(s[oö]k|avtal|search|find)\b/i, scopes: ['personal', 'groupChat'], help: true },
  // Officers: the import log ("senaste importer", "importer 20"). The handler checks the role. In the
  // officers' team menu only (staff's personal menu stays theirs); typed in the 1:1 chat it works too.
  {
    id: 'contracts.imports',
    pattern: /^(senaste\s+importer(na)?|importer(na)?|importlogg(en)?|latest\s+imports|imports|import\s+log)(\s+\d{1,2})?\s*[.!]?$/i,
    scopes: ['team'],
    officersOnly: true,
    help: true,
  },
  // Officers: what staff searched for without finding a contract (avtalslösa områden), top 20 of 90 days.
  // Typed (in the officers' channel or the 1:1 chat) and on the help card, not in a menu: the team menu
  // is full (Teams shows 10 commands a scope).
  {
    id: 'contracts.unmet',
    pattern: /^(s[oö]kningar\s+utan\s+tr[aä]ff(ar)?|avtalsl[oö]sa\s+omr[aå]den|unmet\s+searches|searches\s+without\s+(a\s+)?(hits?|results?))\s*[.!]?$/i,
    scopes: [],
    officersOnly: true,
    help: true,
  },
  // Officers: the English–Swedish product glossary ("ordlista", "ordlista lägg till laptop = bärbar dator",
  // "ordlista ta bort laptop"). Typed and on the help card; the handler checks the role first.
  { id: 'contracts.glossary', pattern: isGlossaryCommand, scopes: [], officersOnly: true, help: true },
  // Officers: the contract categories with their current contracts ("kategorier", "categories"), and
  // renaming, merging and removing them ("kategori byt namn A till B", "category merge A into B",
  // "kategori ta bort A"). Typed and on the help card; the handlers check the role first. "kategori
  // städ" without a sub-command is no command (it stays a search).
  { id: 'contracts.categories', pattern: /^(?:kategorier(?:na)?|categories)\s*[.!]?$/i, scopes: [], officersOnly: true, help: true },
  { id: 'contracts.category', pattern: (text) => parseCategoryCommand(text) !== null, scopes: [], officersOnly: true, help: true },
  // Anything no other command took that the reading finds a buying question in (find or order something,
  // is there a contract, which supplier; an amount with a product): the catalogue answers first.
  { id: 'contracts.anything', pattern: /\S/, scopes: [], fallback: 10, reads: (r) => BUYING.has(r.intent) || (r.intent === 'amount' && r.product !== '') },
];
