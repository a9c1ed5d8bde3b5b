import { Category } from '../core/categories';
import { createCategoryDirectory, insertCategories } from '../core/category-repository';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { ParsedFile } from './csv-import';
import { ImportFatalError } from './import-errors';
import { ImportLogEntry, insertImportLog, knownContractIds, lockImports, markRemoved, updateImportCounts } from './import-repository';
import { NewCategory, RejectedRow, RowNote } from './import-rows';
import { createContractRepository } from './repository';
import { parseContractFile, parseContractFileOffThread } from './import-parse';
import { XlsxLimits } from './xlsx-read';

export { ImportFatalError, parseContractFile };

/** Who started an import (the log keeps it): the command line, a REST key, or an officer in Teams. */
export interface ImportActor {
  source: 'cli' | 'api' | 'teams';
  id?: string;
  name?: string;
}

export interface ImportOptions {
  /** update: add and change only; full: the file is the whole catalogue, contracts absent from it leave. */
  mode?: 'update' | 'full';
  dryRun?: boolean;
  /**
   * Apply a full export even when it removes more than the allowed share of the catalogue. Outside the
   * command line, force holds only with confirmRemovals: the number of removals the preview offered, which
   * must be the number the import would make now.
   */
  force?: boolean;
  confirmRemovals?: number;
  /** The most new categories the file may create (undefined: no limit, the command line) … */
  maxNewCategories?: number;
  /** … unless this names the number of new categories the preview showed. */
  confirmNewCategories?: number;
  /** The largest share (0–1) of the current catalogue a full export may remove without force. */
  maxRemovalShare?: number;
  format?: 'csv' | 'xlsx';
  sheet?: string;
  /** The workbook's limits (file, unpacked size, rows); the CLI allows larger files than chat and REST. */
  xlsxLimits?: Partial<XlsxLimits>;
  fileName?: string;
  actor?: ImportActor;
  locale?: Locale;
}

export interface ImportReport {
  dryRun: boolean;
  mode: 'update' | 'full';
  format: 'csv' | 'xlsx';
  fileName: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  rows: number;
  valid: number;
  added: number;
  updated: number;
  removed: number;
  /** The contracts a full export removes (or would), at most REMOVALS_LISTED of them. */
  removals: { contractId: string; title: string }[];
  rejected: RejectedRow[];
  notes: RowNote[];
  newCategories: NewCategory[];
  warnings: string[];
  /** Why this import was (or, on a dry run, would be) refused; null when it is applied. */
  refusal: { code: RefusalCode; message: string } | null;
  importId: number | null;
}

export type RefusalCode = 'too-many-removals' | 'nothing-valid' | 'too-many-categories';

export const DEFAULT_MAX_REMOVAL_SHARE = 0.2;
export const REMOVALS_LISTED = 200;
export const DEFAULT_MAX_NEW_CATEGORIES = 20;

/** An import that was read but not applied: a full export that removes too much, or nothing valid. */
export class ImportRefusedError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly report: ImportReport,
  ) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

/** What applying the file would do to the catalogue as it stands. */
function plan(parsed: ParsedFile, known: Awaited<ReturnType<typeof knownContractIds>>, mode: 'update' | 'full') {
  const inFile = new Set(parsed.rows.map((r) => r.contract.contractId.toLowerCase()));
  let added = 0;
  for (const key of inFile) if (!known.has(key)) added++;
  const current = [...known.entries()].filter(([, v]) => !v.removed);
  const removals = mode === 'full' ? current.filter(([key]) => !inFile.has(key)) : [];
  return { added, updated: inFile.size - added, removals, currentCount: current.length };
}

function baseReport(parsed: ParsedFile, opts: ImportOptions): ImportReport {
  return {
    dryRun: Boolean(opts.dryRun),
    mode: opts.mode ?? 'update',
    format: parsed.format,
    fileName: opts.fileName ?? null,
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    sheet: parsed.sheet,
    rows: parsed.rows.length + parsed.rejected.length,
    valid: parsed.rows.length,
    added: 0,
    updated: 0,
    removed: 0,
    removals: [],
    rejected: parsed.rejected,
    notes: parsed.notes,
    newCategories: parsed.newCategories,
    warnings: parsed.warnings,
    refusal: null,
    importId: null,
  };
}

function logEntry(report: ImportReport, opts: ImportOptions, outcome: 'applied' | 'refused', reason: string | null): ImportLogEntry {
  return {
    source: opts.actor?.source ?? 'cli',
    actorId: opts.actor?.id ?? null,
    actorName: opts.actor?.name ?? null,
    fileName: report.fileName?.slice(0, 200) ?? null,
    format: report.format,
    mode: report.mode,
    outcome,
    forced: Boolean(opts.force),
    rowsRead: report.rows,
    added: report.added,
    updated: report.updated,
    removed: report.removed,
    rejected: report.rejected.length,
    newCategories: report.newCategories.map((c) => c.name),
    reason,
  };
}

/** A forced full export: from the command line as asked; elsewhere only naming the very number it removes. */
function forceConfirmed(report: ImportReport, opts: ImportOptions): boolean {
  if (!opts.force) return false;
  if (opts.confirmRemovals === undefined) return (opts.actor?.source ?? 'cli') === 'cli';
  return opts.confirmRemovals === report.removed;
}

