import { VERBS } from '../../src/cards/verbs';
import { parseCategoryCommand } from '../../src/contracts/category-command';
import { importContracts } from '../../src/contracts/import-service';
import { insertCategories } from '../../src/core/category-repository';
import { t } from '../../src/i18n';
import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardText, invoke, messageActivity, send, TeamsUser } from '../helpers/teams';

/**
 * Officers rename, merge and remove contract categories in chat, over the real /api/messages path:
 * the same domain functions as REST, merge and remove behind a confirmation card whose numbers the
 * server checks again. Anyone else learns nothing, not even whether a category exists.
 */
const OFFICER: TeamsUser = { id: '29:officer-cat', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c1', name: 'Cecilia Kategori' };
const STAFF: TeamsUser = { id: '29:staff-cat', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c2', name: 'Sven Personal' };

// Today is 2026-11-21 (TEST_NOW): two current cleaning contracts, one expired, one for premises cleaning.
const HEADER = 'contract_id;title;description;category;suppliers;valid_from;valid_to;regions;ordering_method;contract_type';
const FILE = Buffer.from(
  [
    HEADER,
    'KC-2025-0001;Städtjänster Nyköping;Daglig städning av vårdlokaler;Städ;Rent & Fint AB;2025-01-01;2028-12-31;Sörmland;avrop;ramavtal',
    'KC-2025-0002;Fönsterputs;Fönsterputs två gånger om året;Städ;Glasklart i Mälardalen AB;2025-03-01;2027-02-28;Västmanland;avrop;ramavtal',
    'KC-2021-0003;Storstädning (utgånget);Storstädning efter ombyggnad;Städ;Rent & Fint AB;2021-01-01;2023-12-31;Sörmland;avrop;ramavtal',
    'KC-2026-0004;Lokalvård Västerås;Lokalvård i Västerås sjukhus;Lokalvård;Lokalvårdarna AB;2026-01-01;2029-12-31;Västmanland;avrop;ramavtal',
  ].join('\r\n') + '\r\n',
  'utf8',
);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  await importContracts(app.db, FILE, { mode: 'update' });
  // A category nobody uses (configured, not from an import).
  await insertCategories(app.db, [{ slug: 'tomt', name: 'Tomt' }], null);
});
afterAll(async () => {
  await app?.close();
});

const where = (user: TeamsUser, locale: string) => ({ user, locale, conversationId: `a:1on1-${user.aadObjectId}` });
const say = (text: string, user: TeamsUser = OFFICER, locale = 'sv-SE') => send(app.baseUrl, messageActivity(text, where(user, locale)));
const press = (verb: string, data: Record<string, unknown>, user: TeamsUser = OFFICER, locale = 'sv-SE') =>
  invoke(app.baseUrl, cardActionInvoke(verb, data, where(user, locale)));
const cardOf = (replies: { attachments?: { content: unknown }[] }[]) => replies.find((r) => r.attachments?.length)?.attachments?.[0].content;

/** The confirm button of a confirmation card: its verb and data as Teams would send them back. */
function confirmButton(card: unknown): { verb: string; data: Record<string, unknown> } {
  const action = (card as { actions: { verb: string; data: Record<string, unknown> }[] }).actions[0];
  return { verb: action.verb, data: action.data };
}

const slugs = async () => (await app.db.query<{ slug: string }>('SELECT slug FROM categories ORDER BY slug')).map((r) => r.slug);
const categoryOf = async (id: string) => (await app.db.query<{ category: string }>('SELECT category FROM contracts WHERE contract_id = $1', [id]))[0]?.category;
const slugOfName = async (name: string) => (await app.db.query<{ slug: string }>('SELECT slug FROM categories WHERE name_sv = $1', [name]))[0]?.slug;

