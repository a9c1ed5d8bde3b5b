import { Db } from '../db';
import { Locale, t } from '../i18n';
import { Logger } from '../logger';
import { AccountRange, YearFigures, yearFigures } from './model';
import { LedgerReadError } from './read/errors';
import { ReadLedger } from './read/parse';
import { parseOffThread } from './read/worker';
import { findForvaltning, insertPostings, insertSpendLog, setLogCounts, spendYears, yearFacts } from './repository';

/**
 * The one ledger import pipeline (command line, REST, Teams): the file parsed once, off the event loop;
 * the preview (a dry run) and the import both work from that parse. An import is one transaction:
 * every posting or none, and its log entry. A dry run does the same work and rolls it back, so its
 * counts (new, already imported) are the real run's.
 */

export interface SpendConfig {
  accounts: AccountRange[];
  maxFileBytes: number;
}

export interface SpendActor {
  source: 'cli' | 'api' | 'teams';
  id?: string;
  name?: string;
}

export interface SpendImportReport {
  dryRun: boolean;
  fileName: string | null;
  format: ReadLedger['format'];
  encoding: string | null;
  delimiter: string | null;
  rows: number;
  /** Postings not seen before (a dry run: that would be new). */
  added: number;
  /** Postings already imported (from this or another file): counted once. */
  already: number;
  masked: number;
  maskedAtImport: number;
  firstDay: string | null;
  lastDay: string | null;
  regions: string[];
  warnings: string[];
}

/** A file refused as a whole, with the message in the reader's language (and the first line concerned). */
export class SpendImportError extends Error {
  constructor(
    message: string,
    readonly code: LedgerReadError['code'],
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SpendImportError';
  }
}

/** The refusal as a message in the reader's language: the columns missing, the lines that cannot be read, the buyers unknown. */
export function refusalText(locale: Locale, err: LedgerReadError, maxMb: number): string {
  const d = err.details;
  switch (err.code) {
    case 'missing-columns':
      return t(locale, 'spend.refused.missingColumns', { columns: (d.columns ?? []).join(', ') });
    case 'bad-rows':
      return t(locale, 'spend.refused.badRows', {
        lines: (d.lines ?? []).map((l) => t(locale, 'spend.refused.badRow', { line: l.line, field: l.field, value: l.value || '–' })).join('; '),
      });
    case 'unknown-buyer':
      return t(locale, 'spend.refused.unknownBuyer', { buyers: (d.buyers ?? []).join(', ') });
    case 'too-large':
      return t(locale, 'spend.refused.tooLarge', { max: maxMb });
    case 'broken-quotes':
      return t(locale, 'spend.refused.brokenQuotes', { line: d.line ?? 1 });
    default:
      return t(locale, `spend.refused.${err.code}`);
  }
}

const ROLLBACK = Symbol('dry run');

export interface SpendService {
  /** Parses a file (off the event loop). Throws SpendImportError. */
  parse(bytes: Buffer, locale: Locale, buyer?: string): Promise<ReadLedger>;
  /** Imports (or, dryRun, previews) a parsed file; every applied or refused import is logged. */
  apply(ledger: ReadLedger, opts: { dryRun: boolean; fileName?: string; actor: SpendActor; locale: Locale }): Promise<SpendImportReport>;
  /** Logs a refused file. */
  logRefusal(err: SpendImportError, opts: { fileName?: string; actor: SpendActor }): Promise<void>;
  figures(region: string, year: number, forvaltning?: string): Promise<YearFigures>;
  years(region?: string): Promise<number[]>;
  findForvaltning(text: string): Promise<{ region: string; forvaltning: string }[]>;
}

export function createSpendService(deps: { db: Db; config: SpendConfig; logger: Logger }): SpendService {
  const { db, config } = deps;
  const maxMb = Math.round(config.maxFileBytes / (1024 * 1024));
  return {
    async parse(bytes, locale, buyer) {
      try {
        return await parseOffThread(bytes, { maxBytes: config.maxFileBytes, buyer });
      } catch (err) {
        if (err instanceof LedgerReadError) throw new SpendImportError(refusalText(locale, err, maxMb), err.code, err.details.line ?? err.details.lines?.[0]?.line);
        throw err;
      }
    },

    async apply(ledger, opts) {
      const warnings = ledger.warnings.map((w) => t(opts.locale, `spend.warning.${w.code}`, { value: w.value }));
      const base = {
        dryRun: opts.dryRun,
        fileName: opts.fileName ?? null,
        format: ledger.format,
        encoding: ledger.encoding ?? null,
        delimiter: ledger.delimiter ?? null,
        rows: ledger.rows,
        masked: ledger.masked,
        maskedAtImport: ledger.maskedAtImport,
        firstDay: ledger.firstDay,
        lastDay: ledger.lastDay,
        regions: ledger.regions,
        warnings,
      };
      let counts = { added: 0, already: 0 };
      try {
        await db.transaction(async (tx) => {
          const id = await insertSpendLog(tx, {
            source: opts.actor.source,
            actorId: opts.actor.id ?? null,
            actorName: opts.actor.name ?? null,
            fileName: opts.fileName ?? null,
            format: ledger.format,
            outcome: 'applied',
            rowsRead: ledger.rows,
            added: 0,
            already: 0,
            masked: ledger.masked,
            firstDay: ledger.firstDay,
            lastDay: ledger.lastDay,
            regions: ledger.regions,
            reason: null,
          });
          const added = await insertPostings(tx, id, ledger.postings);
          counts = { added, already: ledger.postings.day.length - added };
          await setLogCounts(tx, id, counts.added, counts.already);
          if (opts.dryRun) throw ROLLBACK;
        });
      } catch (err) {
        if (err !== ROLLBACK) throw err;
      }
      return { ...base, ...counts };
    },

    async logRefusal(err, opts) {
      await insertSpendLog(db, {
        source: opts.actor.source,
        actorId: opts.actor.id ?? null,
        actorName: opts.actor.name ?? null,
        fileName: opts.fileName ?? null,
        format: null,
        outcome: 'refused',
        rowsRead: 0,
        added: 0,
        already: 0,
        masked: 0,
        firstDay: null,
        lastDay: null,
        regions: [],
        reason: err.message.slice(0, 500),
      });
    },

    async figures(region, year, forvaltning) {
      const facts = await db.transaction((tx) => yearFacts(tx, region, year, config.accounts, forvaltning));
      return yearFigures(region, year, facts);
    },
    years: (region) => spendYears(db, region),
    findForvaltning: (text) => findForvaltning(db, text),
  };
}
