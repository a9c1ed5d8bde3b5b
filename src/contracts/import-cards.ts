import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { ImportLogRow } from './import-repository';
import { ImportReport } from './import-service';

/**
 * The contract import in Teams, as the officer reads it: the preview card of a file (both dry runs),
 * the result card that replaces it after a button, and the import log as a short text. No SDK types.
 */

/** Rows, removals and notes listed on the card; the rest are counted. */
export const LISTED = 10;
/** Teams refuses cards over about 28 KB: the lists shrink until the card fits under this. */
export const CARD_BUDGET_BYTES = 26 * 1024;
/** A listed line, a file name or a refusal is cut to this many characters (a file's text can be any length). */
const LINE_CHARS = 300;

const clip = (s: string, max = LINE_CHARS) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const TEMPLATE = 'contract-import-report';

export interface ImportPreview {
  token: string;
  fileName: string;
  /** The dry run of an update import, and of the same file as a full export. */
  update: ImportReport;
  full: ImportReport;
  /** New categories the file may create without the officer confirming their number. */
  maxNewCategories?: number;
}

interface Section {
  heading: string;
  lines: string[];
}

const fact = (title: string, value: string | number) => ({ title, value: String(value) });

/** The first `limit` lines (each clipped), and "… N more" when there are more. */
function listed(locale: Locale, lines: string[], total = lines.length, limit = LISTED): string[] {
  const shown = lines.slice(0, limit).map((l) => clip(l));
  return total > shown.length ? [...shown, t(locale, 'contracts.import.teams.more', { count: total - shown.length })] : shown;
}

function formatText(locale: Locale, r: ImportReport): string {
  if (r.format === 'xlsx') return t(locale, 'contracts.import.teams.format.xlsx', { sheet: r.sheet ?? '' });
  return t(locale, 'contracts.import.teams.format.csv', { encoding: r.encoding ?? '', delimiter: r.delimiter === '\t' ? 'TAB' : (r.delimiter ?? '') });
}

/** What the file holds, the same for every dry run of it. */
function fileFacts(locale: Locale, fileName: string, r: ImportReport) {
  return [
    fact(t(locale, 'contracts.import.teams.fact.file'), fileName),
    fact(t(locale, 'contracts.import.teams.fact.format'), formatText(locale, r)),
    fact(t(locale, 'contracts.import.teams.fact.rows'), r.rows),
    fact(t(locale, 'contracts.import.teams.fact.valid'), r.valid),
    fact(t(locale, 'contracts.import.teams.fact.rejected'), r.rejected.length),
  ];
}

/** New categories, warnings, rejected rows (with line numbers and reasons), notes. */
function fileSections(locale: Locale, r: ImportReport, limit: number): Section[] {
  const sections: Section[] = [];
  const add = (key: string, lines: string[], total = lines.length) => {
    if (total > 0) sections.push({ heading: t(locale, key, { count: total }), lines: listed(locale, lines, total, limit) });
  };
  // Only the lines shown are written out; the totals count the rest (a file may reject thousands of rows).
  const first = <T>(xs: readonly T[]) => xs.slice(0, limit);
  add('contracts.import.teams.section.newCategories', first(r.newCategories).map((c) => t(locale, 'contracts.import.teams.newCategory', { name: c.name, slug: c.slug, rows: c.rows })), r.newCategories.length);
  add('contracts.import.teams.section.warnings', first(r.warnings), r.warnings.length);
  add(
    'contracts.import.teams.section.rejected',
    first(r.rejected).map((row) =>
      t(locale, 'contracts.import.teams.rejectedRow', { line: row.line, id: row.contractId ? ` (${row.contractId})` : '', problems: clip(row.problems.map((p) => p.message).join(' ')) }),
    ),
    r.rejected.length,
  );
  add('contracts.import.teams.section.notes', first(r.notes).map((n) => t(locale, 'contracts.import.teams.noteRow', { line: n.line, id: n.contractId, message: n.message })), r.notes.length);
  return sections;
}

function removalSection(locale: Locale, key: string, r: ImportReport, limit: number): Section[] {
  if (r.removed === 0) return [];
  const lines = r.removals.map((c) => t(locale, 'contracts.import.teams.removalRow', { id: c.contractId, title: c.title }));
  return [{ heading: t(locale, key, { count: r.removed }), lines: listed(locale, lines, r.removed, limit) }];
}

/** The card with LISTED lines per list, or fewer until it fits the budget ("… N more" says the rest). */
function withinBudget(build: (limit: number) => AdaptiveCardJson): AdaptiveCardJson {
  let card = build(LISTED);
  for (const limit of [5, 2, 0]) {
    if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET_BYTES) break;
    card = build(limit);
  }
  return card;
}

const NO_BUTTONS = { update: false, full: false, forced: false, cancel: false };

function render(locale: Locale, data: Record<string, unknown>): AdaptiveCardJson {
  return renderCard(TEMPLATE, {
    refusal: '',
    hint: '',
    token: '',
    forceWarning: '',
    forcedRemovals: 0,
    confirmCategories: 0,
    categoryWarning: '',
    buttons: NO_BUTTONS,
    sections: [],
    applyVerb: VERBS.contractsImportApply,
    cancelVerb: VERBS.contractsImportCancel,
    labels: {
      update: t(locale, 'contracts.import.teams.button.update'),
      full: t(locale, 'contracts.import.teams.button.full'),
      forced: t(locale, 'contracts.import.teams.button.forced'),
      forceConfirm: t(locale, 'contracts.import.teams.button.forceConfirm', { count: Number(data.forcedRemovals ?? 0) }),
      cancel: t(locale, 'contracts.import.teams.button.cancel'),
    },
    ...data,
  });
}

