import { ConversationRef, Messenger, OutgoingMessage } from '../core/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { OFFICERS_CHANNEL, userTarget } from '../core/targets';
import { latestPersonalRef, loadConversationRef, saveConversationRef } from './repository';

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
    if (tenantId) return openPersonalChat(db, messenger, key.slice('user:'.length), serviceUrl, tenantId);
  }
  throw Object.assign(new Error(`no conversation for ${key}`), { statusCode: 404 });
}

/** A person's 1:1 chat with the bot: the one remembered, else a new one opened and remembered. */
export async function personalChat(db: Db, messenger: Messenger, aadId: string, serviceUrl: string, tenantId: string | undefined): Promise<ConversationRef> {
  const stored = (await loadConversationRef(db, userTarget(aadId))) as ConversationRef | null;
  if (stored) return stored;
  if (!tenantId) throw new Error('no tenant to open a 1:1 chat in');
  return openPersonalChat(db, messenger, aadId, serviceUrl, tenantId);
}

async function openPersonalChat(db: Db, messenger: Messenger, aadId: string, serviceUrl: string, tenantId: string): Promise<ConversationRef> {
  const ref = await messenger.createPersonalConversation(serviceUrl, tenantId, aadId);
  await saveConversationRef(db, userTarget(aadId), ref);
  return ref;
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
