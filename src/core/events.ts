import { Locale } from '../i18n';
import { Logger } from '../logger';
import { Reply } from './messenger';

/**
 * Conversation and installation events, in the product's own terms. Several capabilities care about
 * the same event (the bot added to a team: a welcome; a member added to the officers' team: a new
 * officer), so the seam hands each one to every module's listener, in the order of the module list.
 * A listener that fails is logged (with the turn id, from the log context) and the others still run.
 */
export interface Member {
  id: string;
  aadObjectId?: string;
  name?: string;
}

export type ConversationEvent =
  | {
      kind: 'membersAdded' | 'membersRemoved';
      members: Member[];
      /** The bot itself is among the members (installed in, or removed from, the conversation). */
      bot: boolean;
      teamId?: string;
      conversationType?: string;
    }
  | { kind: 'teamRenamed' | 'teamDeleted' | 'teamArchived' | 'teamRestored'; teamId: string; teamName?: string }
  | { kind: 'installationUpdate'; action: 'add' | 'remove' | 'other'; teamId?: string; conversationType?: string };

export type EventKind = ConversationEvent['kind'];

/** What a listener may do in the turn: answer in the conversation the event came from. */
export interface EventIo {
  locale: Locale;
  reply(message: Reply): Promise<void>;
}

export type ConversationListener = (event: ConversationEvent, io: EventIo) => Promise<void>;

export interface NamedListener {
  module: string;
  listener: ConversationListener;
}

/** Calls every listener in order; a failure is logged and does not stop the rest. Returns how many failed. */
export async function dispatchEvent(event: ConversationEvent, listeners: readonly NamedListener[], io: EventIo, logger: Logger): Promise<number> {
  let failed = 0;
  for (const { module, listener } of listeners) {
    try {
      await listener(event, io);
    } catch (err) {
      failed++;
      logger.error({ module, event: event.kind, err: (err as Error)?.message ?? String(err) }, 'event listener failed; the others still ran');
    }
  }
  return failed;
}

/**
 * Domain events between capabilities (e.g. intake's "a case changed status", which the survey listens
 * for to start the NKI survey in the same transaction). Listeners run in order and a failure propagates
 * to the emitter, so a change and its consequences commit together or not at all.
 */
export class DomainEvents {
  private readonly listeners = new Map<string, ((payload: unknown) => Promise<void>)[]>();

  on<T>(name: string, listener: (payload: T) => Promise<void>): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener as (payload: unknown) => Promise<void>]);
  }

  async emit<T>(name: string, payload: T): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) await listener(payload);
  }
}