describe('reading the category commands', () => {
  it('reads rename, merge and remove in Swedish and English, and leaves anything else to the search', () => {
    expect(parseCategoryCommand('kategori byt namn Städ till Lokalvård')).toEqual({ action: 'rename', lang: 'sv', pairs: [['Städ', 'Lokalvård']] });
    expect(parseCategoryCommand('Category rename Cleaning to Facility cleaning')).toEqual({ action: 'rename', lang: 'en', pairs: [['Cleaning', 'Facility cleaning']] });
    expect(parseCategoryCommand('kategori sla ihop Städ med Lokalvård')).toEqual({ action: 'merge', pairs: [['Städ', 'Lokalvård']] });
    expect(parseCategoryCommand('category merge Cleaning into "Facility cleaning"')).toEqual({ action: 'merge', pairs: [['Cleaning', 'Facility cleaning']] });
    expect(parseCategoryCommand('kategori ta bort "Tomt"')).toEqual({ action: 'remove', name: 'Tomt' });
    expect(parseCategoryCommand('category delete Empty')).toEqual({ action: 'remove', name: 'Empty' });
    // A name with the separator in it: every split is offered (the handler takes the one whose names exist), or quote it.
    expect(parseCategoryCommand('kategori byt namn Resor till och från till Resor')).toEqual({
      action: 'rename',
      lang: 'sv',
      pairs: [['Resor', 'och från till Resor'], ['Resor till och från', 'Resor']],
    });
    expect(parseCategoryCommand('kategori byt namn "Resor till sjukhus" till Resor')).toEqual({ action: 'rename', lang: 'sv', pairs: [['Resor till sjukhus', 'Resor']] });
    expect(parseCategoryCommand('kategori byt namn Städ')).toEqual({ action: 'usage' });
    expect(parseCategoryCommand('kategori ta bort')).toEqual({ action: 'usage' });
    expect(parseCategoryCommand(`kategori ta bort ${'x'.repeat(300)}`)).toEqual({ action: 'usage' });
    expect(parseCategoryCommand('kategori städ')).toBeNull();
    expect(parseCategoryCommand('kategorier')).toBeNull();
    expect(parseCategoryCommand('sök avtal städ')).toBeNull();
  });
});

