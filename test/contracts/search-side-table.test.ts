import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { Db } from '../../src/db';
import { contractBuilder } from '../helpers/contracts';
import { createTestDb } from '../helpers/db';

/**
 * Search reads the narrow side table contract_search (migration 024). Whatever writes contracts
 * (an import, a removal by a full export, hand-made SQL) must show in the next search, and the side
 * table must hold exactly the catalogue's rows with the same searched values.
 */
const TODAY = '2026-11-21';
let db: Db;
let repo: ContractRepository;

const contract = contractBuilder({ suppliers: [{ name: 'Medtek Norden AB' }], regions: ['Sörmland'] });

const ids = async (q: string, extra: { supplier?: string; region?: string } = {}): Promise<string[]> =>
  (await repo.search({ q, today: TODAY, useCache: false, ...extra })).items.map((i) => i.contractId).sort();

/** Rows that differ between the catalogue in contracts and the side table, either way. */
async function drift(): Promise<unknown[]> {
  return db.query(
    `(SELECT contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector FROM contracts WHERE removed_at IS NULL
      EXCEPT SELECT contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector FROM contract_search)
     UNION ALL
     (SELECT contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector FROM contract_search
      EXCEPT SELECT contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector FROM contracts WHERE removed_at IS NULL)`,
  );
}

beforeAll(async () => {
  db = await createTestDb();
  repo = createContractRepository(db);
  await db.transaction((tx) =>
    repo.upsertMany(tx, [
      contract('ST-1', 'Infusionspumpar'),
      contract('ST-2', 'Infusionsaggregat', { suppliers: [{ name: 'Vårdgrossisten AB' }] }),
      contract('ST-3', 'Patientlyftar'),
    ]),
  );
});
afterAll(async () => {
  await db.close();
});

describe('contract_search, the side table search reads', () => {
  it('holds every contract of the catalogue with its searched values', async () => {
    expect(await db.query('SELECT contract_id FROM contract_search ORDER BY contract_id')).toEqual([
      { contract_id: 'ST-1' },
      { contract_id: 'ST-2' },
      { contract_id: 'ST-3' },
    ]);
    expect(await drift()).toEqual([]);
    expect(await ids('infusion')).toEqual(['ST-1', 'ST-2']);
    expect(await ids('infusion', { supplier: 'vardgross' })).toEqual(['ST-2']);
  });

  it('follows an import that changes a title, a region and the dates', async () => {
    await db.transaction((tx) =>
      repo.upsertMany(tx, [contract('ST-3', 'Infusionsställningar', { regions: ['Västmanland'], validTo: '2026-06-30', validFrom: '2024-01-01' })]),
    );
    expect(await drift()).toEqual([]);
    expect(await ids('infusion')).toEqual(['ST-1', 'ST-2', 'ST-3']);
    expect(await ids('infusion', { region: 'Västmanland' })).toEqual(['ST-3']);
    expect((await repo.search({ q: 'infusionsställningar', today: TODAY, status: 'expired', useCache: false })).items.map((i) => i.contractId)).toEqual(['ST-3']);
    expect(await ids('patientlyftar')).toEqual([]);
  });

  it('drops a removed contract and brings it back when an import restores it', async () => {
    await db.query(`UPDATE contracts SET removed_at = now() WHERE contract_id = 'ST-1'`);
    expect(await drift()).toEqual([]);
    expect(await ids('infusion')).toEqual(['ST-2', 'ST-3']);
    await db.transaction((tx) => repo.upsertMany(tx, [contract('ST-1', 'Infusionspumpar')]));
    expect(await drift()).toEqual([]);
    expect(await ids('infusion')).toEqual(['ST-1', 'ST-2', 'ST-3']);
  });

  it('follows a deleted row and a renamed contract id, and empties with contracts', async () => {
    await db.query(`DELETE FROM contracts WHERE contract_id = 'ST-2'`);
    await db.query(`UPDATE contracts SET contract_id = 'ST-9' WHERE contract_id = 'ST-3'`);
    expect(await drift()).toEqual([]);
    expect(await ids('infusion')).toEqual(['ST-1', 'ST-9']);
    expect((await repo.search({ q: 'st-9', today: TODAY, useCache: false })).items[0]?.contractId).toBe('ST-9');
    await db.exec('TRUNCATE contracts');
    expect(await db.query('SELECT count(*)::int AS n FROM contract_search')).toEqual([{ n: 0 }]);
    expect(await ids('infusion')).toEqual([]);
  });
});
