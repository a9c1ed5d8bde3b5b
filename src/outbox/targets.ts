import { ConversationRef, Messenger, OutgoingMessage } from '../core/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { OFFICERS_CHANNEL, userTarget } from '../core/targets';
import { latestPersonalRef, loadConversationRef, saveConversationRef } from './repository';

export { OFFICERS_CHANNEL, userTarget };

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
): Promise<ConversationRef> {
  const stored = (await loadConversationRef(db, key)) as ConversationRef | null;
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
      (await latestPersonalRef(db))) as { serviceUrl?: string; conversation?: { tenantId?: string } } | undefined;
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
  ref: ConversationRef,
  activity: OutgoingMessage,
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