/**
 * The preview: what the file holds and what each import would do. A full export that would remove too
 * much is offered only behind a second, explicit confirmation that names how many contracts leave.
 */
export function importPreviewCard(locale: Locale, p: ImportPreview): AdaptiveCardJson {
  const { update, full } = p;
  const nothingValid = update.refusal !== null;
  const tooMany = !nothingValid && full.refusal?.code === 'too-many-removals';
  const created = update.newCategories.length;
  const manyCategories = p.maxNewCategories !== undefined && created > p.maxNewCategories;
  const fileName = clip(p.fileName, 120);
  const facts = [
    ...fileFacts(locale, fileName, update),
    fact(t(locale, 'contracts.import.teams.fact.added'), update.added),
    fact(t(locale, 'contracts.import.teams.fact.updated'), update.updated),
    fact(t(locale, 'contracts.import.teams.fact.removedIfFull'), full.removed),
  ];
  const refusal = nothingValid ? (update.refusal?.message ?? '') : tooMany ? t(locale, 'contracts.import.teams.preview.fullRefused', { message: full.refusal?.message ?? '' }) : '';
  return withinBudget((limit) => render(locale, {
    title: t(locale, 'contracts.import.teams.preview.title'),
    status: t(locale, 'contracts.import.teams.preview.status'),
    refusal: clip(refusal, 1000),
    facts,
    sections: [...fileSections(locale, update, limit), ...removalSection(locale, 'contracts.import.teams.section.removalsIfFull', full, limit)],
    hint: t(locale, 'contracts.import.teams.preview.hint'),
    token: p.token,
    forceWarning: t(locale, 'contracts.import.teams.preview.forceWarning', { count: full.removed }),
    forcedRemovals: full.removed,
    // Over the limit, every import button names the number of new categories: the server checks it.
    confirmCategories: manyCategories ? created : 0,
    categoryWarning: manyCategories ? t(locale, 'contracts.import.teams.preview.manyCategories', { count: created, max: p.maxNewCategories ?? 0 }) : '',
    buttons: { update: !nothingValid, full: !nothingValid && !tooMany, forced: tooMany, cancel: true },
  }));
}

/** After Importera: what was done (the buttons are gone). */
export function importResultCard(locale: Locale, fileName: string, r: ImportReport, forced: boolean): AdaptiveCardJson {
  const mode = t(locale, r.mode === 'full' ? (forced ? 'contracts.import.teams.mode.forced' : 'contracts.import.teams.mode.full') : 'contracts.import.teams.mode.update');
  const name = clip(fileName, 120);
  return withinBudget((limit) => render(locale, {
    title: t(locale, 'contracts.import.teams.result.title'),
    status: t(locale, 'contracts.import.teams.result.status', { added: r.added, updated: r.updated, removed: r.removed }),
    facts: [
      ...fileFacts(locale, name, r),
      fact(t(locale, 'contracts.import.teams.fact.mode'), mode),
      fact(t(locale, 'contracts.import.teams.fact.added'), r.added),
      fact(t(locale, 'contracts.import.teams.fact.updated'), r.updated),
      fact(t(locale, 'contracts.import.teams.fact.removed'), r.removed),
    ],
    sections: [...fileSections(locale, r, limit), ...removalSection(locale, 'contracts.import.teams.section.removed', r, limit)],
  }));
}

/** A preview that ended without an import: cancelled, or its file no longer kept. */
export function importClosedCard(locale: Locale, fileName: string, why: 'cancelled' | 'gone'): AdaptiveCardJson {
  return render(locale, {
    title: t(locale, why === 'cancelled' ? 'contracts.import.teams.closed.cancelledTitle' : 'contracts.import.teams.closed.goneTitle'),
    status: t(locale, why === 'cancelled' ? 'contracts.import.teams.closed.cancelled' : 'contracts.import.teams.closed.gone', { file: clip(fileName, 120) }),
    facts: [],
  });
}

const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The import log for officers: newest first, one line each (who, file, mode, outcome, counts). */
export function importLogText(locale: Locale, rows: readonly ImportLogRow[]): string {
  if (rows.length === 0) return t(locale, 'contracts.import.teams.log.empty');
  const lines = rows.map((r) =>
    t(locale, 'contracts.import.teams.log.line', {
      date: stamp.format(new Date(r.importedAt)),
      who: r.source === 'teams' && r.actorName ? r.actorName : t(locale, `contracts.import.teams.log.source.${r.source}`),
      file: r.fileName ?? '–',
      mode: t(locale, r.mode === 'full' && r.forced ? 'contracts.import.teams.mode.forced' : `contracts.import.teams.mode.${r.mode}`),
      outcome: t(locale, `contracts.import.teams.log.outcome.${r.outcome}`),
      added: r.added,
      updated: r.updated,
      removed: r.removed,
      rejected: r.rejected,
    }),
  );
  return [t(locale, 'contracts.import.teams.log.title', { count: rows.length }), ...lines.map((l) => `- ${l}`)].join('\n\n');
}
