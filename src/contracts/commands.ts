import { CommandSpec } from '../core/commands';

/** Contract search in chat; the officers' import log. */
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
  // Anything no other command took (and that is not a question): read as what the person wants to buy.
  { id: 'contracts.anything', pattern: /\S/, scopes: [], fallback: 20 },
];
