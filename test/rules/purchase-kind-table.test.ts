import { calculate } from '../../src/policy/calculator';
import { PurchaseKind } from '../../src/rules/data';

/**
 * Labelled purchase descriptions through the calculator (issue 24): the kind it reads from what is
 * bought, and the direct-procurement limit that follows. Ties whose answers differ for the amount must
 * ask (no verdict); ties with the same answer answer and name the other kind. Rules in force 2026-11-21.
 */
const TODAY = '2026-11-21';
const GENERAL = 700_000;
// Bilaga 2: the EU threshold for those services, EUR 750 000 × the rate stated in the rules data.
const SOCIAL = 8_109_450;

type Row = [description: string, kind: PurchaseKind, group: string | null, limit: number];
const at = (what: string, amount = '500 000 kr') => `Får jag köpa ${what} för ${amount}?`;

const ANSWERED: Row[] = [
  // Cleaning, operation and maintenance are services even when called "entreprenad" (not the works threshold).
  [at('en städentreprenad', '1 500 000 kr'), 'supplies-services', 'cleaning', GENERAL],
  [at('lokalvårdsentreprenad', '1 500 000 kr'), 'supplies-services', 'cleaning', GENERAL],
  [at('driftentreprenad städ', '1 500 000 kr'), 'supplies-services', 'operation', GENERAL],
  [at('underhållsentreprenad för ventilationen', '1 500 000 kr'), 'supplies-services', 'operation', GENERAL],
  [at('skötselentreprenad för parken'), 'supplies-services', 'operation', GENERAL],
  [at('fastighetsskötsel'), 'supplies-services', 'operation', GENERAL],
  [at('snöröjning'), 'supplies-services', 'operation', GENERAL],
  [at('städtjänster'), 'supplies-services', 'cleaning', GENERAL],
  [at('lokalvård på vårdcentralen'), 'supplies-services', 'cleaning', GENERAL],
  [at('fönsterputs'), 'supplies-services', 'cleaning', GENERAL],
  ['We want cleaning services for SEK 900,000', 'supplies-services', 'cleaning', GENERAL],
  // Works: construction and building alterations.
  [at('en byggentreprenad', '2 mkr'), 'works', 'works', GENERAL],
  [at('en totalentreprenad', '2 mkr'), 'works', 'works', GENERAL],
  ['Bygga om entrén för 2 miljoner', 'works', 'works', GENERAL],
  [at('ombyggnad av en avdelning'), 'works', 'works', GENERAL],
  [at('tillbyggnad av garaget'), 'works', 'works', GENERAL],
  [at('renovering av taket'), 'works', 'works', GENERAL],
  [at('rivning av en barack'), 'works', 'works', GENERAL],
  [at('markarbeten vid sjukhuset'), 'works', 'works', GENERAL],
  [at('stambyte i hus 3'), 'works', 'works', GENERAL],
  ['renovate the entrance for SEK 2 million', 'works', 'works', GENERAL],
  // Goods, also beside a service word.
  [at('måltidsvagnar'), 'supplies-services', 'goods', GENERAL],
  [at('kurslitteratur'), 'supplies-services', 'goods', GENERAL],
  [at('tandvårdsmaterial'), 'supplies-services', 'goods', GENERAL],
  [at('utrustning till HVB-hemmet'), 'supplies-services', 'goods', GENERAL],
  [at('möbler till väntrummet'), 'supplies-services', 'goods', GENERAL],
  [at('operationsinstrument'), 'supplies-services', 'goods', GENERAL],
  [at('datorer'), 'supplies-services', 'goods', GENERAL],
  [at('utbildningsmaterial'), 'supplies-services', 'goods', GENERAL],
  [at('hotellmöbler'), 'supplies-services', 'goods', GENERAL],
  [at('sjukvårdsmaterial'), 'supplies-services', 'goods', GENERAL],
  [at('handskar'), 'supplies-services', 'goods', GENERAL],
  ['Can we buy furniture for SEK 500,000?', 'supplies-services', 'goods', GENERAL],
  // Ordinary services.
  [at('konsulttjänster'), 'supplies-services', 'services', GENERAL],
  [at('IT-konsulter'), 'supplies-services', 'services', GENERAL],
  [at('tolktjänster'), 'supplies-services', 'services', GENERAL],
  [at('sjukresor'), 'supplies-services', 'services', GENERAL],
  [at('tvätt av arbetskläder'), 'supplies-services', 'services', GENERAL],
  [at('taxi'), 'supplies-services', 'services', GENERAL],
  // Bilaga 2: social and other specific services.
  [at('HVB-placeringar', '1 miljon kr'), 'social-services', 'social-care', SOCIAL],
  [at('hemtjänst', '1 500 000 kr'), 'social-services', 'social-care', SOCIAL],
  [at('personlig assistans enligt LSS', '1 500 000 kr'), 'social-services', 'social-care', SOCIAL],
  [at('hälso- och sjukvårdstjänster', '1 500 000 kr'), 'social-services', 'health', SOCIAL],
  [at('företagshälsovård', '1 500 000 kr'), 'social-services', 'health', SOCIAL],
  [at('hyrläkare till akuten', '1 500 000 kr'), 'social-services', 'care-staffing', SOCIAL],
  [at('en ledarskapsutbildning', '1 500 000 kr'), 'social-services', 'education', SOCIAL],
  [at('kurser i HLR', '1 500 000 kr'), 'social-services', 'education', SOCIAL],
  [at('hotell och konferens', '1 500 000 kr'), 'social-services', 'hotel-restaurant', SOCIAL],
  [at('catering till kursdagen', '1 500 000 kr'), 'social-services', 'hotel-restaurant', SOCIAL],
  [at('måltider till patienterna', '1 500 000 kr'), 'social-services', 'hotel-restaurant', SOCIAL],
  [at('juridiska tjänster', '1 500 000 kr'), 'social-services', 'legal', SOCIAL],
  [at('konsulttjänster inom juridik', '1 500 000 kr'), 'social-services', 'legal', SOCIAL],
  [at('advokat i en tvist', '1 500 000 kr'), 'social-services', 'legal', SOCIAL],
  [at('säkerhetstjänster', '1 500 000 kr'), 'social-services', 'security', SOCIAL],
  [at('bevakning av sjukhusområdet', '1 500 000 kr'), 'social-services', 'security', SOCIAL],
  [at('posttjänster', '1 500 000 kr'), 'social-services', 'postal', SOCIAL],
  ['Do we need to advertise legal services for SEK 1.5 million?', 'social-services', 'legal', SOCIAL],
  ['Can we buy home care for SEK 1.5 million?', 'social-services', 'social-care', SOCIAL],
  // No kind named: goods and services, said to be an assumption.
  ['Får jag direktupphandla för 400 000 kr?', 'supplies-services', null, GENERAL],
];

