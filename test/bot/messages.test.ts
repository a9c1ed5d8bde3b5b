import { DbStorage } from '../../src/bot/storage';
import { startTestApp, TestApp } from '../helpers/app';
import { cardSubmitActivity, cardText, membersAddedActivity, messageActivity, messageExtensionQuery, postActivity, send } from '../helpers/teams';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const firstCard = (replies: { attachments?: { content: unknown }[] }[]) => replies[0]?.attachments?.[0]?.content as Record<string, unknown>;

describe('bot over /api/messages (Teams-shaped activities, expectReplies)', () => {
  it('welcomes a user who installs the app in personal scope, with a search box and a menu', async () => {
    const replies = await send(app.baseUrl, membersAddedActivity());
    expect(replies).toHaveLength(1);
    const text = cardText(firstCard(replies));
    expect(text).toContain('Inköpsassistenten');
    expect(text).toContain('Sök avtal');
    expect(text).toContain('Anmäl inköpsbehov');
    expect(text).toContain('Policyfrågor');
  });

  it('welcomes a team with how officers register their channel, in the team\'s language', async () => {
    const team = { teamId: '19:team-inkop@thread.tacv2', channelId: '19:general@thread.tacv2' };
    const sv = cardText(firstCard(await send(app.baseUrl, membersAddedActivity({ conversationType: 'channel', conversationId: team.channelId, team }))));
    expect(sv).toContain('finns nu i teamet');
    expect(sv).toContain('ta emot behov här');
    expect(sv).not.toContain('Anmäl inköpsbehov');
    const en = cardText(firstCard(await send(app.baseUrl, membersAddedActivity({ conversationType: 'channel', conversationId: team.channelId, team, locale: 'en-US' }))));
    expect(en).toContain('receive needs here');
  });

  it('lists every capability with examples in the help card', async () => {
    const text = cardText(firstCard(await send(app.baseUrl, messageActivity('hjälp'))));
    for (const part of ['sök avtal bärbar dator', 'anmäl behov', 'mina ärenden', 'Får jag direktupphandla', 'fråga en inköpare', 'enkät', 'ta emot behov här']) {
      expect(text).toContain(part);
    }
  });

  it('answers the command-menu entries "Policyfråga" and "Sök avtal" with a prompt, and "Policyfråga: <question>" with an answer', async () => {
    expect((await send(app.baseUrl, messageActivity('Policyfråga')))[0].text).toMatch(/Skriv din fråga/);
    expect((await send(app.baseUrl, messageActivity('Policy question', { locale: 'en-US' })))[0].text).toMatch(/Type your question/);
    expect((await send(app.baseUrl, messageActivity('Sök avtal')))[0].text).toMatch(/Skriv vad du letar efter/);
    const answer = cardText(firstCard(await send(app.baseUrl, messageActivity('Policyfråga: vad är avtalstrohet'))));
    expect(answer).toMatch(/avtalstrohet/i);
  });

  it('answers "sök avtal handskar" with a results card of at most five contracts', async () => {
    const replies = await send(app.baseUrl, messageActivity('sök avtal handskar'));
    expect(replies).toHaveLength(1);
    const card = firstCard(replies);
    const text = cardText(card);
    expect(text).toContain('Avtal för "handskar"');
    expect(text).toMatch(/Undersökningshandskar/);
    expect(text).toMatch(/Så beställer du/);
    expect(text).toMatch(/Avtals-id/);
    expect(text).toMatch(/✔ Aktivt|⚠ Löper ut|✖ Utgånget|◷ Börjar gälla/);
    const items = (card.body as { $data?: unknown; type: string; separator?: boolean }[]).filter((b) => b.separator);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
  });

  it('searches on plain text too, and in English for an English client', async () => {
    const replies = await send(app.baseUrl, messageActivity('tolk', { locale: 'en-US' }));
    const text = cardText(firstCard(replies));
    expect(text).toContain('Contracts for "tolk"');
    expect(text).toMatch(/How to order/);
  });

  it('pages with "Visa fler" and shows details with "Visa detaljer"', async () => {
    const first = firstCard(await send(app.baseUrl, messageActivity('avtal dator')));
    const more = (first.actions as { data?: Record<string, unknown> }[]).find((a) => a.data?.verb === 'contracts.more');
    expect(more).toBeDefined();
    const second = firstCard(await send(app.baseUrl, cardSubmitActivity(more!.data!)));
    expect(cardText(second)).toMatch(/Visar 6–/);

    const detailsAction = JSON.stringify(first).match(/"verb":"contracts\.details","id":"([^"]+)"/);
    expect(detailsAction).not.toBeNull();
    const details = firstCard(await send(app.baseUrl, cardSubmitActivity({ verb: 'contracts.details', id: detailsAction![1] })));
    const text = cardText(details);
    expect(text).toContain(detailsAction![1]);
    expect(text).toMatch(/Gäller för/);
    expect(text).toMatch(/Leverantör/);
  });

  it('answers a search with no hits with what to do next, and says the catalogue is not complete', async () => {
    const replies = await send(app.baseUrl, messageActivity('sök xylofonreparationer'));
    const text = cardText(firstCard(replies));
    expect(text).toMatch(/Inget avtal hittades/);
    expect(text).toMatch(/betyder inte säkert att avtal saknas/);
    expect(text).toMatch(/Mejla Inköp/);
  });

  it('gives help, and a helpful answer to things it cannot search for', async () => {
    expect(cardText(firstCard(await send(app.baseUrl, messageActivity('hjälp'))))).toMatch(/Så använder du/);
    expect(cardText(firstCard(await send(app.baseUrl, messageActivity('help', { locale: 'en-GB' }))))).toMatch(/How to use/);
    const replies = await send(app.baseUrl, messageActivity('??!!'));
    expect(replies[0].text).toMatch(/förstod inte/);
  });

  it('refuses a tampered card payload politely', async () => {
    const replies = await send(app.baseUrl, cardSubmitActivity({ verb: 'contracts.more', q: 'x', offset: 'lots' }));
    expect(replies[0].text).toMatch(/inte kunde läsa/);
    const unknown = await send(app.baseUrl, cardSubmitActivity({ verb: 'no.such.verb' }));
    expect(unknown[0].text).toMatch(/inte kunde läsa/);
  });

  it('handles a search in a team channel with an @mention', async () => {
    const activity = {
      ...messageActivity('<at>Inköpsassistenten</at> sök avtal tolk', { conversationType: 'channel', conversationId: '19:abc@thread.tacv2' }),
      entities: [{ type: 'mention', mentioned: { id: '28:00000000-0000-0000-0000-00000000b0t1', name: 'Inköpsassistenten' }, text: '<at>Inköpsassistenten</at>' }],
    };
    const replies = await send(app.baseUrl, activity);
    expect(cardText(firstCard(replies))).toContain('Avtal för "tolk"');
  });

  it('answers the search message extension with contract cards and previews', async () => {
    const { status, body } = await postActivity(app.baseUrl, messageExtensionQuery('handskar'));
    expect(status).toBe(200);
    const result = (body as { composeExtension: { type: string; attachmentLayout: string; attachments: { content: unknown; preview: { content: { title: string } } }[] } }).composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachmentLayout).toBe('list');
    expect(result.attachments.length).toBeGreaterThan(0);
    expect(result.attachments[0].preview.content.title).toMatch(/handskar/i);
    expect(cardText(result.attachments[0].content)).toMatch(/Avtals-id/);
  });

  it('asks for more text when the message extension query is too short', async () => {
    const { body } = await postActivity(app.baseUrl, messageExtensionQuery('h'));
    const result = (body as { composeExtension: { type: string; text: string } }).composeExtension;
    expect(result.type).toBe('message');
    expect(result.text).toMatch(/minst två bokstäver/);
  });

  it('keeps bot state in the database, not in memory', () => {
    expect(app.built.app.options.storage).toBeInstanceOf(DbStorage);
  });
});

describe('HTTP edge of /api/messages', () => {
  it('answers malformed JSON with 400 problem+json and keeps running', async () => {
    const res = await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses an oversize activity with 413', async () => {
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(messageActivity('x'.repeat(2 * 1024 * 1024))),
    });
    expect(res.status).toBe(413);
  });
});
