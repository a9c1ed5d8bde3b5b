import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate, formatSek } from '../i18n/format';
import { ReportActions, budgetedReportCard, closedReportCard, fact, fileFacts, warningsSection } from '../imports/report-card';
import { UNMET_WINDOW_DAYS, UnmetSearchAggregate } from '../contracts/api';
import { FlaggedSupplier, YearFigures, uncontractedAreas } from './model';
import { SpendImportReport } from './service';

/** The spend capability's cards, built from locale texts (no SDK types). */

/** Suppliers on the officers' card. */
export const TOP_SUPPLIERS = 10;
/** Areas (account texts) on an administration's card. */
export const TOP_AREAS = 5;
/** Account texts and unmet searches in the officers' card's "avtalslösa områden". */
export const CARD_AREAS_TOP = 5;

export const sek = (locale: Locale, ore: number) => formatSek(locale, Math.round(ore / 100));
export const percent = (locale: Locale, share: number | null) =>
  share === null ? t(locale, 'spend.card.noShare') : `${(share * 100).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;

export interface RegionYear {
  figures: YearFigures;
  /** Earlier years' shares, oldest first (the trend). */
  trend: { year: number; share: number | null }[];
}

function regionFacts(locale: Locale, r: RegionYear) {
  const f = r.figures.total;
  return [
    fact(t(locale, 'spend.card.share'), percent(locale, f.share)),
    fact(t(locale, 'spend.card.contracted'), `${sek(locale, f.contractedOre)} / ${sek(locale, f.influenceableOre)}`),
    ...(r.trend.length > 0 ? [fact(t(locale, 'spend.card.trend'), r.trend.map((y) => `${y.year}: ${percent(locale, y.share)}`).join(' · '))] : []),
    fact(t(locale, 'spend.card.beside'), t(locale, 'spend.card.besideValue', { masked: sek(locale, f.maskedOre), public: sek(locale, f.publicOre), excluded: sek(locale, f.excludedOre) })),
    ...(f.nameMatchOre > 0 ? [fact(t(locale, 'spend.card.nameMatch'), sek(locale, f.nameMatchOre))] : []),
  ];
}

function supplierLine(locale: Locale, region: string, s: FlaggedSupplier) {
  const detail = [
    t(locale, 'spend.card.supplierDetail', { region, sek: sek(locale, s.ore), invoices: s.invoices, administrations: s.forvaltningar.length }),
    t(locale, `spend.flag.${s.flag}`),
    ...(s.endedContractId ? [t(locale, 'spend.card.ended', { id: s.endedContractId })] : []),
    ...(s.nameMatch ? [t(locale, 'spend.card.nameMatchOnly')] : []),
  ].join(' · ');
  return { name: s.orgNr ? `${s.name} (${s.orgNr})` : s.name, detail };
}

/** The officers' card: each region's leverantörstrohet and trend, the ten largest uncontracted suppliers. */
/**
 * "Avtalslösa områden" on the officers' card: the largest uncontracted spend by account text over the
 * regions shown, beside the most searched-for queries without a contract (aggregates; none when the list is not available).
 */
function areaFacts(locale: Locale, regions: RegionYear[], unmet: readonly UnmetSearchAggregate[] | null) {
  const areas = uncontractedAreas(
    regions.map((r) => r.figures),
    CARD_AREAS_TOP,
  ).map((a) => fact(a.accountText || t(locale, 'spend.admin.noText'), sek(locale, a.ore)));
  const searches = (unmet ?? []).slice(0, CARD_AREAS_TOP).map((u) => fact(u.query, t(locale, 'spend.areas.counts', { people: u.people, searches: u.searches })));
  return {
    areasTitle: t(locale, 'spend.areas.title'),
    areasSpendHeading: t(locale, 'spend.areas.spendHeading'),
    areasSpend: areas,
    areasSpendEmpty: areas.length === 0 ? t(locale, 'spend.areas.noSpend') : '',
    areasUnmetHeading: t(locale, 'spend.areas.unmetHeading', { days: UNMET_WINDOW_DAYS }),
    areasUnmet: searches,
    areasUnmetEmpty: searches.length > 0 ? '' : t(locale, unmet === null ? 'spend.areas.unmetUnavailable' : 'spend.areas.noUnmet'),
  };
}

export function complianceCard(locale: Locale, year: number, regions: RegionYear[], unmet: readonly UnmetSearchAggregate[] | null = null): AdaptiveCardJson {
  const suppliers = regions
    .flatMap((r) => r.figures.suppliers.map((s) => ({ region: r.figures.region, s })))
    .sort((a, b) => b.s.ore - a.s.ore)
    .slice(0, TOP_SUPPLIERS)
    .map(({ region, s }) => {
      const line = supplierLine(locale, region, s);
      return { ...line, need: t(locale, 'spend.card.need', { supplier: s.name, region, sek: sek(locale, s.ore), year }).slice(0, 200) };
    });
  return renderCard('spend-compliance', {
    title: t(locale, 'spend.card.title', { year }),
    measure: t(locale, 'spend.card.measure'),
    regions: regions.map((r) => ({ heading: t(locale, 'spend.card.region', { region: r.figures.region }), facts: regionFacts(locale, r) })),
    suppliersHeading: t(locale, 'spend.card.suppliers', { count: suppliers.length }),
    suppliers,
    empty: suppliers.length === 0 ? t(locale, 'spend.card.noSuppliers') : '',
    screenNote: t(locale, 'spend.card.screenNote'),
    startLabel: t(locale, 'spend.card.start'),
    startVerb: VERBS.menuIntake,
    ...areaFacts(locale, regions, unmet),
  });
}

/** Anyone's view of one administration: its share and largest uncontracted areas by account text. */
export function administrationCard(locale: Locale, f: YearFigures, forvaltning: string): AdaptiveCardJson {
  return renderCard('spend-administration', {
    title: t(locale, 'spend.admin.title', { forvaltning, region: f.region, year: f.year }),
    measure: t(locale, 'spend.card.measure'),
    facts: [fact(t(locale, 'spend.card.share'), percent(locale, f.total.share)), fact(t(locale, 'spend.card.contracted'), `${sek(locale, f.total.contractedOre)} / ${sek(locale, f.total.influenceableOre)}`)],
    areasHeading: t(locale, 'spend.admin.areas'),
    areas: f.areas.slice(0, TOP_AREAS).map((a) => fact(a.accountText || t(locale, 'spend.admin.noText'), sek(locale, a.ore))),
    note: t(locale, 'spend.admin.note'),
  });
}

const importActions: ReportActions = { applyVerb: VERBS.spendImportApply, cancelVerb: VERBS.spendImportCancel };

/** What the file holds (the shared file facts first) and what importing it does. */
function reportFacts(locale: Locale, fileName: string, r: SpendImportReport) {
  return [
    ...fileFacts(locale, { ...r, name: fileName }),
    fact(t(locale, 'spend.import.fact.period'), r.firstDay && r.lastDay ? `${formatDate(locale, r.firstDay)} – ${formatDate(locale, r.lastDay)}` : '–'),
    fact(t(locale, 'spend.import.fact.regions'), r.regions.join(', ')),
    fact(t(locale, 'spend.import.fact.added'), r.added),
    fact(t(locale, 'spend.import.fact.already'), r.already),
    fact(t(locale, 'spend.import.fact.masked'), t(locale, 'spend.import.maskedValue', { masked: r.masked, atImport: r.maskedAtImport })),
  ];
}

/**
 * The preview of a ledger sent in the chat, the imports' shared dry-run card: the file's facts and the dry
 * run's counts, its warnings, Importera (only when the file adds postings) and Avbryt.
 */
export function spendPreviewCard(locale: Locale, token: string, fileName: string, r: SpendImportReport): AdaptiveCardJson {
  return budgetedReportCard(locale, importActions, (limit) => ({
    title: t(locale, 'spend.import.preview.title'),
    status: t(locale, 'spend.import.preview.status'),
    facts: reportFacts(locale, fileName, r),
    sections: warningsSection(locale, r.warnings, limit),
    hint: t(locale, 'spend.import.preview.hint'),
    token,
    buttons: { apply: r.added > 0, cancel: true },
  }));
}

/** After Importera: what was imported (the buttons are gone). */
export function spendResultCard(locale: Locale, fileName: string, r: SpendImportReport): AdaptiveCardJson {
  return budgetedReportCard(locale, importActions, (limit) => ({
    title: t(locale, 'spend.import.result.title'),
    status: t(locale, 'spend.import.result.status', { added: r.added, already: r.already }),
    facts: reportFacts(locale, fileName, r),
    sections: warningsSection(locale, r.warnings, limit),
  }));
}

/** A preview that ended without an import: cancelled, or its file no longer kept (the contract import's words). */
export function spendClosedCard(locale: Locale, fileName: string, why: 'cancelled' | 'gone'): AdaptiveCardJson {
  return closedReportCard(locale, importActions, fileName, why);
}
