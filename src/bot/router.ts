import { ActivityTypes, TurnContext } from 'botbuilder';
import { findCommands } from '../core/commands';
import { readMessage } from '../core/reading';
import { ConversationEvent, EventKind, NamedListener, dispatchEvent } from '../core/events';
import { Reply } from '../core/messenger';
import { BuiltModules } from '../core/module';
import { userTarget } from '../core/targets';
import { Db } from '../db';
import { saveConversationRef } from '../outbox/repository';
import { t } from '../i18n';
import { Logger } from '../logger';
import { BotApp, CommandHandler, FileHandler, TeamsParts, chatFiles, invokeMessage } from './teams';
import { messageText, turnLocale } from './turn';

const TEAM_EVENTS = ['teamRenamed', 'teamDeleted', 'teamArchived', 'teamRestored'] as const;

/** A conversation update or installation as the product's own event (no SDK types past this point). */
export function eventOf(ctx: TurnContext, kind: EventKind): ConversationEvent {
  const a = ctx.activity;
  const channelData = (a.channelData ?? {}) as { team?: { id?: string; name?: string } };
  const teamId = channelData.team?.id;
  if (kind === 'membersAdded' || kind === 'membersRemoved') {
    const members = (kind === 'membersAdded' ? a.membersAdded : a.membersRemoved) ?? [];
    return {
      kind,
      members: members.map((m) => ({ id: m.id, ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}), ...(m.name ? { name: m.name } : {}) })),
      bot: members.some((m) => m.id === a.recipient?.id),
      ...(teamId ? { teamId } : {}),
      ...(a.conversation?.conversationType ? { conversationType: a.conversation.conversationType } : {}),
    };
  }
  if (kind === 'installationUpdate') {
    const action = String(a.action ?? '');
    return { kind, action: action.startsWith('add') ? 'add' : action.startsWith('remove') ? 'remove' : 'other', ...(teamId ? { teamId } : {}), ...(a.conversation?.conversationType ? { conversationType: a.conversation.conversationType } : {}) };
  }
  return { kind, teamId: teamId ?? '', ...(channelData.team?.name ? { teamName: channelData.team.name } : {}) };
}

/**
 * Wires the modules into the Teams Application, in this order: each module's own routes (card
 * actions, invokes, the message extension); one handler per conversation event that calls every
 * module's listener; the text router, which finds the command for a message among all modules'
 * declarations; last, answers for activities nobody handled. Every declared command must have a
 * handler and every handler a declaration, or the start stops.
 */
export function registerModules(app: BotApp, built: BuiltModules<TeamsParts>, logger: Logger): void {
  const specs = built.commands;
  const handlers = new Map<string, CommandHandler>();
  const fileHandlers: FileHandler[] = [];
  for (const { parts } of built.parts) {
    parts.teams?.register?.(app);
    for (const [id, handler] of Object.entries(parts.teams?.commands ?? {})) handlers.set(id, handler);
    if (parts.teams?.files) fileHandlers.push(parts.teams.files);
  }
  const unhandled = specs.filter((s) => !handlers.has(s.id)).map((s) => s.id);
  const undeclared = [...handlers.keys()].filter((id) => !specs.some((s) => s.id === id));
  if (unhandled.length || undeclared.length) {
    throw new Error(`commands without a handler: ${unhandled.join(', ') || 'none'}; handlers without a declared command: ${undeclared.join(', ') || 'none'}`);
  }
  registerEvents(app, built.listeners, logger);

  app.activity(ActivityTypes.Message, async (ctx, state) => {
    const locale = turnLocale(ctx);
    // Files reach the bot only in a 1:1 chat; a module that takes them answers, the text (often empty) is not read.
    const files = ctx.activity.conversation?.conversationType === 'personal' ? chatFiles(ctx.activity) : [];
    for (const onFiles of files.length > 0 ? fileHandlers : []) if (await onFiles(ctx, files)) return;
    const text = messageText(ctx);
    // A card submit with a verb nobody handles, or a message with nothing in it.
    if (!text) return void (await ctx.sendActivity(t(locale, ctx.activity.value ? 'common.cardDataInvalid' : 'common.notUnderstood')));
    // One reading per turn: the intent and the product words, handed to every module that answers.
    const found = findCommands(text, specs, readMessage(text));
    const answering = found.specs.map((s) => handlers.get(s.id)).filter((h) => h !== undefined);
    if (answering.length === 0) return void (await ctx.sendActivity(t(locale, 'common.notUnderstood')));
    for (const handler of answering) await handler(ctx, text, state, found.reading);
  });

  // An invoke nobody handled (a verb this version does not know, a malformed action): a message on the
  // card or in the search box, or 400 for other invokes, instead of botbuilder's 501.
  app.activity(ActivityTypes.Invoke, async (ctx) => {
    const locale = turnLocale(ctx);
    const value = invokeMessage(ctx.activity, t(locale, 'common.cardDataInvalid')) ?? {
      status: 400,
      body: { type: 'about:blank', status: 400, title: t(locale, 'api.unknownInvoke') },
    };
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value });
  });
}

function registerEvents(app: BotApp, listeners: readonly NamedListener[], logger: Logger): void {
  const dispatch = (kind: EventKind) => async (ctx: TurnContext) => {
    const io = {
      locale: turnLocale(ctx),
      reply: async (message: Reply) => void (await ctx.sendActivity(typeof message === 'string' ? message : { type: ActivityTypes.Message, ...message })),
    };
    await dispatchEvent(eventOf(ctx, kind), listeners, io, logger);
  };
  app.conversationUpdate('membersAdded', dispatch('membersAdded'));
  app.conversationUpdate('membersRemoved', dispatch('membersRemoved'));
  for (const kind of TEAM_EVENTS) app.conversationUpdate(kind, dispatch(kind));
  app.activity(ActivityTypes.InstallationUpdate, dispatch('installationUpdate'));
}

/** Remembers where each person can be reached 1:1 (for notices about their cases, answers, surveys). */
export function rememberPersonalChats(app: BotApp, db: Db): void {
  const known = new Map<string, string>();
  app.turn('beforeTurn', async (ctx) => {
    const a = ctx.activity;
    if (a.conversation?.conversationType === 'personal' && a.from?.aadObjectId) {
      const key = userTarget(a.from.aadObjectId);
      const stamp = `${a.serviceUrl}|${a.conversation.id}`;
      if (known.get(key) !== stamp) {
        await saveConversationRef(db, key, TurnContext.getConversationReference(a));
        known.set(key, stamp);
      }
    }
    return true;
  });
}
