import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, settingsOf } from '../config';
import { migrate, openDatabase } from '../db';
import { createLogger } from '../logger';
import { localeFrom, t } from '../i18n';
import { parseAccountRanges } from './accounts';
import { spendSettings } from './settings';
import { SpendImportError, SpendImportReport, createSpendService } from './service';
import { runCli } from '../util/cli';

/* eslint-disable no-console -- a command-line tool: its report goes to the terminal. */

/** The command line reads ledgers up to 1 GB (a region-year), chat and REST up to SPEND_MAX_FILE_MB. */
export const CLI_MAX_BYTES = 1024 * 1024 * 1024;

export interface CliArgs {
  file: string;
  dryRun: boolean;
  /** The buyer's org number for a file without a kopare_id column. */
  buyer?: string;
}

/** `<file> [--dry-run] [--buyer 232100-0032]`; null when the arguments make no sense. */
export function parseArgs(argv: string[]): CliArgs | null {
  const files: string[] = [];
  let dryRun = false;
  let buyer: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--buyer') {
      buyer = argv[++i];
      if (!buyer) return null;
    } else if (a.startsWith('--buyer=')) buyer = a.slice('--buyer='.length);
    else if (a.startsWith('--')) return null;
    else files.push(a);
  }
  return files.length === 1 ? { file: files[0], dryRun, ...(buyer ? { buyer } : {}) } : null;
}

export function reportLines(r: SpendImportReport, locale: ReturnType<typeof localeFrom>): string[] {
  return [
    ...r.warnings.map((w) => `! ${w}`),
    t(locale, 'spend.cli.summary', { rows: r.rows, added: r.added, already: r.already, masked: r.masked, from: r.firstDay ?? '–', to: r.lastDay ?? '–', regions: r.regions.join(', ') }),
    ...(r.dryRun ? [t(locale, 'spend.cli.dryRun')] : []),
  ];
}

/**
 * npm run spend:import -- FILE [--dry-run] [--buyer ORGNR]. Exit codes as for contracts:import: 0 done
 * (also when every posting was already there), 1 the file refused, 2 wrong arguments or no such file.
 */
export async function main(argv: string[]): Promise<number> {
  const locale = localeFrom(process.env.LANG);
  const args = parseArgs(argv);
  if (!args) {
    console.error(t(locale, 'spend.cli.usage'));
    return 2;
  }
  if (!fs.existsSync(args.file) || !fs.statSync(args.file).isFile()) {
    console.error(t(locale, 'spend.cli.notFound', { file: args.file }));
    return 2;
  }
  const owner = { name: 'spend', settings: spendSettings };
  const config = loadConfig(process.env, [owner]);
  const settings = settingsOf(config, owner);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const spend = createSpendService({ db, config: { accounts: parseAccountRanges(settings.SPEND_ACCOUNTS) ?? [], maxFileBytes: CLI_MAX_BYTES }, logger: createLogger('silent') });
  const fileName = path.basename(args.file);
  try {
    await migrate(db);
    const ledger = await spend.parse(fs.readFileSync(args.file), locale, args.buyer);
    const report = await spend.apply(ledger, { dryRun: args.dryRun, fileName, actor: { source: 'cli' }, locale });
    for (const line of reportLines(report, locale)) console.log(line);
    return 0;
  } catch (err) {
    if (err instanceof SpendImportError) {
      if (!args.dryRun) await spend.logRefusal(err, { fileName, actor: { source: 'cli' } });
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

if (require.main === module) runCli(main);
