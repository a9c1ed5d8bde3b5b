import { asAttachment, CardAttachment, cardAttachment, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { ContractView, contractTypeLabel, orderingLabel } from './model';
import { SearchResult } from './repository';

/** How a contract's status reads: a symbol and words, with colour only as an extra. */
export function statusBadge(locale: Locale, c: ContractView): { text: string; color: 'Good' | 'Warning' | 'Attention' | 'Accent' } {
  const date =
    c.status === 'upcoming' ? formatDate(locale, c.validFrom) : c.status === 'active' ? '' : formatDate(locale, c.validTo);
  const text = `${t(locale, `contracts.statusIcon.${c.status}`)} ${t(locale, `contracts.status.${c.status}`, { date })}`;
  const color = ({ active: 'Good', expiring: 'Warning', expired: 'Attention', upcoming: 'Accent' } as const)[c.status];
  return { text, color };
}

/** A renewal under way or a final end near, in words ("Ny upphandling pågår (INK-…)", "Avtalet löper ut …"); '' when neither. */
export function renewalText(locale: Locale, c: ContractView): string {
  const r = c.renewal;
  if (!r) return '';
  if (r.kind === 'under-way') return t(locale, 'contracts.renewal.underWay', { caseNumber: r.caseNumber });
  return t(locale, r.final ? 'contracts.renewal.ending' : 'contracts.renewal.endingLatest', { date: formatDate(locale, r.end) });
}

function supplierLine(locale: Locale, c: ContractView): string {
  const names = [...c.suppliers].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99)).map((s) => s.name);
  const label = t(locale, names.length > 1 ? 'contracts.suppliers' : 'contracts.supplier');
  return `${label}: ${names.join(', ')}`;
}

function validity(locale: Locale, c: ContractView): string {
  return t(locale, 'contracts.validityRange', { from: formatDate(locale, c.validFrom), to: formatDate(locale, c.validTo) });
}

function extension(locale: Locale, c: ContractView): string {
  return c.maxExtensionTo ? t(locale, 'contracts.extensionUntil', { date: formatDate(locale, c.maxExtensionTo) }) : t(locale, 'contracts.noExtension');
}

function contact(c: ContractView): string {
  return [c.contactName, c.contactEmail].filter(Boolean).join(', ');
}

function summaryFacts(locale: Locale, c: ContractView) {
  const facts = [
    { title: t(locale, 'contracts.contractId'), value: c.contractId },
    { title: t(locale, 'contracts.category'), value: c.categoryName[locale] },
    { title: t(locale, 'contracts.validity'), value: validity(locale, c) },
    { title: t(locale, 'contracts.extension'), value: extension(locale, c) },
    { title: t(locale, 'contracts.howToOrder'), value: orderingLabel(c.orderingMethod, locale) },
  ];
  if (contact(c)) facts.push({ title: t(locale, 'contracts.contact'), value: contact(c) });
  return facts;
}

export interface ResultsPage {
  q: string;
  region?: string;
  offset: number;
  pageSize: number;
}

/**
 * A round figure below a count of at least `n` ("over 2000" for 2 981): a broad search counts only the
 * contracts with a query word in the title or keywords, so the card says more than a round number.
 */
export function roundedBelow(n: number): number {
  const unit = n > 1000 ? 1000 : n > 100 ? 100 : n > 10 ? 10 : 1;
  return Math.max(0, Math.floor((n - 1) / unit) * unit);
}

export function resultsCard(locale: Locale, result: SearchResult, page: ResultsPage): CardAttachment {
  const shownTo = page.offset + result.items.length;
  const hasMore = shownTo < result.total;
  const countText = result.totalAtLeast
    ? t(locale, 'contracts.resultsCountOver', { from: page.offset + 1, to: shownTo, total: roundedBelow(result.total) })
    : result.total === 1
      ? t(locale, 'contracts.resultsCountOne')
      : t(locale, 'contracts.resultsCount', { from: page.offset + 1, to: shownTo, total: result.total });
  return cardAttachment('contract-results', {
    title: t(locale, 'contracts.resultsTitle', { q: page.q }),
    countText,
    query: page.q,
    askInsteadLabel: t(locale, 'contracts.askInstead'),
    askInsteadVerb: VERBS.policyQuestion,
    items: result.items.map((c) => {
      const badge = statusBadge(locale, c);
      return {
        contractId: c.contractId,
        title: c.title,
        statusText: badge.text,
        statusColor: badge.color,
        renewalText: renewalText(locale, c),
        supplierLine: supplierLine(locale, c),
        facts: summaryFacts(locale, c),
        detailsLabel: t(locale, 'contracts.showDetails'),
        detailsVerb: VERBS.contractsDetails,
        openLabel: t(locale, 'contracts.openContract'),
        url: c.url ?? '',
      };
    }),
    more: hasMore
      ? { label: t(locale, 'contracts.showMore'), verb: VERBS.contractsMore, q: page.q, region: page.region ?? '', offset: shownTo }
      : null,
  });
}

