import { CommandSpec } from '../core/commands';

/** Contract search in chat. */
export const CONTRACT_COMMANDS: readonly CommandSpec[] = [
  { id: 'contracts.search', pattern: /^(s[oö]k|avtal|search|find)\b/i, scopes: ['personal', 'groupChat'], help: true },
  // Anything no other command took (and that is not a question): read as what the person wants to buy.
  { id: 'contracts.anything', pattern: /\S/, scopes: [], fallback: 20 },
];
