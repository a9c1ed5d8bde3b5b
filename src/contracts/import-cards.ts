import { AdaptiveCardJson } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { ReportActions, ReportSection, budgetedReportCard, clip, closedReportCard, fact, fileFacts, section, warningsSection } from '../imports/report-card';
import { ImportLogRow } from './import-repository';
import { ImportReport } from './import-service';

/**
 * The contract import in Teams, as the officer reads it: the preview card of a file (both dry runs),
 * the result card that replaces it after a button, and the import log as a short text. The card is the
 * imports' shared dry-run report (src/imports/report-card.ts); this file brings what a contract file
 * adds: its counts, new categories, rejected rows, notes, removals and the full-export buttons. No SDK types.
 */

export interface ImportPreview {
  token: string;
  fileName: string;
  /** The dry run of an update import, and of the same file as a full export. */
  update: ImportReport;
  full: ImportReport;
  /** New categories the file may create without the officer confirming their number. */
  maxNewCategories?: number;
}

function actions(locale: Locale, forcedRemovals = 0): ReportActions {
  return {
    applyVerb: VERBS.contractsImportApply,
    cancelVerb: VERBS.contractsImportCancel,
    labels: {
      full: t(locale, 'contracts.import.teams.button.full'),
      forced: t(locale, 'contracts.import.teams.button.forced'),
      forceConfirm: t(locale, 'contracts.import.teams.button.forceConfirm', { count: forcedRemovals }),
    },
  };
}

/** What the file holds, the same for every dry run of it. */
function contractFileFacts(locale: Locale, fileName: string, r: ImportReport) {
  return [
    ...fileFacts(locale, { ...r, name: fileName }),
    fact(t(locale, 'contracts.import.teams.fact.valid'), r.valid),
    fact(t(locale, 'contracts.import.teams.fact.rejected'), r.rejected.length),
  ];
}

/** New categories, warnings, rejected rows (with line numbers and reasons), notes. */
function fileSections(locale: Locale, r: ImportReport, limit: number): ReportSection[] {
  const heading = (key: string) => (count: number) => t(locale, key, { count });
  return [
    ...section(locale, heading('contracts.import.teams.section.newCategories'), r.newCategories, (c) => t(locale, 'contracts.import.teams.newCategory', { name: c.name, slug: c.slug, rows: c.rows }), limit),
    ...warningsSection(locale, r.warnings, limit),
    ...section(
      locale,
      heading('contracts.import.teams.section.rejected'),
      r.rejected,
      (row) => t(locale, 'contracts.import.teams.rejectedRow', { line: row.line, id: row.contractId ? ` (${row.contractId})` : '', problems: clip(row.problems.map((p) => p.message).join(' ')) }),
      limit,
    ),
    ...section(locale, heading('contracts.import.teams.section.notes'), r.notes, (n) => t(locale, 'contracts.import.teams.noteRow', { line: n.line, id: n.contractId, message: n.message }), limit),
  ];
}

/** The contracts a full export removes (or would): `removed` counts them all, `removals` lists the first. */
function removalSection(locale: Locale, key: string, r: ImportReport, limit: number): ReportSection[] {
  return section(locale, (count) => t(locale, key, { count }), r.removals, (c) => t(locale, 'contracts.import.teams.removalRow', { id: c.contractId, title: c.title }), limit, r.removed);
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
  const facts = [
    ...contractFileFacts(locale, p.fileName, update),
    fact(t(locale, 'contracts.import.teams.fact.added'), update.added),
    fact(t(locale, 'contracts.import.teams.fact.updated'), update.updated),
    fact(t(locale, 'contracts.import.teams.fact.removedIfFull'), full.removed),
  ];
  const refusal = nothingValid ? (update.refusal?.message ?? '') : tooMany ? t(locale, 'contracts.import.teams.preview.fullRefused', { message: full.refusal?.message ?? '' }) : '';
  return budgetedReportCard(locale, actions(locale, full.removed), (limit) => ({
    title: t(locale, 'contracts.import.teams.preview.title'),
    status: t(locale, 'contracts.import.teams.preview.status'),
    refusal,
    facts,
    sections: [...fileSections(locale, update, limit), ...removalSection(locale, 'contracts.import.teams.section.removalsIfFull', full, limit)],
    hint: t(locale, 'contracts.import.teams.preview.hint'),
    token: p.token,
    forceWarning: t(locale, 'contracts.import.teams.preview.forceWarning', { count: full.removed }),
    forcedRemovals: full.removed,
    // Over the limit, every import button names the number of new categories: the server checks it.
    confirmCategories: manyCategories ? created : 0,
    categoryWarning: manyCategories ? t(locale, 'contracts.import.teams.preview.manyCategories', { count: created, max: p.maxNewCategories ?? 0 }) : '',
    buttons: { apply: !nothingValid, full: !nothingValid && !tooMany, forced: tooMany, cancel: true },
  }));
}

/** After Importera: what was done (the buttons are gone). */
export function importResultCard(locale: Locale, fileName: string, r: ImportReport, forced: boolean): AdaptiveCardJson {
  const mode = t(locale, r.mode === 'full' ? (forced ? 'contracts.import.teams.mode.forced' : 'contracts.import.teams.mode.full') : 'contracts.import.teams.mode.update');
  return budgetedReportCard(locale, actions(locale), (limit) => ({
    title: t(locale, 'contracts.import.teams.result.title'),
    status: t(locale, 'contracts.import.teams.result.status', { added: r.added, updated: r.updated, removed: r.removed }),
    facts: [
      ...contractFileFacts(locale, fileName, r),
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
  return closedReportCard(locale, actions(locale), fileName, why);
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