export function detailsCard(locale: Locale, c: ContractView): CardAttachment {
  const badge = statusBadge(locale, c);
  const ranked = c.suppliers.some((s) => s.rank !== undefined);
  const suppliers = [...c.suppliers]
    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
    .map((s) => {
      const extra = [s.rank ? t(locale, 'contracts.rank', { rank: s.rank }) : '', s.orgNr ? t(locale, 'contracts.orgNr', { orgNr: s.orgNr }) : '']
        .filter(Boolean)
        .join(', ');
      return { line: `- ${s.name}${extra ? ` (${extra})` : ''}` };
    });
  const facts = [
    { title: t(locale, 'contracts.category'), value: c.categoryName[locale] },
    { title: t(locale, 'contracts.type'), value: contractTypeLabel(c.contractType, locale) },
    { title: t(locale, 'contracts.regions'), value: c.regions.map((r) => `Region ${r}`).join(', ') },
    { title: t(locale, 'contracts.validity'), value: validity(locale, c) },
    { title: t(locale, 'contracts.extension'), value: extension(locale, c) },
  ];
  if (contact(c)) facts.push({ title: t(locale, 'contracts.contact'), value: contact(c) });
  if (c.cpvCodes.length > 0) facts.push({ title: t(locale, 'contracts.cpv'), value: c.cpvCodes.join(', ') });
  if (c.keywords.length > 0) facts.push({ title: t(locale, 'contracts.keywords'), value: c.keywords.join(', ') });
  return cardAttachment('contract-details', {
    title: c.title,
    statusText: badge.text,
    statusColor: badge.color,
    renewalText: renewalText(locale, c),
    contractIdLine: `${t(locale, 'contracts.contractId')}: ${c.contractId}`,
    description: c.description,
    howToOrderLabel: t(locale, 'contracts.howToOrder'),
    howToOrder: orderingLabel(c.orderingMethod, locale),
    suppliersLabel: t(locale, c.suppliers.length > 1 ? 'contracts.suppliers' : 'contracts.supplier'),
    suppliers,
    rankedNote: ranked ? t(locale, 'contracts.rankedNote') : '',
    facts,
    openLabel: t(locale, 'contracts.openContract'),
    url: c.url ?? '',
    contactLabel: t(locale, 'contracts.contact'),
    mailto: c.contactEmail ? `mailto:${c.contactEmail}?subject=${encodeURIComponent(`${c.contractId} ${c.title}`)}` : '',
  });
}

export function noHitsCard(locale: Locale, q: string, inkopEmail: string): CardAttachment {
  return cardAttachment('contract-no-hits', {
    title: t(locale, 'contracts.noHits.title', { q }),
    text: t(locale, 'contracts.noHits.text'),
    notProof: t(locale, 'contracts.noHits.notProof'),
    nextTitle: t(locale, 'contracts.noHits.nextTitle'),
    steps: [t(locale, 'contracts.noHits.tryOther'), t(locale, 'contracts.noHits.askInkop'), t(locale, 'contracts.noHits.submitNeed')],
    searchLabel: t(locale, 'welcome.searchLabel'),
    searchPlaceholder: t(locale, 'welcome.searchPlaceholder'),
    searchButton: t(locale, 'welcome.searchButton'),
    searchVerb: VERBS.contractsSearch,
    contactLabel: t(locale, 'contracts.noHits.contactButton'),
    mailto: `mailto:${inkopEmail}?subject=${encodeURIComponent(q)}`,
    intakeLabel: t(locale, 'welcome.menuIntake'),
    intakeVerb: VERBS.menuIntake,
    q,
  });
}

/** The compact card a message extension inserts into a chat, with its list preview. */
/** What src/contracts/cards/contract-card.json shows of a contract; the REST API sends it too, for Copilot's card (src/contracts/operations.ts). */
export function contractCardData(locale: Locale, c: ContractView) {
  const badge = statusBadge(locale, c);
  return {
    title: c.title,
    statusText: badge.text,
    statusColor: badge.color,
    renewalText: renewalText(locale, c),
    supplierLine: supplierLine(locale, c),
    facts: summaryFacts(locale, c),
    openLabel: t(locale, 'contracts.openContract'),
    url: c.url ?? '',
  };
}

export function contractCardWithPreview(locale: Locale, c: ContractView): CardAttachment & { preview: NonNullable<CardAttachment['preview']> } {
  const badge = statusBadge(locale, c);
  const card = renderCard('contract-card', contractCardData(locale, c));
  const names = c.suppliers.map((s) => s.name).join(', ');
  // The list entry: a thumbnail card with the title and one line.
  const preview = { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title: c.title, text: t(locale, 'contracts.msgext.preview', { supplier: names, status: badge.text }) } };
  return { ...asAttachment(card), preview };
}