describe('categories in chat', () => {
  it('tells a non-officer only that the commands are for officers, whatever the category, and changes nothing', async () => {
    const forbidden = t('sv', 'errors.forbidden');
    const before = await slugs();
    for (const text of ['kategorier', 'kategori ta bort Städ', 'kategori ta bort Finnsinte', 'kategori slå ihop Städ med Lokalvård', 'kategori byt namn Städ till Hemligt']) {
      const replies = await say(text, STAFF);
      expect(replies.map((r) => [r.text, r.attachments?.length ?? 0])).toEqual([[forbidden, 0]]);
    }
    const [en] = await say('categories', STAFF, 'en-US');
    expect(en.text).toBe(t('en', 'errors.forbidden'));
    // The buttons, with data a real card would carry, answer the same.
    const staedSlug = await slugOfName('Städ');
    for (const [verb, data] of [
      [VERBS.contractsCategoryMerge, { from: staedSlug, into: 'tomt', contracts: 3, current: 2 }],
      [VERBS.contractsCategoryRemove, { slug: 'tomt', contracts: 0 }],
      [VERBS.contractsCategoryCancel, {}],
    ] as const) {
      expect((await press(verb, data, STAFF)).value).toBe(forbidden);
    }
    expect(await slugs()).toEqual(before);
  });

  it('lists the categories with their current contracts, in Swedish and in English', async () => {
    const sv = cardText(cardOf(await say('kategorier')));
    expect(sv).toContain('Avtalskategorier (');
    expect(sv).toMatch(/Städ\nId: [a-z-]+ · gällande avtal: 2\n/);
    expect(sv).toMatch(/Lokalvård\nId: [a-z-]+ · gällande avtal: 1\n/);
    expect(sv).toContain('Tomt\nId: tomt · gällande avtal: 0');
    expect(sv).toContain('Medicinteknik\nId: medicinteknik');
    const en = cardText(cardOf(await say('Categories', OFFICER, 'en-US')));
    expect(en).toContain('Contract categories (');
    expect(en).toContain('Medical technology\nId: medicinteknik · current contracts: 0');
    expect(en).toMatch(/Städ\nId: [a-z-]+ · current contracts: 2\n/);
  });

  it('answers an unknown category by name, in the officer\'s language', async () => {
    const [sv] = await say('kategori ta bort Xylofoner');
    expect(sv.text).toBe(t('sv', 'contracts.categories.unknown', { name: 'Xylofoner' }));
    const [en] = await say('category merge Xylophones into Städ', OFFICER, 'en-US');
    expect(en.text).toBe(t('en', 'contracts.categories.unknown', { name: 'Xylophones' }));
  });

  it('refuses to remove a category that contracts belong to, with the count, and offers no button', async () => {
    const replies = await say('kategori ta bort Städ');
    expect(replies.map((r) => r.attachments?.length ?? 0)).toEqual([0]);
    expect(replies[0].text).toBe(t('sv', 'contracts.categories.inUse', { name: 'Städ', count: 3, current: 2 }));
    const [en] = await say('category remove Städ', OFFICER, 'en-US');
    expect(en.text).toMatch(/can't be removed: 3 contracts belong to it \(2 of them current today/);
    expect(await slugs()).toContain(await slugOfName('Städ'));
  });

  it('removes an unused category after the confirmation card', async () => {
    const card = cardOf(await say('kategori ta bort tomt'));
    expect(cardText(card)).toContain('Ta bort kategorin "Tomt"?');
    const button = confirmButton(card);
    expect(button.verb).toBe(VERBS.contractsCategoryRemove);
    expect((await press(button.verb, button.data)).value).toBe(t('sv', 'contracts.categories.removed', { name: 'Tomt' }));
    expect(await slugs()).not.toContain('tomt');
    // The same card pressed again: the category is gone, so nothing happens and the officer is told.
    expect((await press(button.verb, button.data)).value).toBe(t('sv', 'contracts.categories.changed'));
  });

  it('answers forged or broken button data politely and changes nothing', async () => {
    const before = await slugs();
    const staed = await slugOfName('Städ');
    const invalid = t('sv', 'common.cardDataInvalid');
    const forged: [string, Record<string, unknown>][] = [
      [VERBS.contractsCategoryMerge, {}],
      [VERBS.contractsCategoryMerge, { from: staed, into: 'tjanster' }],
      [VERBS.contractsCategoryMerge, { from: staed, into: staed, contracts: 3, current: 2 }],
      [VERBS.contractsCategoryMerge, { from: "x'; DROP TABLE categories;--", into: 'tjanster', contracts: 3, current: 2 }],
      [VERBS.contractsCategoryMerge, { from: [staed], into: { slug: 'tjanster' }, contracts: null, current: 'två' }],
      [VERBS.contractsCategoryMerge, { from: staed, into: 'tjanster', contracts: -1, current: 1e12 }],
      [VERBS.contractsCategoryRemove, { slug: staed, contracts: 3 }],
      [VERBS.contractsCategoryRemove, { slug: 'x'.repeat(5000), contracts: 0 }],
      [VERBS.contractsCategoryRemove, { slug: null, contracts: [0] }],
    ];
    for (const [verb, data] of forged) {
      const res = await press(verb, data);
      expect(res.statusCode).toBe(200);
      expect(res.value).toBe(invalid);
    }
    expect(await slugs()).toEqual(before);
  });

  it('says "changed since" when the numbers on a merge card no longer hold, and merges nothing', async () => {
    const staed = await slugOfName('Städ');
    const card = cardOf(await say('kategori slå ihop Städ med Lokalvård'));
    // Meanwhile one cleaning contract is moved elsewhere (by an import, say).
    await app.db.query("UPDATE contracts SET category = 'tjanster' WHERE contract_id = 'KC-2025-0002'");
    const button = confirmButton(card);
    expect((await press(button.verb, button.data)).value).toBe(t('sv', 'contracts.categories.changed'));
    expect(await categoryOf('KC-2025-0001')).toBe(staed);
    expect(await slugs()).toContain(staed);
    await app.db.query('UPDATE contracts SET category = $1 WHERE contract_id = $2', [staed, 'KC-2025-0002']);
  });

  it('merges one category into another after the card that says how many contracts move', async () => {
    const staed = await slugOfName('Städ');
    const lokalvard = await slugOfName('Lokalvård');
    const card = cardOf(await say('kategori slå ihop Städ med Lokalvård'));
    const text = cardText(card);
    expect(text).toContain('Slå ihop "Städ" med "Lokalvård"?');
    expect(text).toContain(t('sv', 'contracts.categories.mergeMoves', { from: 'Städ', into: 'Lokalvård', count: 3, current: 2 }));
    const button = confirmButton(card);
    expect(button).toEqual({ verb: VERBS.contractsCategoryMerge, data: { verb: VERBS.contractsCategoryMerge, from: staed, into: lokalvard, slug: '', contracts: 3, current: 2 } });
    expect((await press(button.verb, button.data)).value).toBe(t('sv', 'contracts.categories.merged', { from: 'Städ', into: 'Lokalvård', moved: 3 }));
    for (const id of ['KC-2025-0001', 'KC-2025-0002', 'KC-2021-0003', 'KC-2026-0004']) expect(await categoryOf(id)).toBe(lokalvard);
    expect(await slugs()).not.toContain(staed);
    // The old name now finds the category it went into.
    const [again] = await say('kategori ta bort Städ');
    expect(again.text).toBe(t('sv', 'contracts.categories.inUse', { name: 'Lokalvård', count: 4, current: 3 }));
  });

  it('renames in the command\'s language, both names for an import\'s one-name category, and refuses a taken name', async () => {
    const [taken] = await say('kategori byt namn Lokalvård till Tjänster');
    expect(taken.text).toBe(t('sv', 'contracts.categories.nameTaken', { name: 'Tjänster' }));
    const [bad] = await say('kategori byt namn Lokalvård till [klicka](https://evil.example)');
    expect(bad.text).toBe(t('sv', 'contracts.categories.badName', { max: 80 }));
    const [done] = await say('kategori byt namn Lokalvård till Städ och lokalvård');
    expect(done.text).toBe(t('sv', 'contracts.categories.renamed', { old: 'Lokalvård', name: 'Städ och lokalvård' }));
    const [row] = await app.db.query<{ name_sv: string; name_en: string }>("SELECT name_sv, name_en FROM categories WHERE slug = $1", [await categoryOf('KC-2026-0004')]);
    expect(row).toEqual({ name_sv: 'Städ och lokalvård', name_en: 'Städ och lokalvård' });
    const [en] = await say('category rename Medical technology to Medtech', OFFICER, 'en-US');
    expect(en.text).toBe(t('en', 'contracts.categories.renamed', { old: 'Medical technology', name: 'Medtech' }));
    const [mt] = await app.db.query<{ name_sv: string; name_en: string }>("SELECT name_sv, name_en FROM categories WHERE slug = 'medicinteknik'");
    expect(mt).toEqual({ name_sv: 'Medicinteknik', name_en: 'Medtech' });
  });

  it('explains the commands when one is incomplete, and lets "kategori städ" be a search', async () => {
    const [usage] = await say('kategori byt namn Lokalvård');
    expect(usage.text).toBe(t('sv', 'contracts.categories.usage'));
    const search = await say('kategori städ', STAFF);
    expect(search.map((r) => r.text)).not.toContain(t('sv', 'errors.forbidden'));
  });
});