/** Refuses what must not be applied; otherwise returns nothing. The refusal names the numbers. */
function refusal(report: ImportReport, currentCount: number, opts: ImportOptions, locale: Locale): ImportRefusedError | null {
  if (report.valid === 0) return new ImportRefusedError('nothing-valid', t(locale, 'contracts.import.refused.nothingValid', { rejected: report.rejected.length }), report);
  const created = report.newCategories.length;
  if (opts.maxNewCategories !== undefined && created > opts.maxNewCategories && opts.confirmNewCategories !== created) {
    const message = t(locale, 'contracts.import.refused.tooManyCategories', { count: created, max: opts.maxNewCategories });
    return new ImportRefusedError('too-many-categories', message, report);
  }
  const share = opts.maxRemovalShare ?? DEFAULT_MAX_REMOVAL_SHARE;
  if (report.mode === 'full' && !forceConfirmed(report, opts) && currentCount > 0 && report.removed / currentCount > share) {
    const message = t(locale, 'contracts.import.refused.tooManyRemovals', {
      removed: report.removed,
      current: currentCount,
      percent: Math.round((report.removed / currentCount) * 100),
      max: Math.round(share * 100),
    });
    return new ImportRefusedError('too-many-removals', message, report);
  }
  return null;
}

/** A file read once (off the event loop), with the categories it was checked against. */
export interface ReadContractFile {
  parsed: ParsedFile;
  /** The catalogue's categories when it was read: a change since means reading it again. */
  categoriesKey: string;
}

const categoriesKeyOf = (categories: readonly Category[]) => JSON.stringify(categories.map((c) => [c.slug, c.name.sv, c.name.en, c.aliases]));

/** Reads a file in a worker thread against the catalogue's categories as they are now. */
export async function readContractFile(db: Db, file: Buffer, opts: Pick<ImportOptions, 'format' | 'sheet' | 'xlsxLimits' | 'locale'> = {}): Promise<ReadContractFile> {
  const categories = await createCategoryDirectory(db).list();
  const parsed = await parseContractFileOffThread(file, categories, { format: opts.format, sheet: opts.sheet, xlsxLimits: opts.xlsxLimits, locale: opts.locale ?? 'sv' });
  return { parsed, categoriesKey: categoriesKeyOf(categories) };
}

/**
 * Validates a whole file, then applies it in one transaction: new categories, added and updated
 * contracts, and for a full export the removals; the import is logged, applied or refused. A dry run
 * reports the same counts and changes nothing. Unreadable files throw ImportFatalError, refused ones
 * ImportRefusedError; neither changes the catalogue. read: the file's reading kept from its preview,
 * used when the categories have not changed since (and read again otherwise).
 */
export async function importContracts(db: Db, file: Buffer, opts: ImportOptions = {}, read?: ReadContractFile): Promise<ImportReport> {
  const current = read && read.categoriesKey === categoriesKeyOf(await createCategoryDirectory(db).list()) ? read : await readContractFile(db, file, opts);
  return applyParsed(db, current.parsed, opts);
}

/**
 * The two dry runs a preview shows (the file as an update, and as a full export) from one reading of
 * the file, and that reading, for the import to work from.
 */
export async function previewImport(
  db: Db,
  file: Buffer,
  opts: Omit<ImportOptions, 'dryRun' | 'mode'> = {},
): Promise<{ update: ImportReport; full: ImportReport; read: ReadContractFile }> {
  const read = await readContractFile(db, file, opts);
  const update = await applyParsed(db, read.parsed, { ...opts, dryRun: true, mode: 'update' });
  const full = await applyParsed(db, read.parsed, { ...opts, dryRun: true, mode: 'full' });
  return { update, full, read };
}

async function applyParsed(db: Db, parsed: ParsedFile, opts: ImportOptions): Promise<ImportReport> {
  const locale = opts.locale ?? 'sv';
  const report = baseReport(parsed, opts);
  const preview = (p: ReturnType<typeof plan>) => {
    report.added = p.added;
    report.updated = p.updated;
    report.removed = p.removals.length;
    report.removals = p.removals.slice(0, REMOVALS_LISTED).map(([, v]) => ({ contractId: v.contractId, title: v.title }));
  };
  if (opts.dryRun) {
    const p = plan(parsed, await knownContractIds(db), report.mode);
    preview(p);
    const refused = refusal(report, p.currentCount, opts, locale);
    if (refused) report.refusal = { code: refused.code, message: refused.message };
    return report;
  }
  const repo = createContractRepository(db);
  let refused: ImportRefusedError | null = null;
  await db.transaction(async (tx) => {
    await lockImports(tx);
    const p = plan(parsed, await knownContractIds(tx), report.mode);
    preview(p);
    refused = refusal(report, p.currentCount, opts, locale);
    if (refused) return;
    const importId = await insertImportLog(tx, logEntry(report, opts, 'applied', null));
    await insertCategories(tx, parsed.newCategories, importId);
    const written = await repo.upsertMany(tx, parsed.rows.map((r) => r.contract), async () => {
      report.removed = await markRemoved(tx, p.removals.map(([key]) => key), importId);
    });
    report.added = written.inserted;
    report.updated = written.updated;
    report.importId = importId;
    await updateImportCounts(tx, importId, report);
  });
  if (refused) {
    const r = refused as ImportRefusedError;
    report.refusal = { code: r.code, message: r.message };
    await insertImportLog(db, logEntry(report, opts, 'refused', r.code));
    throw r;
  }
  repo.invalidateVocabulary();
  return report;
}
