import { Db, Tx } from '../db';
import { Locale, t } from '../i18n';
import { Logger } from '../logger';
import { AccountRange, YearFigures, yearFigures } from './model';
import { LedgerReadError } from './read/errors';
import { ReadLedger } from './read/parse';
import { parseOffThread } from './read/worker';
import {
  accountsKey,
  allYears,
  analyzePostings,
  buildYear,
  catalogueFingerprints,
  dropCatalogue,
  findForvaltning,
  insertPostings,
  insertSpendLog,
  lockYear,
  prepareCatalogue,
  rematchYear,
  setLogCounts,
  setYearState,
  type SpendLogEntry,
  spendYears,
  yearFacts,
  yearState,
} from './repository';

/**
 * The one ledger import pipeline (command line, REST, Teams): the file parsed once, off the event loop;
 * the preview (a dry run) and the import both work from that parse. An import is one transaction:
 * every posting or none, and its log entry. A dry run does the same work and rolls it back, so its
 * counts (new, already imported) are the real run's.
 *
 * The yearly figures are read from aggregates kept per region and year. An import matches its postings
 * against the contract catalogue as it writes them and builds the aggregates of the years it touched, in
 * its transaction. A year whose postings were matched against another catalogue (a contract import since,
 * told by the catalogue's fingerprint) or built with other account ranges is matched and built again
 * when its figures are next read.
 */

export interface SpendConfig {
  accounts: AccountRange[];
  maxFileBytes: number;
}

export interface SpendActor {
  source: SpendLogEntry['source'];
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

/**
 * Postings written per statement. The embedded database runs on the main thread, so its statements are
 * kept short and a turn of the event loop is taken between them (the server keeps answering); a server
 * takes larger ones.
 */
export const CHUNK = { pglite: 1000, postgres: 10000 } as const;
/**
 * About how many postings each statement of a year's supplier and area build reads (buildYear; the figures
 * a month and the rematch half a month per statement): the embedded database builds a year in pieces short
 * enough for the server to keep answering in between. PostgreSQL builds a year in one statement each: its
 * statements do not hold this process, and one pass over a year's postings is the fastest.
 */
export const PIECE_ROWS = { pglite: 5000, postgres: null } as const;
/**
 * An import adding at least this many postings refreshes the table's statistics before the year is matched and
 * built (PostgreSQL: a statement planned without them took 6 minutes where it takes 7 s with them, at a million
 * postings; autovacuum comes later). The embedded database builds in small pieces by index and has no autovacuum.
 */
export const ANALYZE_AFTER_ROWS = 10_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The distinct regions and calendar years of a file's postings, in a fixed order (the order their locks are taken in). */
function yearsOf(p: ReadLedger['postings']): { region: string; year: number }[] {
  const seen = new Map<string, { region: string; year: number }>();
  for (let i = 0; i < p.day.length; i++) {
    const year = Number(p.day[i].slice(0, 4));
    const key = `${p.region[i]}|${year}`;
    if (!seen.has(key)) seen.set(key, { region: p.region[i], year });
  }
  return [...seen.values()].sort((a, b) => a.region.localeCompare(b.region) || a.year - b.year);
}

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
  const accounts = accountsKey(config.accounts);
  const build = { pieceRows: PIECE_ROWS[db.kind], pause: nextTurn };
  const rematch = { pieces: PIECE_ROWS[db.kind] !== null, pause: nextTurn };

  /**
   * Makes a region's year's aggregates current (in the caller's transaction): matched again when the
   * catalogue changed since its postings were matched, built again when that or the account ranges did.
   * A year without postings has nothing to do.
   */
  async function freshYear(tx: Tx, region: string, year: number): Promise<void> {
    const state = await yearState(tx, region, year);
    if (!state) return;
    const current = (await catalogueFingerprints(tx, [region])).get(region) ?? null;
    if (state.catalogue === current && state.accounts === accounts) return;
    await lockYear(tx, region, year);
    // Another transaction may have rebuilt it while this one waited for the lock.
    const locked = await yearState(tx, region, year);
    const catalogue = await prepareCatalogue(tx, [region], nextTurn);
    const fingerprint = catalogue.get(region) ?? null;
    if (locked && locked.catalogue === fingerprint && locked.accounts === accounts) return dropCatalogue(tx);
    if (locked?.catalogue !== fingerprint) await rematchYear(tx, region, year, rematch);
    await buildYear(tx, region, year, config.accounts, build);
    await setYearState(tx, region, year, { catalogue: fingerprint, accounts });
    await dropCatalogue(tx);
  }
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
          await nextTurn();
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
          const years = yearsOf(ledger.postings);
          for (const y of years) await lockYear(tx, y.region, y.year);
          await nextTurn();
          const catalogue = await prepareCatalogue(tx, ledger.regions, nextTurn);
          const inserted = await insertPostings(tx, id, ledger.postings, { chunk: CHUNK[db.kind], pause: nextTurn });
          counts = { added: inserted.added, already: ledger.postings.day.length - inserted.added };
          await setLogCounts(tx, id, counts.added, counts.already);
          if (opts.dryRun) throw ROLLBACK;
          if (db.kind === 'postgres' && inserted.added >= ANALYZE_AFTER_ROWS) await analyzePostings(tx);
          for (const y of years) {
            const state = await yearState(tx, y.region, y.year);
            const fingerprint = catalogue.get(y.region) ?? null;
            const stale = state !== null && state.catalogue !== fingerprint;
            if (stale) await rematchYear(tx, y.region, y.year, rematch);
            const added = inserted.byYear.find((b) => b.region === y.region && b.year === y.year)?.added ?? 0;
            if (state === null || stale || added > 0 || state.accounts !== accounts) {
              await buildYear(tx, y.region, y.year, config.accounts, build);
              await setYearState(tx, y.region, y.year, { catalogue: fingerprint, accounts });
            }
          }
          await dropCatalogue(tx);
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
      await db.transaction((tx) => freshYear(tx, region, year));
      // One snapshot for the three reads: an import committing meanwhile is seen whole or not at all.
      const facts = await db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        return yearFacts(tx, region, year, forvaltning);
      });
      return yearFigures(region, year, facts);
    },
    years: (region) => spendYears(db, region),
    async findForvaltning(text) {
      // The administrations are read from the aggregates: a year never built (imported before them) is built first.
      for (const y of await allYears(db)) if ((await yearState(db, y.region, y.year))?.accounts === null) await db.transaction((tx) => freshYear(tx, y.region, y.year));
      return findForvaltning(db, text);
    },
  };
}
