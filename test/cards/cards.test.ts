import fs from 'node:fs';
import path from 'node:path';
import { CARD_TEMPLATES, AdaptiveCardJson, renderCard } from '../../src/cards/loader';
import { VERBS } from '../../src/cards/verbs';
import { contractCardWithPreview, detailsCard, noHitsCard, resultsCard } from '../../src/contracts/cards';
import { ContractView, contractStatus } from '../../src/contracts/model';
import { helpCard, welcomeCard } from '../../src/bot/welcome';
import { LOCALES } from '../../src/i18n';
import { FIXTURE_CONTRACTS, FIXTURE_TODAY } from '../fixtures/contracts';
import { startTestApp, TestApp } from '../helpers/app';
import { cardSubmitActivity, send } from '../helpers/teams';

// The UMD build works in Node; the package's ESM entry does not resolve there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Elements Teams renders that the adaptivecards SDK does not know; allowed only with a fallback. */
const TEAMS_ONLY = /^(Input\.Rating|Chart\.)/;

const views: ContractView[] = FIXTURE_CONTRACTS.map((c) => ({
  ...c,
  status: contractStatus(c, FIXTURE_TODAY),
  categoryName: { sv: 'Kategori', en: 'Category' },
}));

function renderedCards(): { name: string; card: AdaptiveCardJson }[] {
  const out: { name: string; card: AdaptiveCardJson }[] = [];
  for (const locale of LOCALES) {
    const results = resultsCard(locale, { total: 12, items: views.slice(0, 5) }, { q: 'handskar', offset: 0, pageSize: 5 });
    const lastPage = resultsCard(locale, { total: 2, items: views.slice(0, 2) }, { q: 'handskar', region: 'Sörmland', offset: 0, pageSize: 5 });
    out.push({ name: `contract-results/${locale}`, card: results.content as AdaptiveCardJson });
    out.push({ name: `contract-results-last/${locale}`, card: lastPage.content as AdaptiveCardJson });
    for (const v of views) out.push({ name: `contract-details/${v.contractId}/${locale}`, card: detailsCard(locale, v).content as AdaptiveCardJson });
    out.push({ name: `contract-no-hits/${locale}`, card: noHitsCard(locale, 'xylofon', 'inkop@example.org').content as AdaptiveCardJson });
    out.push({ name: `contract-card/${locale}`, card: contractCardWithPreview(locale, views[0]).content as AdaptiveCardJson });
    out.push({ name: `welcome/${locale}`, card: welcomeCard(locale).content as AdaptiveCardJson });
    out.push({ name: `help/${locale}`, card: helpCard(locale).content as AdaptiveCardJson });
  }
  return out;
}

function verbsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => verbsIn(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.data && typeof o.data === 'object' && typeof (o.data as Record<string, unknown>).verb === 'string') {
      found.add((o.data as Record<string, string>).verb);
    }
    Object.values(o).forEach((v) => verbsIn(v, found));
  }
  return found;
}

describe('card templates', () => {
  it('has a template file for every name and no stray files', () => {
    const files = fs
      .readdirSync(path.join(__dirname, '..', '..', 'cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...CARD_TEMPLATES].sort());
  });

  it.each(renderedCards().map((c) => [c.name, c.card] as const))('%s is a valid Adaptive Card 1.5', (_name, card) => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/\$\{/); // every binding was filled
    const ctx = new AC.SerializationContext();
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i));
    const unknown = events.filter((e) => /Unknown (element|action) type/.test(e.message) && !TEAMS_ONLY.test(e.message));
    expect(unknown.map((e) => e.message)).toEqual([]);
    const validation = parsed.validateProperties();
    expect(validation.validationEvents.map((e: { message: string }) => e.message)).toEqual([]);
  });

  it('uses only verbs from the verbs module', () => {
    const known = new Set<string>(Object.values(VERBS));
    for (const { name, card } of renderedCards()) {
      for (const verb of verbsIn(card)) expect([name, known.has(verb)]).toEqual([name, true]);
    }
  });

  it('renders templates without leaking placeholders when data is missing', () => {
    const card = renderCard('help', { title: 'x', intro: 'y', sections: [] });
    expect(JSON.stringify(card)).not.toMatch(/\$\{/);
  });
});

describe('card verbs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const payloads: Record<string, Record<string, unknown>> = {
    [VERBS.contractsSearch]: { q: 'handskar' },
    [VERBS.contractsMore]: { q: 'handskar', offset: '5', region: '' },
    [VERBS.contractsDetails]: { id: 'does-not-exist' },
    [VERBS.menuIntake]: {},
    [VERBS.menuPolicy]: {},
    [VERBS.menuHelp]: {},
  };

  it('covers every verb in this test', () => {
    expect(Object.keys(payloads).sort()).toEqual(Object.values(VERBS).sort());
  });

  it.each(Object.entries(payloads))('%s has a handler that answers', async (verb, data) => {
    const replies = await send(app.baseUrl, cardSubmitActivity({ verb, ...data }));
    expect(replies.length).toBeGreaterThan(0);
    const text = replies.map((r) => r.text ?? '').join(' ');
    expect(text).not.toMatch(/inte kunde läsa|förstod inte/);
  });
});
