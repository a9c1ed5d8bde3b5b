import { Db, Queryable } from '../db';
import { Contract, ContractView } from './model';
import { ContractRow, RENEWAL_JOIN, SELECT_COLUMNS, toView } from './contract-row';
import { BroadOptions, createContractSearchRepository, refreshVocabulary } from './search-repository';

export type { SearchParams, SearchResult } from './search-repository';
export { VOCABULARY_CHECK_MS, refreshVocabulary } from './search-repository';

export interface CategoryCount {
  slug: string;
  name: { sv: string; en: string };
  count: number;
  active: number;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
}

async function getContract(db: Queryable, contractId: string, today: string): Promise<ContractView | null> {
  // PostgreSQL text cannot hold NUL or a lone surrogate: such an id matches nothing (rather than failing the query).
  if (contractId.includes('\u0000') || /\p{Surrogate}/u.test(contractId)) return null;
  const rows = await db.query<ContractRow>(
    `SELECT ${SELECT_COLUMNS} FROM contracts c JOIN categories cat ON cat.slug = c.category ${RENEWAL_JOIN} WHERE c.id_key = $1 AND c.removed_at IS NULL`,
    [contractId.trim().toLowerCase()],
  );
  return rows[0] ? toView(rows[0], today) : null;
}

/** A contract a full export took out of the catalogue: which, and when. */
export interface RemovedContract {
  contractId: string;
  title: string;
  removedAt: string;
}

async function getRemoved(db: Queryable, contractId: string): Promise<RemovedContract | null> {
  if (contractId.includes('\u0000') || /\p{Surrogate}/u.test(contractId)) return null;
  const rows = await db.query<{ contract_id: string; title: string; removed_at: string }>(
    `SELECT contract_id, title, to_char(removed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS removed_at
     FROM contracts WHERE id_key = $1 AND removed_at IS NOT NULL`,
    [contractId.trim().toLowerCase()],
  );
  return rows[0] ? { contractId: rows[0].contract_id, title: rows[0].title, removedAt: rows[0].removed_at } : null;
}

async function countContracts(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contracts');
  return rows[0]?.n ?? 0;
}

async function categoryCounts(db: Queryable, today: string): Promise<CategoryCount[]> {
  const rows = await db.query<{ slug: string; name_sv: string; name_en: string; count: number; active: number }>(
    `SELECT cat.slug, cat.name_sv, cat.name_en, count(c.contract_id)::int AS count,
            count(c.contract_id) FILTER (WHERE c.valid_from <= $1::date AND c.valid_to >= $1::date)::int AS active
     FROM categories cat LEFT JOIN contracts c ON c.category = cat.slug AND c.removed_at IS NULL
     GROUP BY cat.slug, cat.name_sv, cat.name_en, cat.sort_order ORDER BY cat.sort_order`,
    [today],
  );
  return rows.map((r) => ({ slug: r.slug, name: { sv: r.name_sv, en: r.name_en }, count: r.count, active: r.active }));
}

const UPSERT_BATCH = 1000;

/** $1 is a JSON array of toRecord rows; inserted is false for a row that updated an existing contract. */
const UPSERT_SQL = `INSERT INTO contracts (contract_id, id_key, title, description, category, suppliers, supplier_names, keywords, cpv_codes,
     valid_from, valid_to, max_extension_to, regions, ordering_method, contact_name, contact_email, url, contract_type)
   SELECT r.contract_id, lower(r.contract_id), r.title, r.description, r.category, r.suppliers, r.supplier_names, r.keywords,
     r.cpv_codes, r.valid_from, r.valid_to, r.max_extension_to, r.regions, r.ordering_method, r.contact_name,
     r.contact_email, r.url, r.contract_type
   FROM jsonb_to_recordset($1::jsonb) AS r(contract_id text, title text, description text, category text, suppliers jsonb,
     supplier_names text[], keywords text[], cpv_codes text[], valid_from date, valid_to date, max_extension_to date,
     regions text[], ordering_method text, contact_name text, contact_email text, url text, contract_type text)
   ON CONFLICT (id_key) DO UPDATE SET
     contract_id = EXCLUDED.contract_id, title = EXCLUDED.title, description = EXCLUDED.description,
     category = EXCLUDED.category, suppliers = EXCLUDED.suppliers, supplier_names = EXCLUDED.supplier_names,
     keywords = EXCLUDED.keywords, cpv_codes = EXCLUDED.cpv_codes, valid_from = EXCLUDED.valid_from,
     valid_to = EXCLUDED.valid_to, max_extension_to = EXCLUDED.max_extension_to, regions = EXCLUDED.regions,
     ordering_method = EXCLUDED.ordering_method, contact_name = EXCLUDED.contact_name,
     contact_email = EXCLUDED.contact_email, url = EXCLUDED.url, contract_type = EXCLUDED.contract_type,
     removed_at = NULL, removed_by_import = NULL
   RETURNING (xmax = 0) AS inserted`;