/** Ties whose answers are the same for the amount: answered, the other kind named. */
const SAME_ANSWER: [description: string, kind: PurchaseKind, also: PurchaseKind[]][] = [
  [at('IT-utbildning i journalsystemet', '300 000 kr'), 'supplies-services', ['social-services']],
  [at('ombyggnad och underhåll av hissen', '300 000 kr'), 'supplies-services', ['works']],
  [at('ombyggnad och underhåll av hissen', '1 500 000 kr'), 'supplies-services', ['works']],
  [at('ombyggnad med nytt material', '1 mkr'), 'supplies-services', ['works']],
];

/** Ties whose answers differ for the amount: the card asks, with the kinds as buttons. */
const ASK: [description: string, kinds: PurchaseKind[]][] = [
  [at('IT-utbildning i journalsystemet', '1 500 000 kr'), ['supplies-services', 'social-services']],
  [at('tolkar och hemtjänst', '1 500 000 kr'), ['supplies-services', 'social-services']],
  [at('städning och hemtjänst', '2 mkr'), ['supplies-services', 'social-services']],
  [at('renovering och hotell', '1 mkr'), ['works', 'social-services']],
];

describe('purchase kinds through the calculator: kind and limit', () => {
  it.each(ANSWERED)('%p → %s (%s), limit %d kr', (description, kind, group, limit) => {
    const c = calculate(description, TODAY);
    expect(c).not.toBeNull();
    expect(c?.askKinds).toBeUndefined();
    expect([c?.kind.kind, c?.kind.group]).toEqual([kind, group]);
    expect(c?.assessment.thresholds.directLimit.sek).toBe(limit);
  });

  it.each(SAME_ANSWER)('%p → %s, also %j with the same answer', (description, kind, also) => {
    const c = calculate(description, TODAY);
    expect(c?.askKinds).toBeUndefined();
    expect(c?.kind.kind).toBe(kind);
    expect(c?.kind.alsoPossible).toEqual(also);
  });

  it.each(ASK)('%p asks: %j', (description, kinds) => {
    const c = calculate(description, TODAY);
    expect(c?.askKinds).toEqual(kinds);
    expect(c?.otherKinds).toEqual(kinds);
  });

  it('holds at least 60 labelled descriptions covering every kind and both kinds of tie', () => {
    const rows = ANSWERED.length + SAME_ANSWER.length + ASK.length;
    expect(rows).toBeGreaterThanOrEqual(60);
    for (const k of ['supplies-services', 'works', 'social-services'] as const) expect(ANSWERED.filter((r) => r[1] === k).length).toBeGreaterThanOrEqual(10);
  });
});
