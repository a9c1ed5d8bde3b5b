import { Db } from '../db';
import { Locale } from '../i18n';
import { ImportFatalError, RejectedRow, parseContractsCsv } from './csv-import';
import { createContractRepository } from './repository';

export interface ImportReport {
  dryRun: boolean;
  encoding: string;
  delimiter: string;
  rows: number;
  valid: number;
  inserted: number;
  updated: number;
  rejected: RejectedRow[];
  warnings: string[];
}

export { ImportFatalError };

/**
 * Validates a whole file, then upserts the valid rows in one transaction (nothing on a dry run).
 * Rejected rows are listed by line number; a file that cannot be read throws ImportFatalError and changes nothing.
 */
export async function importContracts(db: Db, file: Buffer, opts: { dryRun?: boolean; locale?: Locale } = {}): Promise<ImportReport> {
  const parsed = parseContractsCsv(file, opts.locale ?? 'sv');
  const repo = createContractRepository(db);
  let inserted = 0;
  let updated = 0;
  if (!opts.dryRun && parsed.rows.length > 0) {
    const res = await db.transaction((tx) =>
      repo.upsertMany(
        tx,
        parsed.rows.map((r) => r.contract),
      ),
    );
    inserted = res.inserted;
    updated = res.updated;
    repo.invalidateVocabulary();
  }
  return {
    dryRun: Boolean(opts.dryRun),
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    rows: parsed.rows.length + parsed.rejected.length,
    valid: parsed.rows.length,
    inserted,
    updated,
    rejected: parsed.rejected,
    warnings: parsed.warnings,
  };
}
