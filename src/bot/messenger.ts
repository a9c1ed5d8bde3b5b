import { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { ConversationRef, Messenger, OutgoingMessage } from '../core/messenger';

export type { Messenger };
export { classifyFailure, type DeliveryFailure } from '../core/messenger';

/** Our message as a Bot Framework activity. */
const activityOf = (message: OutgoingMessage): Partial<Activity> => ({ type: 'message', ...message });

export function createMessenger(adapter: CloudAdapter, botAppId: string): Messenger {
  /**
   * Runs fn in a proactive turn and hands its failure back to the caller. Letting it escape would send
   * it to the adapter's turn-error handler, which logs it and carries on, so the caller (the outbox)
   * would think the notice was delivered.
   */
  async function proactive<T>(ref: ConversationRef, fn: (ctx: TurnContext) => Promise<T>): Promise<T> {
    let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await adapter.continueConversationAsync(botAppId, ref as Partial<ConversationReference>, async (ctx) => {
      try {
        result = { ok: true, value: await fn(ctx) };
      } catch (error) {
        result = { ok: false, error };
      }
    });
    if (!result) throw new Error('proactive turn did not run');
    if (!result.ok) throw result.error;
    return result.value;
  }

  return {
    async send(ref, message) {
      const res = await proactive(ref, (ctx) => ctx.sendActivity(activityOf(message)));
      return { id: res?.id };
    },
    async update(ref, activityId, message) {
      await proactive(ref, (ctx) => ctx.updateActivity({ ...activityOf(message), id: activityId, type: 'message' }));
    },
    async createPersonalConversation(serviceUrl, tenantId, aadObjectId) {
      let created: ConversationRef | undefined;
      await adapter.createConversationAsync(
        botAppId,
        'msteams',
        serviceUrl,
        'https://api.botframework.com',
        { isGroup: false, bot: { id: botAppId, name: '' }, members: [{ id: aadObjectId, name: '' }], tenantId, channelData: { tenant: { id: tenantId } } } as never,
        async (ctx) => {
          created = TurnContext.getConversationReference(ctx.activity) as ConversationRef;
        },
      );
      if (!created) throw new Error('conversation was not created');
      return created;
    },
  };
}
