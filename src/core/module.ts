import type { Server } from 'restify';
import type { z } from 'zod';
import { Config } from '../config';
import { Db, Tx } from '../db';
import type { ApiAccess } from './api-route';
import { Logger } from '../logger';
import type { ApiDescription } from './api-route';
import type { DeliveryHandler } from './delivery';
import { CommandSpec, commandProblems } from './commands';
import { ConversationListener, DomainEvents, NamedListener } from './events';
import { ActionLimits } from './limits';
import { Messenger } from './messenger';
import { CategoryDirectory } from './category-repository';
import { OfficerDirectory } from './officer-repository';
import { ServiceRegistry } from './services';

/**
 * The shape every capability has. A capability is a folder under src/ with:
 *   commands.ts  its chat commands (declarations only)
 *   api.ts       what other capabilities may use (types, service names, plain functions)
 *   module.ts    the module object below: setup builds its services and returns its parts
 *   teams.ts     its one Teams handler file (the only file of the capability that sees the bot SDK)
 * src/modules.ts lists the modules; src/app.ts builds the shared context and loops over the list.
 */

/** What every module gets: shared infrastructure, the kernel's directories, and the other modules' services. */
export interface ModuleContext {
  config: Config;
  db: Db;
  logger: Logger;
  /** Clock for statuses and dates; tests pin it. */
  now?: () => Date;
  officers: OfficerDirectory;
  /** The contract categories (a table an import may add to): forms, filters and reports read it. */
  categories: CategoryDirectory;
  messenger: Messenger;
  limits: ActionLimits;
  /** Tells the outbox worker that notices were committed (it delivers them at once). */
  kick(): void;
  /** Every module's commands, in list order (the help card shows them). */
  commands: readonly CommandSpec[];
  services: ServiceRegistry;
  events: DomainEvents;
  /** Who may call the REST operations Microsoft 365 Copilot calls (contract search and details, policy answers). */
  apiAccess: ApiAccess;
}

/** What a module's seed gets: no app, no other module's services (seeds run before the app is built). */
export interface SeedContext {
  config: Config;
  db: Db;
  logger: Logger;
}

/** Loads a capability's fictional sample data from its own files; returns how many records it added (0: the data was there). */
export type Seed = (ctx: SeedContext) => Promise<number>;

/** The personal data a module removes after the retention period, with counts for the log. */
export type Purge = (tx: Tx, days: number) => Promise<Record<string, number>>;

/** What a module's setup returns. TTeams is the seam's handler type (src/bot/teams.ts). */
export interface ModuleParts<TTeams> {
  /** The Teams handlers: command handlers by command id, and card actions, invokes and the like. */
  teams?: TTeams;
  /** Outbox delivery kinds, without the module prefix: "channel-card" is delivered as "intake.channel-card". */
  deliveries?: Record<string, DeliveryHandler>;
  /** Conversation and installation events (every module's listener gets every event). */
  onEvent?: ConversationListener;
  routes?: (server: Server) => void;
  /** Scheduled work, run by the outbox worker before a pass (e.g. survey reminders). */
  schedule?: () => Promise<unknown>;
  /** Runs at shutdown, after the last turn (e.g. writing what is buffered in memory); must not throw. */
  stop?: () => Promise<void>;
}

export interface CapabilityModule<TTeams> {
  name: string;
  commands: readonly CommandSpec[];
  /**
   * The capability's folder (absolute). Default: src/<name>. Its parts are found there by convention:
   * locales/{sv,en}.json (texts under the key <name>), cards/*.json, migrations/NNN_name.sql.
   */
  folder?: string;
  /** Every verb the capability's cards send (test/cards/cards.test.ts checks each has a handler). */
  verbs?: readonly string[];
  /** The capability's settings: a zod object over environment variables, merged into the config at start (src/config.ts). */
  settings?: z.AnyZodObject;
  /** The capability's REST routes as the OpenAPI document describes them. */
  api?: ApiDescription;
  /** Its per-person actions and their limits an hour (ctx.limits.allow(action, …)), from the config. */
  limits?: (config: Config) => Record<string, number>;
  /** Removes the module's personal data older than the retention period (every new personal field joins it). */
  purge?: Purge;
  /**
   * Loads the capability's fictional sample data when SEED_SAMPLE_DATA is on (src/index.ts, before the app is
   * built, every module's in list order). Must be cheap when its data is already there: one look, no work.
   */
  seed?: Seed;
  /**
   * The turns on which the capability keeps Bot Framework conversation or user state between turns (teams-ai's
   * `state.conversation` / `state.user`). State is read and written only on such turns; none does today.
   */
  conversationState?: (activity: { type: string; name?: string; text?: string }) => boolean;
  setup(ctx: ModuleContext): ModuleParts<TTeams>;
}

