import { CommandSpec } from '../core/commands';

/** Purchase needs in chat. Order matters for Teams' menus: as listed here, per scope. */
export const INTAKE_COMMANDS: readonly CommandSpec[] = [
  { id: 'intake.register-channel', pattern: /^(ta\s+emot\s+behov\s+h[aä]r|receive\s+needs\s+here)\s*[.!]?$/i, scopes: ['team'], officersOnly: true, help: true },
  {
    id: 'intake.new',
    pattern: /^(anm[aä]l(\s+ett)?(\s+ink[oö]ps)?\s*behov|nytt\s+(ink[oö]ps)?behov|submit(\s+a)?\s+(purchase\s+)?need|new\s+need)\s*[.!]?$/i,
    scopes: ['personal'],
    help: true,
  },
  { id: 'intake.my-cases', pattern: /^(mina\s+[aä]renden|my\s+cases)\s*[.!]?$/i, scopes: ['personal', 'team'], help: true },
  { id: 'intake.report', pattern: /^(rapport\s+behov|needs\s+report)(\s+(\d{4}))?$/i, scopes: ['team'], officersOnly: true, help: true },
];
