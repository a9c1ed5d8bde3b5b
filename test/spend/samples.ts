import { AdaptiveCardJson } from '../../src/cards/loader';
import { Locale } from '../../src/i18n';
import { administrationCard, complianceCard, spendClosedCard, spendPreviewCard, spendResultCard } from '../../src/spend/cards';
import { FigureRow, SupplierRow, YearFigures, yearFigures } from '../../src/spend/model';
import { SpendImportReport } from '../../src/spend/service';

/** A region's year as the figures come from the repository: user text (supplier names, administrations, account texts) through u. */
export function sampleFigures(u: (s: string) => string, region = 'Sörmland', year = 2025): YearFigures {
  const fig = (over: Partial<FigureRow>): FigureRow => ({ forvaltning: u('Hälso- och sjukvård'), month: 3, bucket: 'influenceable', contracted: false, category: '', nameMatch: false, ore: 100_000, rows: 1, ...over });
  const sup = (i: number, over: Partial<SupplierRow> = {}): SupplierRow => ({ orgNr: `5561${String(i).padStart(2, '0')}-1111`, name: u(`Leverantör ${i} AB`), ore: (12 - i) * 10_000_000, invoices: i + 1, forvaltningar: [u('Regionstab')], nameMatch: false, endedContractId: null, afterEndOre: 0, ...over });
  return yearFigures(region, year, {
    figures: [fig({ contracted: true, category: 'medicinteknik', ore: 7_000_000 }), fig({ ore: 3_000_000 }), fig({ bucket: 'masked', ore: 50_000 }), fig({ bucket: 'public', ore: 90_000 }), fig({ bucket: 'excluded', ore: 70_000 })],
    suppliers: [...Array.from({ length: 11 }, (_, i) => sup(i + 1)), sup(12, { orgNr: null, nameMatch: true, endedContractId: u('RS-2023-01') })],
    areas: [{ forvaltning: u('Regionstab'), accountText: u('IT-tjänster'), ore: 3_000_000 }],
  });
}

export const SAMPLE_IMPORT: SpendImportReport = {
  dryRun: true,
  fileName: 'reskontra.csv',
  format: 'csv',
  encoding: 'utf-16le',
  delimiter: ',',
  rows: 1200,
  added: 1100,
  already: 100,
  masked: 12,
  maskedAtImport: 3,
  firstDay: '2025-01-01',
  lastDay: '2025-01-31',
  regions: ['Sörmland'],
  warnings: ['Kolumner som inte används: grund'],
};

export function spendSampleCards(locale: Locale, u: (s: string) => string): { name: string; card: AdaptiveCardJson }[] {
  const s = sampleFigures(u);
  const v = sampleFigures(u, 'Västmanland');
  return [
    { name: `spend-compliance/${locale}`, card: complianceCard(locale, 2025, [{ figures: s, trend: [{ year: 2024, share: 0.61 }] }, { figures: v, trend: [] }], [{ query: u('tolkar'), searches: 12, people: 5 }]) },
    { name: `spend-compliance-empty/${locale}`, card: complianceCard(locale, 2025, [{ figures: yearFigures('Sörmland', 2025, { figures: [], suppliers: [], areas: [] }), trend: [] }]) },
    { name: `spend-administration/${locale}`, card: administrationCard(locale, s, u('Hälso- och sjukvård')) },
    { name: `spend-import-preview/${locale}`, card: spendPreviewCard(locale, 'x'.repeat(32), u('reskontra.csv'), SAMPLE_IMPORT) },
    { name: `spend-import-result/${locale}`, card: spendResultCard(locale, u('reskontra.csv'), { ...SAMPLE_IMPORT, dryRun: false }) },
    { name: `spend-import-cancelled/${locale}`, card: spendClosedCard(locale, u('reskontra.csv'), 'cancelled') },
  ];
}
