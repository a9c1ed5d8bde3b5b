import { CommandSpec } from '../core/commands';

/** The NKI survey in chat: officers send surveys and read the report. */
export const SURVEY_COMMANDS: readonly CommandSpec[] = [
  { id: 'survey.send', pattern: /^(skicka\s+enk[aä]t|send\s+survey)\s+INK-\d{4}-\d{4,6}\s*$/i, scopes: [], officersOnly: true, help: true },
  { id: 'survey.new', pattern: /^(ny\s+enk[aä]t|new\s+survey)\s*$/i, scopes: ['team'], officersOnly: true, help: true },
  { id: 'survey.nki', pattern: /^nki(?:\s.*)?$/i, scopes: ['team'], officersOnly: true, help: true },
];
