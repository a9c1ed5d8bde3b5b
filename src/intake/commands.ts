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
  // Officers: the actual contract start (and the contract) of a signed case, when it was not known at the signing.
  {
    id: 'intake.contract-start',
    pattern: /^(avtalsstart|contract\s+start)\s+INK-\d{4}-\d{4,6}\b.*$/i,
    scopes: [],
    officersOnly: true,
    help: true,
  },
  // Typed, not in the team menu: the yearly internal-control report there holds these figures too.
  { id: 'intake.report', pattern: /^(rapport\s+behov|needs\s+report)(\s+\S{1,20})?$/i, scopes: [], officersOnly: true, help: true },
];
