import { CommandSpec } from '../core/commands';

/** Help and the start menu. */
export const HELP_COMMANDS: readonly CommandSpec[] = [
  { id: 'help.help', pattern: /^(hj[aä]lp|help|\?)$/i, scopes: ['personal', 'team', 'groupChat'] },
  { id: 'help.menu', pattern: /^(meny|menu|start|hej|hi|hello|hall[aå]|god\s*morgon|tjena)[!.]?$/i, scopes: [] },
];
