import { randomUUID } from 'node:crypto';

/**
 * Activities shaped the way Teams sends them to a bot: channelId msteams, the tenant in channelData
 * and conversation, the user's Entra object id, a locale, and deliveryMode expectReplies so the
 * replies come back in the HTTP response instead of through a connector.
 */
export const TENANT_ID = '8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b';
export const BOT_ID = '28:00000000-0000-0000-0000-00000000b0t1';

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}
export const CLINICIAN: TeamsUser = {
  id: '29:1a2b3c-clinician',
  aadObjectId: '11111111-2222-3333-4444-555555555555',
  name: 'Karin Sjuksköterska',
};

export interface Options {
  user?: TeamsUser;
  locale?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  conversationId?: string;
  /** Where proactive sends go (the fake connector in tests). */
  serviceUrl?: string;
  /** For channel messages: the team and channel ids Teams puts in channelData. */
  team?: { teamId: string; channelId: string };
}

export function base(type: string, opts: Options) {
  const user = opts.user ?? CLINICIAN;
  const conversationType = opts.conversationType ?? 'personal';
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl ?? 'https://smba.trafficmanager.net/emea/',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'Inköpsassistenten' },
    conversation: { id: opts.conversationId ?? `a:personal-${user.aadObjectId}`, conversationType, tenantId: TENANT_ID },
    channelData: opts.team
      ? { tenant: { id: TENANT_ID }, team: { id: opts.team.teamId }, channel: { id: opts.team.channelId } }
      : { tenant: { id: TENANT_ID } },
    locale: opts.locale ?? 'sv-SE',
    entities: [{ type: 'clientInfo', locale: opts.locale ?? 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' }],
    deliveryMode: 'expectReplies',
  };
}

export function messageActivity(text: string, opts: Options = {}) {
  return { ...base('message', opts), text, textFormat: 'plain' };
}

/** What Teams sends when a user presses an Action.Submit button: a message with value and no text. */
export function cardSubmitActivity(value: Record<string, unknown>, opts: Options = {}) {
  return { ...base('message', opts), value, replyToId: randomUUID() };
}

/** What Teams sends when a user presses an Action.Execute button (Universal Actions). */
export function cardActionInvoke(verb: string, data: Record<string, unknown>, opts: Options = {}) {
  return {
    ...base('invoke', opts),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    replyToId: `card-${randomUUID()}`,
    deliveryMode: undefined,
  };
}

export interface InvokeCardResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/** Posts an Action.Execute invoke; returns the card (or message) the bot answered with. */
export async function invoke(baseUrl: string, activity: object): Promise<InvokeCardResponse> {
  const { status, body } = await postActivity(baseUrl, activity);
  if (status !== 200) throw new Error(`invoke answered ${status}: ${JSON.stringify(body)}`);
  return body as InvokeCardResponse;
}

export function membersAddedActivity(opts: Options = {}) {
  return { ...base('conversationUpdate', opts), membersAdded: [{ id: BOT_ID }], text: undefined };
}

export function messageExtensionQuery(queryText: string, opts: Options & { count?: number; skip?: number } = {}) {
  return {
    ...base('invoke', opts),
    name: 'composeExtension/query',
    value: {
      commandId: 'searchContracts',
      parameters: [{ name: 'queryText', value: queryText }],
      queryOptions: { skip: opts.skip ?? 0, count: opts.count ?? 10 },
    },
    deliveryMode: undefined,
  };
}

export interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  preview?: { contentType: string; content: Record<string, unknown> };
}
export interface ReplyActivity {
  type: string;
  text?: string;
  attachments?: Attachment[];
}

/** POSTs an activity to /api/messages and returns the status and the parsed body. */
export async function postActivity(baseUrl: string, activity: object): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Sends an expectReplies activity and returns the bot's replies. */
export async function send(baseUrl: string, activity: object): Promise<ReplyActivity[]> {
  const { status, body } = await postActivity(baseUrl, activity);
  if (status !== 200) throw new Error(`POST /api/messages answered ${status}: ${JSON.stringify(body)}`);
  return ((body as { activities?: ReplyActivity[] })?.activities ?? []).filter((a) => a.type === 'message');
}

/** All text in an Adaptive Card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const k of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof o[k] === 'string') out.push(o[k] as string);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}
