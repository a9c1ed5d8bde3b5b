
/**
 * Proactive messages (notices to the officers' channel and to people's 1:1 chats), in the product's own
 * terms: the seam (src/bot/messenger.ts) turns these into Bot Framework activities, so outbox delivery
 * and domain code never see an SDK type.
 */

/** A rendered Adaptive Card (plain JSON, ready to send). */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; body?: unknown[]; actions?: unknown[]; [key: string]: unknown };

/** An Adaptive Card as a message attachment (the shape the Bot Framework and Teams take). */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCardJson;
  /** For message extension results: the list entry Teams shows before the card is picked. */
  preview?: { contentType: string; content: Record<string, unknown> };
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A rendered card as an attachment. */
export function asAttachment(card: AdaptiveCardJson): CardAttachment {
  return { contentType: ADAPTIVE_CARD, content: card };
}

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

/** Where a conversation is: what the Bot Connector needs to post into it again. Stored as JSON. */
export interface ConversationRef {
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id: string; isGroup?: boolean; conversationType?: string; tenantId?: string; name?: string };
  bot?: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
  activityId?: string;
  locale?: string;
}

/** A message to send: text (Teams markdown) and/or Adaptive Cards. */
export interface OutgoingMessage {
  text?: string;
  attachments?: CardAttachment[];
}

/** A reply is either plain text or a message. */
export type Reply = string | OutgoingMessage;

export interface Messenger {
  send(ref: ConversationRef, message: OutgoingMessage): Promise<{ id?: string }>;
  update(ref: ConversationRef, activityId: string, message: OutgoingMessage): Promise<void>;
  /** Opens a 1:1 chat with a user by Entra object id (works when the app is installed for them). */
  createPersonalConversation(serviceUrl: string, tenantId: string, aadObjectId: string): Promise<ConversationRef>;
}