/** One module's purge, named for the log. */
export interface ModulePurge {
  module: string;
  purge: Purge;
}

/** The modules' purges, in list order, for the retention job. */
export function modulePurges(modules: readonly { name: string; purge?: Purge }[]): ModulePurge[] {
  return modules.flatMap((m) => (m.purge ? [{ module: m.name, purge: m.purge }] : []));
}

/**
 * Runs every module's seed in list order and logs what each added and how long it took. A seed must not
 * count on another's data: spend is listed before contracts, so its sample postings are matched against the
 * catalogue when their figures are first read (src/spend/service.ts).
 */
export async function seedModules(modules: readonly { name: string; seed?: Seed }[], ctx: SeedContext): Promise<{ module: string; added: number; ms: number }[]> {
  const done: { module: string; added: number; ms: number }[] = [];
  for (const m of modules) {
    if (!m.seed) continue;
    const started = performance.now();
    const added = await m.seed(ctx);
    const ms = Math.round(performance.now() - started);
    done.push({ module: m.name, added, ms });
    if (added > 0) ctx.logger.info({ module: m.name, added, ms }, 'sample data loaded');
    else ctx.logger.debug({ module: m.name, ms }, 'sample data already there');
  }
  return done;
}

/** A card verb declared by two modules (each verb has one handler, in the module that declares it). */
export function verbProblems(modules: readonly { name: string; verbs?: readonly string[] }[]): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const m of modules) {
    for (const verb of m.verbs ?? []) {
      const other = owner.get(verb);
      if (other) problems.push(`the card verb ${verb} is declared by both ${other} and ${m.name}`);
      else owner.set(verb, m.name);
    }
  }
  return problems;
}

/** Every module's action limits, merged; an action declared by two modules stops the start. */
export function moduleLimits(modules: readonly { name: string; limits?: (config: Config) => Record<string, number> }[], config: Config): Record<string, number> {
  const out: Record<string, number> = {};
  const owner = new Map<string, string>();
  for (const m of modules) {
    for (const [action, perHour] of Object.entries(m.limits?.(config) ?? {})) {
      if (owner.has(action)) throw new Error(`the limited action "${action}" is declared by both ${owner.get(action)} and ${m.name}`);
      owner.set(action, m.name);
      out[action] = perHour;
    }
  }
  return out;
}

/** A delivery kind as stored in the outbox: the module's name, a dot, the kind. */
export const deliveryKind = (module: string, kind: string) => `${module}.${kind}`;

export interface BuiltModules<TTeams> {
  /** Every module's commands, in list order. */
  commands: readonly CommandSpec[];
  parts: { name: string; parts: ModuleParts<TTeams> }[];
  deliveries: Record<string, DeliveryHandler>;
  listeners: NamedListener[];
  schedules: (() => Promise<unknown>)[];
  stops: (() => Promise<void>)[];
}

/**
 * Sets the modules up in list order and collects their parts. Stops the start with one clear message
 * on a mistake in the list: two modules with one name, a command declared twice or without its texts,
 * a delivery kind declared twice.
 */
export function setupModules<TTeams>(modules: readonly CapabilityModule<TTeams>[], ctx: Omit<ModuleContext, 'commands'>): BuiltModules<TTeams> {
  const names = modules.map((m) => m.name);
  const problems = [
    ...names.filter((n, i) => names.indexOf(n) !== i).map((n) => `two modules are named ${n}`),
    ...commandProblems(modules),
    ...verbProblems(modules),
  ];
  if (problems.length > 0) throw new Error(`The module list is not valid:\n  - ${problems.join('\n  - ')}`);
  const full: ModuleContext = { ...ctx, commands: modules.flatMap((m) => m.commands) };
  const built: BuiltModules<TTeams> = { commands: full.commands, parts: [], deliveries: {}, listeners: [], schedules: [], stops: [] };
  const owner = new Map<string, string>();
  for (const m of modules) {
    const parts = m.setup(full);
    built.parts.push({ name: m.name, parts });
    for (const [kind, handler] of Object.entries(parts.deliveries ?? {})) {
      const name = deliveryKind(m.name, kind);
      if (owner.has(name)) throw new Error(`delivery kind "${name}" is declared twice (${owner.get(name)} and ${m.name})`);
      owner.set(name, m.name);
      built.deliveries[name] = handler;
    }
    if (parts.onEvent) built.listeners.push({ module: m.name, listener: parts.onEvent });
    if (parts.schedule) built.schedules.push(parts.schedule);
    if (parts.stop) built.stops.push(parts.stop);
  }
  return built;
}
