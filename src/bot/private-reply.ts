import { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { Db } from '../db';
import { t } from '../i18n';
import { Logger } from '../logger';
import { loadConversationRef, saveConversationRef } from '../outbox/repository';
import { userTarget } from '../outbox/targets';
import { person } from './identity';
import { Messenger } from './messenger';
import { turnLocale } from './turn';

/**
 * Answers that are for one person only (their own cases, officers' views and reports): in a 1:1 chat
 * as a normal reply; asked for in a group chat or a channel, sent to the person's 1:1 chat with the
 * bot (opened if need be) with a short note where they asked, so nobody else in the chat sees it.
 */
export type PrivateReply = (ctx: TurnContext, activity: Partial<Activity> | string) => Promise<void>;

export function createPrivateReply(deps: { db: Db; messenger: Messenger; logger: Logger }): PrivateReply {
  return async (ctx, activity) => {
    const a = ctx.activity;
    const type = a.conversation?.conversationType;
    if (!type || type === 'personal') {
      await ctx.sendActivity(activity);
      return;
    }
    const locale = turnLocale(ctx);
    const { aadId } = person(ctx);
    const key = userTarget(aadId);
    try {
      let ref = (await loadConversationRef(deps.db, key)) as Partial<ConversationReference> | null;
      const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      if (!ref) {
        if (!tenantId) throw new Error('no tenant to open a 1:1 chat in');
        ref = await deps.messenger.createPersonalConversation(a.serviceUrl, tenantId, aadId);
        await saveConversationRef(deps.db, key, ref);
      }
      await deps.messenger.send(ref, typeof activity === 'string' ? { type: 'message', text: activity } : { type: 'message', ...activity });
      await ctx.sendActivity(t(locale, 'common.sentPrivately'));
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, conversationType: type }, 'could not answer privately');
      await ctx.sendActivity(t(locale, 'common.privateFailed'));
    }
  };
}
