import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { migrate, openDatabase } from '../db';
import { Locale, localeFrom, t } from '../i18n';
import { ImportFatalError, ImportRefusedError, ImportReport, importContracts } from './import-service';
import { runCli } from '../util/cli';

/* eslint-disable no-console -- a command-line tool: its report goes to the terminal. */

/** The command line reads workbooks up to 200 MB (the unpacked and row limits stay the reader's defaults). */
export const CLI_XLSX_LIMITS = { maxFileBytes: 200 * 1024 * 1024 };

/** How many row notes and removals the terminal shows before "… and N more". */
const LISTED = 30;

export interface CliArgs {
  file: string;
  dryRun: boolean;
  full: boolean;
  force: boolean;
  sheet?: string;
}

/** `<file> [--dry-run] [--full] [--force] [--sheet NAME]`; null when the arguments make no sense. */
export function parseArgs(argv: string[]): CliArgs | null {
  const flags = new Set<string>();
  const files: string[] = [];
  let sheet: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sheet') {
      sheet = argv[++i];
      if (!sheet) return null;
    } else if (a.startsWith('--sheet=')) sheet = a.slice('--sheet='.length);
    else if (a.startsWith('--')) flags.add(a);
    else files.push(a);
  }
  const known = ['--dry-run', '--full', '--force'];
  if (files.length !== 1 || [...flags].some((f) => !known.includes(f))) return null;
  if (flags.has('--force') && !flags.has('--full')) return null;
  return { file: files[0], dryRun: flags.has('--dry-run'), full: flags.has('--full'), force: flags.has('--force'), ...(sheet ? { sheet } : {}) };
}

function listed<T>(items: T[], show: (item: T) => string, locale: Locale): void {
  for (const item of items.slice(0, LISTED)) console.log(show(item));
  if (items.length > LISTED) console.log(t(locale, 'contracts.import.cli.more', { count: items.length - LISTED }));
}

export function printReport(report: ImportReport, locale: Locale): void {
  for (const w of report.warnings) console.log(`! ${w}`);
  listed(report.rejected, (r) => t(locale, 'contracts.import.cli.rejectedRow', { line: r.line, id: r.contractId ? ` (${r.contractId})` : '', problems: r.problems.map((p) => p.message).join(' ') }), locale);
  listed(report.notes, (n) => t(locale, 'contracts.import.cli.noteRow', { line: n.line, id: n.contractId, message: n.message }), locale);
  listed(report.removals, (r) => t(locale, 'contracts.import.cli.removalRow', { id: r.contractId, title: r.title }), locale);
  console.log(
    t(locale, 'contracts.import.cli.summary', {
      rows: report.rows,
      valid: report.valid,
      rejected: report.rejected.length,
      added: report.added,
      updated: report.updated,
      removed: report.removed,
    }),
  );
  if (report.dryRun) console.log(t(locale, 'contracts.import.cli.dryRun'));
}

/** npm run contracts:import -- <file> [--dry-run] [--full [--force]] [--sheet NAME] — same DATA_DIR / DATABASE_URL as the server. */
async function main(argv: string[]): Promise<number> {
  const locale = localeFrom(process.env.LANG);
  const args = parseArgs(argv);
  if (!args) {
    console.error(t(locale, 'contracts.import.cli.usage'));
    return 2;
  }
  if (!fs.existsSync(args.file) || !fs.statSync(args.file).isFile()) {
    console.error(t(locale, 'contracts.import.cli.notFound', { file: args.file }));
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    const report = await importContracts(db, fs.readFileSync(args.file), {
      dryRun: args.dryRun,
      mode: args.full ? 'full' : 'update',
      force: args.force,
      sheet: args.sheet,
      maxRemovalShare: config.IMPORT_MAX_REMOVAL_PERCENT / 100,
      fileName: path.basename(args.file),
      // On the server's own machine a whole catalogue may be a larger workbook than chat and REST accept.
      xlsxLimits: CLI_XLSX_LIMITS,
      actor: { source: 'cli' },
      locale,
    });
    printReport(report, locale);
    // A dry run that would be refused says so, and exits as the real run would.
    if (report.refusal) console.error(report.refusal.message);
    return report.refusal ? 3 : 0;
  } catch (err) {
    if (err instanceof ImportRefusedError) {
      printReport(err.report, locale);
      console.error(err.message);
      return 3;
    }
    if (err instanceof ImportFatalError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

if (require.main === module) runCli(main);
