import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { SpendService, createSpendService } from '../../src/spend/service';
import { createTestDb } from './db';

/** The accounts the ledger tests count as purchases: 5000–5799 and 6000–7999 (4xxx, staff costs, are not). */
export const PURCHASE_ACCOUNTS: [number, number][] = [
  [5000, 5799],
  [6000, 7999],
];

/** A catalogue row as the ledger's postings are matched against it: one supplier (name, org number), regions and dates. */
export interface SupplierContract {
  id: string;
  supplier: { name: string; orgNr?: string };
  regions: string[];
  from: string;
  to: string;
  /** Default 'tjanster'. */
  category?: string;
  /** Default "Avtal <id>". */
  title?: string;
}

/** Writes the contract straight into the catalogue (a call-off framework agreement), as an import would leave it. */
export async function addSupplierContract(db: Db, c: SupplierContract): Promise<void> {
  await db.query(
    `INSERT INTO contracts (contract_id, title, category, suppliers, supplier_names, valid_from, valid_to, regions, ordering_method, contract_type)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, 'avrop', 'ramavtal')`,
    [c.id, c.title ?? `Avtal ${c.id}`, c.category ?? 'tjanster', JSON.stringify([c.supplier]), [c.supplier.name], c.from, c.to, c.regions],
  );
}

export interface LedgerSettings {
  /** Default PURCHASE_ACCOUNTS. */
  accounts?: [number, number][];
  /** Default 5 000 000 bytes. */
  maxFileBytes?: number;
}

/** The spend capability's service over the database, logging nothing. */
export function spendService(db: Db, settings: LedgerSettings = {}): SpendService {
  const config = { accounts: settings.accounts ?? PURCHASE_ACCOUNTS, maxFileBytes: settings.maxFileBytes ?? 5_000_000 };
  return createSpendService({ db, config, logger: createLogger('silent') });
}

/** Reads a ledger file and applies it as the command line does (in Swedish; a dry run only when asked). */
export async function importLedger(spend: SpendService, file: Buffer, dryRun = false) {
  return spend.apply(await spend.parse(file, 'sv'), { dryRun, actor: { source: 'cli' }, locale: 'sv' });
}

/**
 * A fresh database with a spend service, the given contracts in its catalogue and then the given ledger files
 * imported, in that order: the start of a test file about ledger figures (`({ db, spend } = await openLedgerDb(…))`
 * in beforeAll, `db.close()` in afterAll).
 */
export async function openLedgerDb(o: LedgerSettings & { contracts?: SupplierContract[]; ledgers?: Buffer[] } = {}): Promise<{ db: Db; spend: SpendService }> {
  const db = await createTestDb();
  const spend = spendService(db, o);
  for (const c of o.contracts ?? []) await addSupplierContract(db, c);
  for (const file of o.ledgers ?? []) await importLedger(spend, file);
  return { db, spend };
}
