import fs from 'node:fs';
import path from 'node:path';
import { Logger } from '../logger';
import { fromRoot } from '../util/paths';
import { SpendService } from './service';

/** The fictional sample ledger (npm run sample:ledger writes it from the sample contracts). */
export const SAMPLE_LEDGER_FILE = fromRoot('data', 'sample-ledger.csv');

/**
 * Imports the sample ledger when no posting has been imported yet, through the one import pipeline (the
 * same parse and apply as any file; logged with the source 'seed'). With postings present it does one small read and nothing else.
 */
export async function seedSampleLedger(spend: SpendService, logger: Logger, file = SAMPLE_LEDGER_FILE): Promise<number> {
  if ((await spend.years()).length > 0) return 0;
  if (!fs.existsSync(file)) {
    logger.warn({ file }, 'the sample ledger is missing (npm run sample:ledger writes it); no spend sample loaded');
    return 0;
  }
  const ledger = await spend.parse(fs.readFileSync(file), 'sv');
  const report = await spend.apply(ledger, { dryRun: false, fileName: path.basename(file), actor: { source: 'seed' }, locale: 'sv' });
  logger.info({ postings: report.added, from: report.firstDay, to: report.lastDay, regions: report.regions }, 'loaded the sample ledger into the empty database');
  return report.added;
}
