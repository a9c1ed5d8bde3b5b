import { CardAttachment } from '../cards/loader';

/**
 * Proactive messages (notices to the officers' channel and to people's 1:1 chats), in the product's own
 * terms: the seam (src/bot/messenger.ts) turns these into Bot Framework activities, so outbox delivery
 * and domain code never see an SDK type.
 */

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
