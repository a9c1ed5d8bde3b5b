import fs from 'node:fs';
import { Db } from '../db';
import { Logger } from '../logger';
import { fromRoot } from '../util/paths';
import { importContracts } from './import-service';
import { createContractRepository } from './repository';

export const SAMPLE_CONTRACTS_FILE = fromRoot('data', 'sample-contracts.csv');

/** Loads the fictional sample contracts, but only into an empty contract table. */
export async function seedSampleContracts(db: Db, logger: Logger, file = SAMPLE_CONTRACTS_FILE): Promise<number> {
  const repo = createContractRepository(db);
  if ((await repo.count()) > 0) return 0;
  const report = await importContracts(db, fs.readFileSync(file));
  if (report.rejected.length > 0) logger.warn({ rejected: report.rejected.slice(0, 5) }, 'sample data had rejected rows');
  logger.info({ contracts: report.added }, 'loaded sample contracts into the empty database');
  return report.added;
}
