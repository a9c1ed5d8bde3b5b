import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Locale, t } from '../i18n';

/**
 * The dry-run report card of a file an officer sent in Teams, the same for every capability that imports
 * files (contract exports, supplier ledgers): the file's facts, sections of listed lines (warnings, rejected
 * rows, …), a hint, and the buttons row (Importera, Avbryt; a contract export adds its full-export buttons).
 * After a button the same card shows the result, or that the file was cancelled or is gone. The caller
 * brings its own texts and verbs; the words every import shares are the kernel's (`imports.*` in
 * src/i18n/locales). The template is cards/import-report.json beside this file. No SDK types.
 */

/** Lines listed per section; the rest are counted ("… N more"). */
export const LISTED = 10;
/** Teams refuses cards over about 28 KB: the lists shrink until the card fits under this. */
export const CARD_BUDGET_BYTES = 26 * 1024;
/** A listed line or a refusal is cut to this many characters (a file's text can be any length). */
const LINE_CHARS = 300;
/** A file name on the card is cut to this many characters. */
export const FILE_NAME_CHARS = 120;
const TEMPLATE = 'import-report';

export const clip = (s: string, max = LINE_CHARS) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export interface ReportFact {
  title: string;
  value: string;
}
export const fact = (title: string, value: string | number): ReportFact => ({ title, value: String(value) });

export interface ReportSection {
  heading: string;
  lines: string[];
}

/** The first `limit` lines (each clipped), and "… N more" when there are more of `total`. */
export function listed(locale: Locale, lines: readonly string[], total = lines.length, limit = LISTED): string[] {
  const shown = lines.slice(0, limit).map((l) => clip(l));
  return total > shown.length ? [...shown, t(locale, 'imports.more', { count: total - shown.length })] : shown;
}

/**
 * A section listing items, none when there are none. Only the first `limit` items are written out (a file
 * may reject thousands of rows); `total` counts them all (by default the items given).
 */
export function section<T>(
  locale: Locale,
  heading: (count: number) => string,
  items: readonly T[],
  line: (item: T) => string,
  limit: number,
  total = items.length,
): ReportSection[] {
  if (total === 0) return [];
  return [{ heading: heading(total), lines: listed(locale, items.slice(0, limit).map(line), total, limit) }];
}

/** The file's warnings, under the shared heading. */
export function warningsSection(locale: Locale, warnings: readonly string[], limit: number): ReportSection[] {
  return section(locale, (count) => t(locale, 'imports.section.warnings', { count }), warnings, (w) => w, limit);
}

/** How a file was read, as the readers in this folder report it. */
export interface FileShape {
  name: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  /** The worksheet read, when the reader names it. */
  sheet?: string | null;
  rows: number;
}

export function formatText(locale: Locale, f: FileShape): string {
  if (f.format === 'xlsx') return f.sheet ? t(locale, 'imports.format.xlsxSheet', { sheet: f.sheet }) : t(locale, 'imports.format.xlsx');
  return t(locale, 'imports.format.csv', { encoding: f.encoding ?? '', delimiter: f.delimiter === '\t' ? 'TAB' : (f.delimiter ?? '') });
}

/** What every report says first: the file, its format and its rows. */
export function fileFacts(locale: Locale, f: FileShape): ReportFact[] {
  return [fact(t(locale, 'imports.fact.file'), clip(f.name, FILE_NAME_CHARS)), fact(t(locale, 'imports.fact.format'), formatText(locale, f)), fact(t(locale, 'imports.fact.rows'), f.rows)];
}

/** Which buttons the card shows: apply and cancel for every import, full and forced for a contract export. */
export interface ReportButtons {
  apply: boolean;
  full: boolean;
  forced: boolean;
  cancel: boolean;
}
export const NO_BUTTONS: ReportButtons = { apply: false, full: false, forced: false, cancel: false };

/** The capability's verbs for its buttons, and the labels beyond the shared Importera / Avbryt. */
export interface ReportActions {
  applyVerb: string;
  cancelVerb: string;
  labels?: Partial<{ apply: string; full: string; forced: string; forceConfirm: string; cancel: string }>;
}

export interface ReportContent {
  title: string;
  status: string;
  facts?: ReportFact[];
  sections?: ReportSection[];
  /** Why the file (or one way of importing it) is refused; shown in red. */
  refusal?: string;
  hint?: string;
  /** The upload's token the buttons carry. */
  token?: string;
  buttons?: Partial<ReportButtons>;
  /** A contract export's: the forced full export's warning and count, the categories to confirm. */
  forceWarning?: string;
  forcedRemovals?: number;
  confirmCategories?: number;
  categoryWarning?: string;
}

/** The card as given, no budget applied (for content without long lists). */
export function reportCard(locale: Locale, actions: ReportActions, c: ReportContent): AdaptiveCardJson {
  return renderCard(TEMPLATE, {
    title: c.title,
    status: c.status,
    refusal: clip(c.refusal ?? '', 1000),
    categoryWarning: c.categoryWarning ?? '',
    facts: c.facts ?? [],
    sections: c.sections ?? [],
    hint: c.hint ?? '',
    token: c.token ?? '',
    buttons: { ...NO_BUTTONS, ...c.buttons },
    forceWarning: c.forceWarning ?? '',
    forcedRemovals: c.forcedRemovals ?? 0,
    confirmCategories: c.confirmCategories ?? 0,
    applyVerb: actions.applyVerb,
    cancelVerb: actions.cancelVerb,
    labels: { apply: t(locale, 'imports.button.apply'), full: '', forced: '', forceConfirm: '', cancel: t(locale, 'imports.button.cancel'), ...actions.labels },
  });
}

/**
 * The card with LISTED lines per section, or fewer until it fits the budget ("… N more" says the rest):
 * `build` makes the content for a number of lines per section.
 */
export function budgetedReportCard(locale: Locale, actions: ReportActions, build: (limit: number) => ReportContent): AdaptiveCardJson {
  let card = reportCard(locale, actions, build(LISTED));
  for (const limit of [5, 2, 0]) {
    if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET_BYTES) break;
    card = reportCard(locale, actions, build(limit));
  }
  return card;
}

/** A preview that ended without an import: cancelled (the file named), or its file no longer kept. */
export function closedReportCard(locale: Locale, actions: ReportActions, fileName: string, why: 'cancelled' | 'gone'): AdaptiveCardJson {
  return reportCard(locale, actions, {
    title: t(locale, why === 'cancelled' ? 'imports.closed.cancelledTitle' : 'imports.closed.goneTitle'),
    status: t(locale, why === 'cancelled' ? 'imports.closed.cancelled' : 'imports.closed.gone', { file: clip(fileName, FILE_NAME_CHARS) }),
  });
}
