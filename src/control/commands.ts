import { CommandSpec } from '../core/commands';

/**
 * The yearly internal-control report in chat, for officers: "rapport internkontroll 2026". In the team's
 * command menu in place of "rapport behov" (Teams shows at most ten commands per scope; this report holds
 * that one's figures, which stays a typed command).
 */
export const CONTROL_COMMANDS: readonly CommandSpec[] = [
  {
    id: 'control.report',
    pattern: /^(rapport\s+internkontroll|internal\s+control\s+report)(\s+\S{1,20})?\s*[.!]?$/i,
    scopes: ['team'],
    officersOnly: true,
    help: true,
  },
];