/** One contract as a jsonb_to_recordset row of UPSERT_SQL. */
function toRecord(c: Contract) {
  return {
    contract_id: c.contractId,
    title: c.title,
    description: c.description,
    category: c.category,
    suppliers: c.suppliers,
    supplier_names: c.suppliers.map((s) => s.name),
    keywords: c.keywords,
    cpv_codes: c.cpvCodes,
    valid_from: c.validFrom,
    valid_to: c.validTo,
    max_extension_to: c.maxExtensionTo,
    regions: c.regions,
    ordering_method: c.orderingMethod,
    contact_name: c.contactName,
    contact_email: c.contactEmail,
    url: c.url,
    contract_type: c.contractType,
  };
}

/** Inserts or updates by contract id (case-insensitive), in batches; the search vocabulary is left to the caller. */
async function upsertContracts(tx: Queryable, contracts: Contract[]): Promise<UpsertResult> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < contracts.length; i += UPSERT_BATCH) {
    const batch = contracts.slice(i, i + UPSERT_BATCH).map(toRecord);
    const rows = await tx.query<{ inserted: boolean }>(UPSERT_SQL, [JSON.stringify(batch)]);
    for (const r of rows) {
      if (r.inserted) inserted++;
      else updated++;
    }
  }
  return { inserted, updated };
}

/** Reading and writing contracts; `afterWrite` runs once an import has rebuilt the vocabulary (the search cache is stale then). */
function createContractStore(db: Db, afterWrite: () => void) {
  return {
    get(contractId: string, today: string): Promise<ContractView | null> {
      return getContract(db, contractId, today);
    },

    /** A contract a full export removed, or null (also for one that never existed). */
    removed(contractId: string): Promise<RemovedContract | null> {
      return getRemoved(db, contractId);
    },

    count(): Promise<number> {
      return countContracts(db);
    },

    categories(today: string): Promise<CategoryCount[]> {
      return categoryCounts(db, today);
    },

    /** Inserts or updates by contract id (case-insensitive; a removed contract comes back), then rebuilds the search vocabulary. Run inside a transaction. */
    async upsertMany(tx: Queryable, contracts: Contract[], beforeRefresh?: () => Promise<void>): Promise<UpsertResult> {
      const result = await upsertContracts(tx, contracts);
      // A full export's removals change the vocabulary too: they run before it is rebuilt.
      if (beforeRefresh) await beforeRefresh();
      await refreshVocabulary(tx);
      afterWrite();
      return result;
    },
  };
}

/** Contracts and their search (./search-repository), over one database handle. `broad`: when a query counts as broad (tests). */
export function createContractRepository(db: Db, options: { broad?: Partial<BroadOptions> } = {}) {
  const searcher = createContractSearchRepository(db, options.broad);
  const store = createContractStore(db, searcher.invalidateVocabulary);
  return {
    search: searcher.search,
    get: store.get,
    removed: store.removed,
    count: store.count,
    categories: store.categories,
    upsertMany: store.upsertMany,
    /** Makes the next search reload the vocabulary (call after an import has committed). */
    invalidateVocabulary: searcher.invalidateVocabulary,
  };
}

export type ContractRepository = ReturnType<typeof createContractRepository>;
