import { Locale, hasKey, t } from '../i18n';
import { MessageReading, readMessage } from './reading';

/**
 * Chat commands, declared once by the module that owns them. From these declarations come the text
 * router (src/bot/router.ts), the help card, the Teams manifest's command menus (scripts/package.ts) and
 * the manifest test's expectations. Texts live in the locale files under `commands.<id>`:
 * `title` (the menu entry, at most 32 characters), `description` (at most 128) and, optionally,
 * `help` (what the help card says, with what to type).
 */
export type CommandScope = 'personal' | 'team' | 'groupChat';
export const COMMAND_SCOPES: readonly CommandScope[] = ['personal', 'team', 'groupChat'];
/** Teams shows at most this many commands per scope. */
export const MAX_MENU_COMMANDS = 10;

export interface CommandSpec {
  /** `<module>.<name>`; the locale texts are under `commands.<id>`. */
  id: string;
  /** Tested against the message text (mentions of the bot removed, white space tidied). */
  pattern: RegExp | ((text: string) => boolean);
  /** Where Teams' command menu lists it; [] for commands that are typed but not listed. */
  scopes: readonly CommandScope[];
  /** Officers' tools: shown apart on the help card (the handler still checks the role). */
  officersOnly?: boolean;
  /** Shown on the help card (texts under commands.<id>). */
  help?: boolean;
  /**
   * A catch-all, tried only when no other command matched, lower ranks first (a question goes to
   * policy guidance before anything else is read as a contract search).
   */
  fallback?: number;
  /**
   * For a catch-all: takes the message by its reading (src/core/reading.ts) instead of its pattern.
   * Several catch-alls may answer one message, by rank: the contracts for "får jag köpa en dator för
   * 15 000 kr?", then the calculator.
   */
  reads?: (reading: MessageReading) => boolean;
}

const matches = (spec: CommandSpec, text: string) => (typeof spec.pattern === 'function' ? spec.pattern(text) : spec.pattern.test(text));

/** The first command that answers a message (see findCommands), its reading made here. */
export function findCommand(text: string, specs: readonly CommandSpec[]): CommandSpec | undefined {
  return findCommands(text, specs, readMessage(text)).specs[0];
}

/**
 * Who answers a message: the explicit command that matches (one), else every catch-all that takes the
 * reading, lowest rank first. The reading's intent becomes 'command' when a command matched.
 */
export function findCommands(text: string, specs: readonly CommandSpec[], reading: MessageReading): { specs: CommandSpec[]; reading: MessageReading } {
  const explicit = specs.find((s) => s.fallback === undefined && matches(s, text));
  if (explicit) return { specs: [explicit], reading: { ...reading, intent: 'command' } };
  const catchAlls = specs
    .filter((s) => s.fallback !== undefined && (s.reads ? s.reads(reading) : matches(s, text)))
    .sort((a, b) => (a.fallback as number) - (b.fallback as number));
  return { specs: catchAlls, reading };
}

const key = (spec: CommandSpec, part: 'title' | 'description' | 'help') => `commands.${spec.id}.${part}`;

export interface MenuCommand {
  title: string;
  description: string;
}

/** The manifest's commandLists: one list per scope that has commands, in module-list order. */
export function commandMenus(specs: readonly CommandSpec[], locale: Locale): { scopes: [CommandScope]; commands: MenuCommand[] }[] {
  return COMMAND_SCOPES.map((scope) => ({
    scopes: [scope] as [CommandScope],
    commands: specs.filter((s) => s.scopes.includes(scope)).map((s) => ({ title: t(locale, key(s, 'title')), description: t(locale, key(s, 'description')) })),
  })).filter((list) => list.commands.length > 0);
}

export interface HelpEntry {
  title: string;
  text: string;
}

/** The help card's entries (the `help` text, else the description): everyone's commands first, then the officers' tools. */
export function helpEntries(specs: readonly CommandSpec[], locale: Locale): { everyone: HelpEntry[]; officers: HelpEntry[] } {
  const entry = (s: CommandSpec): HelpEntry => ({
    title: t(locale, key(s, 'title')),
    text: t(locale, hasKey(locale, key(s, 'help')) ? key(s, 'help') : key(s, 'description')),
  });
  const shown = specs.filter((s) => s.help);
  return { everyone: shown.filter((s) => !s.officersOnly).map(entry), officers: shown.filter((s) => s.officersOnly).map(entry) };
}

/**
 * Problems with a set of declarations, for the start (which refuses to run with any): ids that repeat
 * or do not start with their module's name, too many commands for a Teams menu, missing texts.
 */
export function commandProblems(modules: readonly { name: string; commands: readonly CommandSpec[] }[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const m of modules) {
    for (const c of m.commands) {
      if (!c.id.startsWith(`${m.name}.`)) problems.push(`command "${c.id}" of module ${m.name} must be named ${m.name}.<name>`);
      const other = seen.get(c.id);
      if (other) problems.push(`command "${c.id}" is declared by both ${other} and ${m.name}`);
      seen.set(c.id, m.name);
      const listed = c.scopes.length > 0 || c.help;
      for (const locale of ['sv', 'en'] as const) {
        for (const part of ['title', 'description'] as const) {
          if (listed && !hasKey(locale, key(c, part))) problems.push(`command "${c.id}" has no ${locale} text ${key(c, part)}`);
        }
      }
    }
  }
  const all = modules.flatMap((m) => m.commands);
  for (const scope of COMMAND_SCOPES) {
    const n = all.filter((c) => c.scopes.includes(scope)).length;
    if (n > MAX_MENU_COMMANDS) problems.push(`${n} commands listed for scope ${scope}; Teams shows at most ${MAX_MENU_COMMANDS}`);
  }
  return problems;
}
