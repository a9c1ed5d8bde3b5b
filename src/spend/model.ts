import { DIRECT_PROCUREMENT_LIMITS, DOCUMENTATION_DUTY_LIMIT, DatedFigure, figureOn } from '../rules/data';

/**
 * Leverantörstrohet from a ledger, as plain functions: the account ranges, the figures of a region's
 * year from the grouped facts the repository returns, the suppliers' screen flags, and the CSV rows.
 * Amounts are in öre (integers) until they are written.
 */

export type { AccountRange } from './accounts';
export { parseAccountRanges } from './accounts';

export const BUCKETS = ['excluded', 'masked', 'public', 'influenceable'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** One group of classified postings. */
export interface FigureRow {
  forvaltning: string;
  month: number;
  bucket: Bucket;
  contracted: boolean;
  /** The matched contract's category slug ('' when none). */
  category: string;
  nameMatch: boolean;
  ore: number;
  rows: number;
}

/** An uncontracted supplier's influenceable postings in the year (net of credit notes). */
export interface SupplierRow {
  orgNr: string | null;
  name: string;
  ore: number;
  invoices: number;
  forvaltningar: string[];
  nameMatch: boolean;
  endedContractId: string | null;
  afterEndOre: number;
}

export interface AreaRow {
  forvaltning: string;
  accountText: string;
  ore: number;
}

export interface Totals {
  influenceableOre: number;
  contractedOre: number;
  /** contracted ÷ influenceable; null when nothing was influenceable. */
  share: number | null;
  maskedOre: number;
  publicOre: number;
  excludedOre: number;
  /** Influenceable, not contracted, on rows without an org number whose supplier name matches a contract. */
  nameMatchOre: number;
  rows: number;
}

export type Flag = 'over-direct-limit' | 'documentation-duty' | 'below';

export interface FlaggedSupplier extends SupplierRow {
  flag: Flag;
}

export interface YearFigures {
  region: string;
  year: number;
  total: Totals;
  byForvaltning: (Totals & { forvaltning: string })[];
  byMonth: (Totals & { month: number })[];
  /** Contracted spend by the matched contract's category. */
  byCategory: { category: string; ore: number }[];
  /** Uncontracted suppliers with positive spend, largest first. */
  suppliers: FlaggedSupplier[];
  /** Uncontracted spend by account text (avtalslösa områden), largest first. */
  areas: { accountText: string; ore: number }[];
  limits: { directSek: number | null; documentationSek: number | null };
}

function totalsOf(rows: readonly FigureRow[]): Totals {
  const sum = (f: (r: FigureRow) => boolean) => rows.reduce((s, r) => (f(r) ? s + r.ore : s), 0);
  const influenceableOre = sum((r) => r.bucket === 'influenceable');
  const contractedOre = sum((r) => r.bucket === 'influenceable' && r.contracted);
  return {
    influenceableOre,
    contractedOre,
    share: influenceableOre > 0 ? contractedOre / influenceableOre : null,
    maskedOre: sum((r) => r.bucket === 'masked'),
    publicOre: sum((r) => r.bucket === 'public'),
    excludedOre: sum((r) => r.bucket === 'excluded'),
    nameMatchOre: sum((r) => r.bucket === 'influenceable' && !r.contracted && r.nameMatch),
    rows: rows.reduce((s, r) => s + r.rows, 0),
  };
}

function groupBy<K>(rows: readonly FigureRow[], key: (r: FigureRow) => K): Map<K, FigureRow[]> {
  const m = new Map<K, FigureRow[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

/** The limits in force at the end of the year (a year's purchases are added up over the calendar year). */
export function yearLimits(year: number): YearFigures['limits'] {
  const end = `${year}-12-31`;
  const direct = figureOn(DIRECT_PROCUREMENT_LIMITS['supplies-services'], end);
  const doc = figureOn(DOCUMENTATION_DUTY_LIMIT, end);
  return { directSek: direct && 'sek' in direct ? (direct as DatedFigure).sek : null, documentationSek: doc?.sek ?? null };
}

/** The screen flag by yearly uncontracted spend: at or above the direct limit, at or above the documentation duty, else below. */
export function flagOf(ore: number, limits: YearFigures['limits']): Flag {
  if (limits.directSek !== null && ore >= limits.directSek * 100) return 'over-direct-limit';
  if (limits.documentationSek !== null && ore >= limits.documentationSek * 100) return 'documentation-duty';
  return 'below';
}

export function yearFigures(region: string, year: number, facts: { figures: FigureRow[]; suppliers: SupplierRow[]; areas: AreaRow[] }): YearFigures {
  const limits = yearLimits(year);
  const byForvaltning = [...groupBy(facts.figures, (r) => r.forvaltning)].map(([forvaltning, rows]) => ({ forvaltning, ...totalsOf(rows) })).sort((a, b) => a.forvaltning.localeCompare(b.forvaltning, 'sv'));
  const months = groupBy(facts.figures, (r) => r.month);
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...totalsOf(months.get(i + 1) ?? []) }));
  const cats = new Map<string, number>();
  for (const r of facts.figures) if (r.bucket === 'influenceable' && r.contracted) cats.set(r.category, (cats.get(r.category) ?? 0) + r.ore);
  const areas = new Map<string, number>();
  for (const a of facts.areas) areas.set(a.accountText, (areas.get(a.accountText) ?? 0) + a.ore);
  return {
    region,
    year,
    total: totalsOf(facts.figures),
    byForvaltning,
    byMonth,
    byCategory: [...cats].map(([category, ore]) => ({ category, ore })).sort((a, b) => b.ore - a.ore),
    suppliers: facts.suppliers
      .filter((s) => s.ore > 0)
      .map((s) => ({ ...s, flag: flagOf(s.ore, limits) }))
      .sort((a, b) => b.ore - a.ore || a.name.localeCompare(b.name, 'sv')),
    areas: [...areas].map(([accountText, ore]) => ({ accountText, ore })).filter((a) => a.ore > 0).sort((a, b) => b.ore - a.ore),
    limits,
  };
}

