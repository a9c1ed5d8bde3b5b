import { Activity, TurnContext } from 'botbuilder';
import { Messenger, Reply } from '../core/messenger';
import { Person } from '../core/person';
import { MAX_MESSAGE_CHARS, cut } from '../util/text';
import { Db } from '../db';
import { Locale, localeFrom, t } from '../i18n';
import { Logger } from '../logger';
import { personalChat } from '../outbox/targets';

/** The user's language for this turn: the activity's locale, else Teams' clientInfo entity, else Swedish. */
export function turnLocale(ctx: TurnContext): Locale {
  const a = ctx.activity;
  if (a.locale) return localeFrom(a.locale);
  const clientInfo = (a.entities ?? []).find((e) => e.type === 'clientInfo') as { locale?: string } | undefined;
  return localeFrom(clientInfo?.locale);
}

/**
 * Text of a message with @mentions of the bot removed and white space tidied, cut to MAX_MESSAGE_CHARS
 * before any command, question or amount parser sees it.
 */
export function messageText(ctx: TurnContext): string {
  const raw = cut(ctx.activity.text ?? '', 4 * MAX_MESSAGE_CHARS);
  return cut(raw.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\s+/g, ' ').trim());
}

/** The activity carries no Entra object id: only public contract data may be read without one. */
export class NoIdentityError extends Error {
  constructor() {
    super('activity without an Entra object id');
    this.name = 'NoIdentityError';
  }
}

/**
 * The person behind the turn. Teams always sends `from.aadObjectId` for a signed-in user; `from.id` is a
 * channel account id that a Direct Line token holder could choose, so it never stands in for it.
 * Throws NoIdentityError, which the turn-error handler answers politely.
 */
export function person(ctx: TurnContext): Person {
  const from = ctx.activity.from;
  const aadId = (from?.aadObjectId ?? '').trim().toLowerCase();
  if (!aadId) throw new NoIdentityError();
  return { aadId, name: from?.name ?? '' };
}

/**
 * Answers that are for one person only (their own cases, officers' views and reports): in a 1:1 chat
 * as a normal reply; asked for in a group chat or a channel, sent to the person's 1:1 chat with the
 * bot (opened if need be) with a short note where they asked, so nobody else in the chat sees it.
 */
export type PrivateReply = (ctx: TurnContext, message: Reply) => Promise<void>;

export function createPrivateReply(deps: { db: Db; messenger: Messenger; logger: Logger }): PrivateReply {
  return async (ctx, message) => {
    const a = ctx.activity;
    const type = a.conversation?.conversationType;
    if (!type || type === 'personal') {
      await ctx.sendActivity(typeof message === 'string' ? message : { type: 'message', ...message });
      return;
    }
    const locale = turnLocale(ctx);
    const { aadId } = person(ctx);
    try {
      const ref = await personalChat(deps.db, deps.messenger, aadId, a.serviceUrl, activityTenantIds(a)[0]);
      await deps.messenger.send(ref, typeof message === 'string' ? { text: message } : message);
      await ctx.sendActivity(t(locale, 'common.sentPrivately'));
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, conversationType: type }, 'could not answer privately');
      await ctx.sendActivity(t(locale, 'common.privateFailed'));
    }
  };
}

/**
 * The tenant ids an activity names (Teams puts the tenant in channelData and in the conversation).
 * Lower-cased, without duplicates; empty when the activity names none.
 */
export function activityTenantIds(activity: Partial<Activity>): string[] {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = (activity.conversation as { tenantId?: unknown } | undefined)?.tenantId;
  const ids = [fromChannelData, fromConversation].filter((v): v is string => typeof v === 'string' && v.length > 0).map((v) => v.toLowerCase());
  return [...new Set(ids)];
}
