import { VERBS } from '../../src/cards/verbs';
import { t } from '../../src/i18n';
import { startTestApp, TestApp } from '../helpers/app';
import { cardText, messageActivity, messageExtensionQuery, postActivity, send, TeamsUser } from '../helpers/teams';

/**
 * Buying questions through real Bot Framework activities, the message extension and REST: the
 * catalogue answers with the contract, how to order it and its link; English words find Swedish
 * contracts; officers extend the glossary.
 */
const OFFICER: TeamsUser = { id: '29:officer-glossary', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a7', name: 'Greta Glossary' };
const STAFF: TeamsUser = { id: '29:staff-glossary', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a8', name: 'Sam Staff' };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
});
afterAll(async () => {
  await app?.close();
});

const ask = (text: string, locale = 'sv-SE', user: TeamsUser = STAFF) => send(app.baseUrl, messageActivity(text, { user, locale, conversationId: `a:1on1-${user.aadObjectId}` }));
const cards = (replies: { attachments?: { content: unknown }[] }[]) => replies.map((r) => r.attachments?.[0]?.content as Record<string, unknown> | undefined);

describe('buying questions in chat', () => {
  it('answers "Har vi avtal på tolk?" with the interpreting contracts, each with its id, how to order and its link', async () => {
    const replies = await ask('Har vi avtal på tolk?');
    expect(replies).toHaveLength(1);
    const text = cardText(cards(replies)[0]);
    expect(text).toContain('Avtal för "tolk"');
    expect(text).toMatch(/RS-2026-0363/);
    expect(text).toContain(t('sv', 'contracts.howToOrder'));
    expect(JSON.stringify(cards(replies)[0])).toContain('https://avtal.example.org/avtal/RS-2026-0363');
  });

  it('answers an English question in English around the Swedish contract data', async () => {
    const replies = await ask('Where can I buy a laptop?', 'sv-SE');
    const text = cardText(cards(replies)[0]);
    expect(text).toContain('Contracts for "laptop"');
    expect(text).toMatch(/Bärbara datorer/);
    expect(text).toContain(t('en', 'contracts.howToOrder'));
  });

  it('finds English product words through the glossary: "gloves" in an English client', async () => {
    const text = cardText(cards(await ask('gloves', 'en-US'))[0]);
    expect(text).toMatch(/Undersökningshandskar/);
  });

  it('puts the contracts first and the calculator after for an amount with a product', async () => {
    const replies = await ask('Får jag köpa en dator för 15 000 kr utan avtal?');
    expect(replies).toHaveLength(2);
    const [contracts, calculator] = cards(replies).map(cardText);
    expect(contracts).toMatch(/Bärbara datorer|Stationära datorer/);
    expect(calculator).toContain('Direktupphandling för');
  });

  it('answers a supplier question with that supplier\'s contracts', async () => {
    const text = cardText(cards(await ask('Har vi avtal med Vitalpuls?'))[0]);
    expect(text).toMatch(/RS-2025-0101/);
    expect(text).toMatch(/Vitalpuls Nordic Systems AB/);
  });

  it('answers a product without a contract with the no-hit card, Anmäl behov carrying the product words', async () => {
    const card = cards(await ask('Har vi avtal på xylofoner?'))[0];
    expect(cardText(card)).toContain(t('sv', 'contracts.noHits.text'));
    expect(JSON.stringify(card)).toContain(JSON.stringify({ verb: VERBS.menuIntake, q: 'xylofoner' }).slice(1, -1));
  });

  it('leaves a question about the rules to policy guidance, and adds it after the contracts when someone asks to buy outside them', async () => {
    const policy = await ask('Vad är gränsen för direktupphandling?');
    expect(policy).toHaveLength(1);
    expect(cardText(cards(policy)[0])).not.toMatch(/Avtal för/);
    const both = await ask('Får jag köpa kaffe utanför avtalet?');
    expect(both).toHaveLength(2);
    expect(cardText(cards(both)[0])).toContain('Avtal för "kaffe"');
    expect(cardText(cards(both)[1])).not.toMatch(/Avtal för/);
  });
});

describe('the message extension and REST read the same product words', () => {
  it('searches "gloves" for "where can I buy gloves" in the message extension', async () => {
    const { body } = await postActivity(app.baseUrl, messageExtensionQuery('where can I buy gloves', { locale: 'en-US' }));
    const result = (body as { composeExtension: { attachments: { preview: { content: { title: string } } }[] } }).composeExtension;
    expect(result.attachments.map((a) => a.preview.content.title)).toContain('Undersökningshandskar');
  });

  it('reads lang=en through the glossary and a question down to its product words', async () => {
    const res = await fetch(`${app.baseUrl}/api/contracts?q=${encodeURIComponent('Where can I buy hearing aids?')}&lang=en&limit=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { contractId: string }[] };
    expect(body.items.map((i) => i.contractId)).toContain('SIC-25.2-0118');
    const bad = await fetch(`${app.baseUrl}/api/contracts?q=gloves&lang=de`);
    expect(bad.status).toBe(400);
  });

  it('finds a supplier by organisation number', async () => {
    const res = await fetch(`${app.baseUrl}/api/contracts?supplier=559865-2565`);
    const body = (await res.json()) as { items: { contractId: string }[] };
    expect(body.items.map((i) => i.contractId)).toEqual(['RS-2025-0101']);
  });
});

describe('officers extend the glossary', () => {
  it('refuses anyone else before reading anything', async () => {
    const replies = await ask('ordlista lägg till widget = handskar');
    expect(replies.map((r) => r.text)).toEqual([t('sv', 'errors.forbidden')]);
    expect(await app.db.query('SELECT 1 FROM product_glossary')).toHaveLength(0);
  });

  it('adds a word that English searches then find, lists it, and removes it', async () => {
    expect((await ask('gizmos', 'en-US')).length).toBe(1);
    const [added] = await ask('ordlista lägg till gizmo = handskar', 'sv-SE', OFFICER);
    expect(added.text).toBe(t('sv', 'contracts.glossary.added', { en: 'gizmo', sv: 'handskar' }));
    expect(cardText(cards(await ask('gizmos', 'en-US'))[0])).toMatch(/Undersökningshandskar/);
    const [list] = await ask('glossary', 'en-US', OFFICER);
    expect(list.text).toContain('gizmo → handskar');
    const [removed] = await ask('glossary remove gizmo', 'en-US', OFFICER);
    expect(removed.text).toBe(t('en', 'contracts.glossary.removed', { en: 'gizmo' }));
    expect(cardText(cards(await ask('gizmos', 'en-US'))[0])).toContain(t('en', 'contracts.noHits.text'));
  });

  it('explains the command when the entry is not a product word', async () => {
    const [reply] = await ask('ordlista lägg till <b>x</b> = handskar', 'sv-SE', OFFICER);
    expect(reply.text).toBe(t('sv', 'contracts.glossary.usage', { max: 60 }));
  });
});
