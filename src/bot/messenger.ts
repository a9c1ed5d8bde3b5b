import { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { ConversationRef, Messenger, OutgoingMessage } from '../core/messenger';

export type { Messenger };

/** Our message as a Bot Framework activity. */
const activityOf = (message: OutgoingMessage): Partial<Activity> => ({ type: 'message', ...message });

/** Classifies a failed Bot Connector call: retry later (with a delay the service asked for), or not. */
export interface DeliveryFailure {
  status?: number;
  retryAfterMs?: number;
  retryable: boolean;
  message: string;
}

export function classifyFailure(err: unknown): DeliveryFailure {
  const e = err as { statusCode?: number; status?: number; message?: string; code?: string; response?: { headers?: { get?: (n: string) => string | undefined } } };
  const status = e?.statusCode ?? e?.status;
  const header = e?.response?.headers?.get?.('retry-after');
  const seconds = header !== undefined ? Number(header) : NaN;
  const retryAfterMs = Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
  // No status: a network error (refused, reset, timeout) — worth retrying.
  const retryable = status === undefined || status === 408 || status === 412 || status === 429 || status >= 500;
  return { status, retryAfterMs, retryable, message: `${status ?? e?.code ?? 'error'}: ${(e?.message ?? String(err)).slice(0, 300)}` };
}

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
