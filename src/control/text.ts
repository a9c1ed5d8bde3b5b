/** The report's words and numbers in the reader's language (the CSV, the page and the card share them). */
import { Category, categoryLabel } from '../core/categories';
import { Locale, hasKey, t } from '../i18n';
import { ControlId, FigureRow, NOT_COMPUTED_HERE, NkiYear, Unit } from './report';

export interface TextOptions {
  categories: readonly Category[];
  /** NKI_MIN_RESPONSES, named in the NKI definition. */
  minResponses: number;
  /** NKI_SATISFIED_FROM, the lower end of the "andel nöjda" band, named in its definition (default 8). */
  satisfiedFrom?: number;
}

export const controlName = (locale: Locale, control: ControlId) => t(locale, `control.controls.${control}`);

/** Where each detail row's words are: control.<prefix>.<detail>. */
const DETAIL_KEYS: Record<string, string> = { cancelCause: 'cause', appealOutcome: 'appeal', appealCause: 'appealCause', notCoordinatedReason: 'coordinationReason' };

/** A cause, appeal outcome or reason in words; one the product does not know is shown as recorded. */
function detailLabel(locale: Locale, figure: string, detail: string): string {
  const key = `control.${DETAIL_KEYS[figure] ?? 'appeal'}.${detail}`;
  return hasKey(locale, key) ? t(locale, key) : detail;
}

/** A reason not coordinated in words. */
export const reasonLabel = (locale: Locale, reason: string) => detailLabel(locale, 'notCoordinatedReason', reason);

/** The figure's name; a per-category row names its category, a cause row its cause. */
export function figureName(locale: Locale, row: FigureRow, opts: TextOptions): string {
  const name = t(locale, `control.figures.${row.figure}.name`);
  if (row.category !== undefined) return `${name} – ${categoryLabel(opts.categories, row.category, locale)}`;
  if (row.item !== undefined) return `${name}: ${row.item.id} ${row.item.title}`;
  if (row.detail !== undefined) return `${name}: ${detailLabel(locale, row.figure, row.detail)}`;
  if (row.region !== undefined) return `${name} – ${t(locale, 'control.region', { region: row.region })}`;
  return name;
}

/** The figure's definition; a per-category row gets the figure's definition and its category (short: "as above"). */
export function definition(locale: Locale, row: FigureRow, opts: TextOptions & { short?: boolean }): string {
  const category = row.category !== undefined ? categoryLabel(opts.categories, row.category, locale) : '';
  if (opts.short && row.category !== undefined) return t(locale, 'control.perCategoryShort', { category });
  if (row.item !== undefined) return itemReason(locale, row.item);
  const text = t(locale, `control.figures.${row.figure}.definition`, { target: row.target ?? '', min: opts.minResponses, from: opts.satisfiedFrom ?? 8 });
  return row.category !== undefined ? `${text} ${t(locale, 'control.perCategory', { category })}` : text;
}

const numberFormat = (locale: Locale, digits: number) =>
  new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** A value for people: "–" for none, shares as "12 %" (a no-break space before %), days and indexes with at most one decimal. */
export function formatValue(locale: Locale, unit: Unit, value: number | null): string {
  if (value === null) return '–';
  if (unit === 'share') return `${numberFormat(locale, 0).format(value * 100)}\u00a0%`;
  if (unit === 'count') return numberFormat(locale, 0).format(value);
  if (unit === 'sek') return `${numberFormat(locale, 0).format(Math.round(value))}\u00a0kr`;
  return numberFormat(locale, 1).format(value);
}

/** A value for the CSV: empty for none, shares in whole percent, a point for decimals (like nki.csv). */
export function csvValue(unit: Unit, value: number | null): number | '' {
  if (value === null) return '';
  if (unit === 'share') return Math.round(value * 100);
  if (unit === 'count') return value;
  if (unit === 'sek') return Math.round(value * 100) / 100;
  // A number, not text: a negative difference must reach the spreadsheet as -11, not as a defused '-11.
  return Math.round(value * 10) / 10;
}

/** "No ledger read for 2026" where a region's year has no ledger, or '' when it has one. */
export function noLedgerText(locale: Locale, row: FigureRow, which: 'value' | 'previous'): string {
  const year = row.noLedger?.[which];
  return year === undefined ? '' : t(locale, 'control.notHere.noLedger', { year });
}

/** Why the NKI of a year is not shown, or '' when it is. */
export function nkiHidden(locale: Locale, nki: NkiYear, minResponses: number): string {
  if (nki.nki !== null) return '';
  if (nki.responses < minResponses) return t(locale, 'control.nki.tooFew', { count: nki.responses, min: minResponses });
  return t(locale, 'control.nki.suppressed');
}

/** A value for people, with the NKI's reason when it is not published. */
export function shownValue(locale: Locale, row: FigureRow, which: 'value' | 'previous', nki: NkiYear, minResponses: number): string {
  if (NOT_COMPUTED_HERE.includes(row.figure)) return t(locale, 'control.notHere.notMeasured');
  const noLedger = noLedgerText(locale, row, which);
  if (noLedger) return noLedger;
  if ((row.figure === 'nki' || row.figure === 'nkiSatisfied') && row[which] === null) return nkiHidden(locale, nki, minResponses);
  return formatValue(locale, row.unit, row[which]);
}

/** Why a procurement was not coordinated: the reason, and the officer's note (cut short) when there is one. */
export function itemReason(locale: Locale, item: { reason: string; note: string }): string {
  const reason = reasonLabel(locale, item.reason);
  return item.note ? t(locale, 'control.notCoordinated.withNote', { reason, note: item.note }) : reason;
}
