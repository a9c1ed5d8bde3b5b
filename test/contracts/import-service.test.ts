import { ImportRefusedError, importContracts } from '../../src/contracts/import-service';
import { latestImports, purgeImportLog } from '../../src/contracts/import-repository';
import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { createCategoryDirectory } from '../../src/core/category-repository';
import { Db } from '../../src/db';
import { createTestDb } from '../helpers/db';

/**
 * Importing against a real database: the organisation's own categories become rows, full exports
 * take absent contracts out of the catalogue (keeping their rows), a truncated export is refused, and
 * every import is logged.
 */

const HEADER = 'Avtalsnummer;Benämning;Beskrivning;Kategori;Leverantör;Startdatum;Slutdatum;Region;Beställningssätt;Avtalstyp';
const today = '2026-11-30';

/** An export of n contracts "EX-0001" … in the organisation's own words. */
function exportOf(ids: number[], extra: string[] = []): Buffer {
  const cats = ['Fastighet och service', 'IT och telekom', 'Hälso- och sjukvårdsmaterial', 'Fordon och transporter'];
  const rows = ids.map((i) => {
    const id = `EX-${String(i).padStart(4, '0')}`;
    return `${id};Avtal nummer ${i} om kontorsstolar;Beskrivning ${i};${cats[i % cats.length]};Leverantör ${i} AB;2025-01-01;2028-12-31;Region Sörmland;E-handel;Ramavtal`;
  });
  return Buffer.from('\ufeff' + [HEADER, ...rows, ...extra].join('\r\n') + '\r\n');
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let db: Db;
let repo: ContractRepository;

beforeAll(async () => {
  db = await createTestDb();
  repo = createContractRepository(db);
});
afterAll(async () => {
  await db.close();
});

describe('importContracts', () => {
  it("imports an export with the organisation's own categories without rejecting a row, and adds the categories", async () => {
    const report = await importContracts(db, exportOf(range(1, 40)), { fileName: 'avtal.csv', actor: { source: 'cli' } });
    expect(report).toMatchObject({ rows: 40, valid: 40, added: 40, updated: 0, removed: 0, rejected: [] });
    // "Fordon och transporter" is the shipped "Transporter och fordon" in another order; "IT och telekom" is shipped as is.
    expect(report.newCategories.map((c) => c.name).sort()).toEqual(['Fastighet och service', 'Hälso- och sjukvårdsmaterial']);
    const categories = await createCategoryDirectory(db).list();
    expect(categories.find((c) => c.slug === 'fastighet-och-service')).toMatchObject({ name: { sv: 'Fastighet och service', en: 'Fastighet och service' } });
    // Categories the product shipped stay first; the new ones come after, in the order the file named them.
    expect(categories.slice(0, 11).map((c) => c.slug)).toContain('it-telekom');
    const res = await repo.search({ q: 'kontorsstolar', category: 'fastighet-och-service', today, limit: 50 });
    expect(res.total).toBe(10);
    expect(res.items[0].categoryName.sv).toBe('Fastighet och service');
  });

  it('a second import of the same export maps the categories it created and creates none', async () => {
    const report = await importContracts(db, exportOf(range(1, 40)));
    expect(report).toMatchObject({ added: 0, updated: 40, newCategories: [] });
  });

  it('a dry run of a full export lists what would be removed and changes nothing', async () => {
    const report = await importContracts(db, exportOf(range(1, 36)), { mode: 'full', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, added: 0, updated: 36, removed: 4, refusal: null, importId: null });
    expect(report.removals.map((r) => r.contractId)).toEqual(['EX-0037', 'EX-0038', 'EX-0039', 'EX-0040']);
    expect(await repo.get('EX-0040', today)).not.toBeNull();
  });

  it('a full export takes contracts absent from it out of the catalogue, keeping their rows', async () => {
    const report = await importContracts(db, exportOf(range(1, 36)), { mode: 'full', fileName: 'full.csv' });
    expect(report).toMatchObject({ removed: 4, updated: 36, added: 0 });
    expect(await repo.get('EX-0040', today)).toBeNull();
    expect(await repo.removed('EX-0040')).toMatchObject({ contractId: 'EX-0040', title: 'Avtal nummer 40 om kontorsstolar' });
    expect((await repo.search({ q: 'kontorsstolar', today, limit: 50 })).total).toBe(36);
    expect((await repo.search({ q: 'EX-0040', today, limit: 5 })).items).toEqual([]);
    const counts = await repo.categories(today);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(36);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contracts');
    expect(row.n).toBe(40);
  });

  it('a contract that comes back in a later export is in the catalogue again', async () => {
    const report = await importContracts(db, exportOf([40]));
    expect(report).toMatchObject({ added: 0, updated: 1 });
    expect(await repo.get('EX-0040', today)).not.toBeNull();
    expect(await repo.removed('EX-0040')).toBeNull();
  });

  it('refuses a truncated full export that would remove more than the allowed share, and logs the refusal', async () => {
    const before = (await repo.search({ q: 'kontorsstolar', today, limit: 1 })).total;
    const err = await importContracts(db, exportOf(range(1, 20)), { mode: 'full', fileName: 'halv.csv' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusedError);
    expect((err as ImportRefusedError).code).toBe('too-many-removals');
    expect((err as ImportRefusedError).message).toMatch(/ta bort 17 av 37 avtal \(46 %\), mer än tillåtna 20 %/);
    expect((await repo.search({ q: 'kontorsstolar', today, limit: 1 })).total).toBe(before);
    const [last] = await latestImports(db, 1);
    expect(last).toMatchObject({ outcome: 'refused', reason: 'too-many-removals', mode: 'full', fileName: 'halv.csv', removed: 17, added: 0 });
  });

  it('applies the same truncated export when forced, or when the allowed share is larger', async () => {
    const dry = await importContracts(db, exportOf(range(1, 30)), { mode: 'full', dryRun: true, maxRemovalShare: 0.1 });
    expect(dry.refusal?.code).toBe('too-many-removals');
    const report = await importContracts(db, exportOf(range(1, 30)), { mode: 'full', force: true, maxRemovalShare: 0.1 });
    expect(report.removed).toBe(7);
    const [last] = await latestImports(db, 1);
    expect(last).toMatchObject({ outcome: 'applied', forced: true, removed: 7, updated: 30 });
  });

  it('refuses a file in which no row is valid, changing nothing', async () => {
    const bad = Buffer.from([HEADER, ';;;;;;;;;', 'X-1;;;;;;;;;'].join('\n'));
    await expect(importContracts(db, bad, { mode: 'full', force: true })).rejects.toMatchObject({ code: 'nothing-valid' });
    expect((await repo.search({ q: 'kontorsstolar', today, limit: 1 })).total).toBe(30);
  });

  it('logs every import with who, when, file, mode and counts, newest first', async () => {
    await importContracts(db, exportOf([1]), { fileName: 'en.csv', actor: { source: 'teams', id: '00000000-0000-0000-0000-00000000000a', name: 'Olle Officer' } });
    const log = await latestImports(db, 50);
    expect(log[0]).toMatchObject({ source: 'teams', actorName: 'Olle Officer', fileName: 'en.csv', mode: 'update', outcome: 'applied', updated: 1, format: 'csv' });
    expect(log.map((e) => e.outcome)).toEqual(['applied', 'refused', 'applied', 'refused', 'applied', 'applied', 'applied', 'applied']);
    expect(log[log.length - 1]).toMatchObject({ added: 40, newCategories: expect.arrayContaining(['Fastighet och service']) });
  });

  it("the retention purge forgets who imported, and keeps the counts", async () => {
    await db.query(`UPDATE contract_imports SET imported_at = now() - interval '400 days' WHERE source = 'teams'`);
    const counts = await db.transaction((tx) => purgeImportLog(tx, 365));
    expect(counts).toEqual({ importsAnonymised: 1 });
    const log = await latestImports(db, 50);
    const teams = log.find((e) => e.source === 'teams');
    expect(teams).toMatchObject({ actorId: null, actorName: null, updated: 1 });
  });
});

describe('new categories an import may create', () => {
  /** A file whose category column holds free text: a new category per row. */
  const flood = (n: number, from = 9000) =>
    Buffer.from(
      [HEADER, ...range(from, from + n - 1).map((i) => `FL-${i};Flodavtal ${i};;Fritext om inköpet nummer ${i};Leverantör AB;2025-01-01;2028-12-31;Region Sörmland;E-handel;Ramavtal`)].join('\n'),
    );
  const categoryCount = async () => (await createCategoryDirectory(db).list()).length;

  it('refuses more than the limit unless the confirmation names the exact number; a dry run reports the refusal', async () => {
    const before = await categoryCount();
    const dry = await importContracts(db, flood(25), { dryRun: true, maxNewCategories: 20, locale: 'en' });
    expect(dry.refusal?.code).toBe('too-many-categories');
    expect(dry.refusal?.message).toMatch(/^The file would create 25 new categories, more than the 20/);
    for (const confirm of [undefined, 24, 26]) {
      const err = await importContracts(db, flood(25), { maxNewCategories: 20, confirmNewCategories: confirm, actor: { source: 'api' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportRefusedError);
      expect((err as ImportRefusedError).code).toBe('too-many-categories');
      expect((err as ImportRefusedError).message).toMatch(/^Filen skulle skapa 25 nya kategorier/);
    }
    expect(await categoryCount()).toBe(before);
    expect(await repo.get('FL-9000', today)).toBeNull();
    const applied = await importContracts(db, flood(25), { maxNewCategories: 20, confirmNewCategories: 25, actor: { source: 'api' } });
    expect(applied.added).toBe(25);
    expect(await categoryCount()).toBe(before + 25);
  });

  it('lets an import under the limit through unconfirmed', async () => {
    const applied = await importContracts(db, flood(3, 9500), { maxNewCategories: 20 });
    expect(applied.newCategories).toHaveLength(3);
  });
});

describe('the categories a form offers', () => {
  it('are the configured ones and those holding a current contract, not every one an import ever created', async () => {
    const dir = createCategoryDirectory(db);
    const file = (id: string, category: string, to: string) =>
      Buffer.from([HEADER, `${id};Avtal ${id};;${category};Leverantör AB;2020-01-01;${to};Region Sörmland;E-handel;Ramavtal`].join('\n'));
    await importContracts(db, file('OF-1', 'Gammal kategori utan avtal', '2021-12-31'));
    await importContracts(db, file('OF-2', 'Levande kategori', '2029-12-31'));
    const all = (await dir.list()).map((c) => c.slug);
    const offered = (await dir.offered(today)).map((c) => c.slug);
    expect(all).toEqual(expect.arrayContaining(['gammal-kategori-utan-avtal', 'levande-kategori']));
    expect(offered).toContain('levande-kategori');
    expect(offered).not.toContain('gammal-kategori-utan-avtal');
    // The configured categories (from the migrations) are offered even without a contract.
    const configured = await db.query<{ slug: string }>('SELECT slug FROM categories WHERE created_by_import IS NULL');
    expect(offered).toEqual(expect.arrayContaining(configured.map((c) => c.slug)));
  });
});
