import fs from 'node:fs';
import { ConfigError, loadConfig } from '../config';
import { migrate, openDatabase } from '../db';
import { localeFrom, t } from '../i18n';
import { ImportFatalError, importContracts } from './import-service';

/* eslint-disable no-console -- a command-line tool: its report goes to the terminal. */

/** npm run contracts:import -- <file> [--dry-run] — same DATA_DIR / DATABASE_URL as the server. */
async function main(argv: string[]): Promise<number> {
  const locale = localeFrom(process.env.LANG);
  const dryRun = argv.includes('--dry-run');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    console.error(t(locale, 'import.cli.usage'));
    return 2;
  }
  const file = files[0];
  if (!fs.existsSync(file)) {
    console.error(t(locale, 'import.cli.notFound', { file }));
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    const report = await importContracts(db, fs.readFileSync(file), { dryRun, locale });
    for (const w of report.warnings) console.log(`! ${w}`);
    for (const r of report.rejected) {
      console.log(
        t(locale, 'import.cli.rejectedRow', {
          line: r.line,
          id: r.contractId ? ` (${r.contractId})` : '',
          problems: r.problems.map((p) => p.message).join(' '),
        }),
      );
    }
    console.log(
      t(locale, 'import.cli.summary', {
        rows: report.rows,
        valid: report.valid,
        rejected: report.rejected.length,
        inserted: report.inserted,
        updated: report.updated,
      }),
    );
    if (dryRun) console.log(t(locale, 'import.cli.dryRun'));
    return report.rejected.length > 0 ? 3 : 0;
  } catch (err) {
    if (err instanceof ImportFatalError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
