import { Activity, ConversationReference } from 'botbuilder';
import { Messenger } from '../bot/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { loadConversationRef, saveConversationRef } from './repository';

/** The key of the officers' channel among the stored conversation references. */
export const OFFICERS_CHANNEL = 'officers-channel';
/** The key of a user's 1:1 chat with the bot. */
export const userTarget = (aadId: string) => `user:${aadId.toLowerCase()}`;

/**
 * Where a notice goes: the stored conversation reference for its target; for the officers' channel
 * the configured INTAKE_CHANNEL_ID whenever it is set. No target is treated like the connector's 404: the notice stays
 * pending (visible to officers) and is retried rarely, until someone registers a channel.
 */
export async function resolveTarget(
  db: Db,
  key: string,
  config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> & Partial<Pick<Config, 'MicrosoftAppTenantId'>>,
  messenger?: Messenger,
): Promise<Partial<ConversationReference>> {
  const stored = (await loadConversationRef(db, key)) as Partial<ConversationReference> | null;
  if (key === OFFICERS_CHANNEL && config.INTAKE_CHANNEL_ID) {
    // The configured channel wins over anything registered from chat (a stored reference to the same
    // channel is used for its service address).
    if (stored?.conversation?.id === config.INTAKE_CHANNEL_ID) return stored;
    return {
      channelId: 'msteams',
      serviceUrl: config.INTAKE_SERVICE_URL,
      conversation: { id: config.INTAKE_CHANNEL_ID, isGroup: true, conversationType: 'channel', name: '' },
    };
  }
  if (stored) return stored;
  // Someone who never wrote to the bot: open a 1:1 chat with their Entra id in our tenant, and remember it.
  if (key.startsWith('user:') && messenger) {
    const known = ((await loadConversationRef(db, OFFICERS_CHANNEL)) ??
      (await db.query<{ reference: Record<string, unknown> }>(`SELECT reference FROM conversation_refs WHERE key LIKE 'user:%' ORDER BY updated_at DESC LIMIT 1`))[0]
        ?.reference) as { serviceUrl?: string; conversation?: { tenantId?: string } } | undefined;
    const serviceUrl = known?.serviceUrl ?? config.INTAKE_SERVICE_URL;
    const tenantId = known?.conversation?.tenantId ?? config.MicrosoftAppTenantId;
    if (tenantId) {
      const ref = await messenger.createPersonalConversation(serviceUrl, tenantId, key.slice('user:'.length));
      await saveConversationRef(db, key, ref);
      return ref;
    }
  }
  throw Object.assign(new Error(`no conversation for ${key}`), { statusCode: 404 });
}

/** Posts a card the first time and updates the same message afterwards, so a channel shows one card per case or question. */
export async function postOrUpdate(
  messenger: Messenger,
  ref: Partial<ConversationReference>,
  activity: Partial<Activity>,
  existingId: string | null,
  remember: (id: string) => Promise<void>,
): Promise<Record<string, unknown>> {
  if (existingId) {
    await messenger.update(ref, existingId, activity);
    return { updated: existingId };
  }
  const { id } = await messenger.send(ref, activity);
  if (id) await remember(id);
  return { posted: id ?? null };
}