/** Öre as kronor with a decimal point, no thousands separator ("1234.50", "-12.00"). */
export function kronor(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(Math.round(ore));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A share as a fraction with four decimals ("0.6934"); empty when there is nothing to divide. */
export const shareText = (share: number | null) => (share === null ? '' : share.toFixed(4));

export const SPEND_CSV_HEADER = 'region;forvaltning;influenceable_sek;contracted_sek;share_contracted;masked_sek;public_sek;excluded_sek;rows';
export const SUPPLIERS_CSV_HEADER = 'region;supplier_orgnr;supplier_name;spend_sek;invoices;forvaltningar;flag;expired_contract_id';

const totalsCells = (t: Totals) => [kronor(t.influenceableOre), kronor(t.contractedOre), shareText(t.share), kronor(t.maskedOre), kronor(t.publicOre), kronor(t.excludedOre), String(t.rows)];

/** spend.csv's rows for one region: one per administration, then the region total with forvaltning empty. */
export function spendCsvRows(f: YearFigures, cell: (v: string) => string): string[] {
  return [
    ...f.byForvaltning.map((r) => [f.region, r.forvaltning, ...totalsCells(r)].map(cell).join(';')),
    [f.region, '', ...totalsCells(f.total)].map(cell).join(';'),
  ];
}

/** uncontracted-suppliers.csv's rows for one region (administrations joined with " | "). */
export function supplierCsvRows(f: YearFigures, cell: (v: string) => string): string[] {
  return f.suppliers.map((s) =>
    [f.region, s.orgNr ?? '', s.name, kronor(s.ore), String(s.invoices), s.forvaltningar.join(' | '), s.flag, s.endedContractId ?? ''].map(cell).join(';'),
  );
}

/** An account text's uncontracted spend over the regions given (avtalslösa områden), with the regions it occurs in. */
export interface UncontractedArea {
  accountText: string;
  ore: number;
  regions: string[];
}

/**
 * Avtalslösa områden from the ledgers: the uncontracted influenceable spend by account text, added up
 * over the regions given (the same text in both regions is one area), largest first, the first `top`.
 * Aggregates only: no supplier, no administration.
 */
export function uncontractedAreas(regions: readonly YearFigures[], top: number): UncontractedArea[] {
  const byText = new Map<string, UncontractedArea>();
  for (const f of regions)
    for (const a of f.areas) {
      const area = byText.get(a.accountText) ?? { accountText: a.accountText, ore: 0, regions: [] };
      area.ore += a.ore;
      if (!area.regions.includes(f.region)) area.regions.push(f.region);
      byText.set(a.accountText, area);
    }
  return [...byText.values()].sort((a, b) => b.ore - a.ore || a.accountText.localeCompare(b.accountText, 'sv')).slice(0, top);
}
