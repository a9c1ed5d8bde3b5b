import { randomUUID } from 'node:crypto';

/** A Teams 1:1 message activity from one of the benchmark's users, with deliveryMode expectReplies (the replies come back in the response). */
export function teamsMessage(text: string, user: number) {
  const aad = `bench0000-0000-0000-0000-${String(user).padStart(12, '0')}`;
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: `29:bench-${user}`, name: `Bänk ${user}`, aadObjectId: aad },
    recipient: { id: '28:bench-bot', name: 'Inköpsassistenten' },
    conversation: { id: `a:bench-${user}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
    locale: 'sv-SE',
    entities: [{ type: 'clientInfo', locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' }],
    deliveryMode: 'expectReplies',
    text,
    textFormat: 'plain',
  };
}
