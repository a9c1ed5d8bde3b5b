import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { Contract } from '../../src/contracts/model';
import { Db } from '../../src/db';
import { contractBuilder } from '../helpers/contracts';
import { createTestDb } from '../helpers/db';

/**
 * How the search weighs evidence, on a handful of contracts made for it: a word in more fields
 * outranks it in fewer, the title outranks the category name that many contracts share, a typo
 * finds the corrected word inside title compounds, and a compound written apart is found only
 * with all its parts in the title or keywords.
 */
const TODAY = '2026-11-21';
let db: Db;
let repo: ContractRepository;

const ranked = contractBuilder({ suppliers: [{ name: 'Leverantören AB' }], regions: ['Sörmland'] });
const contract = (contractId: string, category: string, title: string, description: string, keywords: string[] = []): Contract =>
  ranked(contractId, title, { category, description, keywords });

beforeAll(async () => {
  db = await createTestDb();
  await db.query(
    `INSERT INTO categories (slug, name_sv, name_en, sort_order) VALUES
       ('rk-reparation', 'Reparation och underhåll', 'Repair and maintenance', 201),
       ('rk-ovrigt', 'Övrigt material', 'Other supplies', 202),
       ('rk-konsult', 'Konsulttjänster', 'Consultancy', 203)
     ON CONFLICT (slug) DO NOTHING`,
  );
  repo = createContractRepository(db);
  await db.transaction((tx) =>
    repo.upsertMany(tx, [
      contract('R-TITLE-DESC', 'rk-ovrigt', 'Reparation av hissar', 'Reparation och felavhjälpning av hissar.'),
      contract('R-TITLE', 'rk-ovrigt', 'Reparation av portar', 'Felavhjälpning av portar och grindar.'),
      contract('R-CATEGORY', 'rk-reparation', 'Takarbeten', 'Tätning och byte av takpapp.'),
      contract('R-DESC', 'rk-ovrigt', 'Golvvård', 'Slipning, lackning och reparation av golv.'),
      contract('K-COMPOUND', 'rk-ovrigt', 'Byggkonsulttjänster', 'Konsulttjänster för projektering och byggledning.'),
      contract('K-CAT-1', 'rk-konsult', 'Rekrytering av chefer', 'Stöd vid rekrytering.'),
      contract('K-CAT-2', 'rk-konsult', 'Juridisk rådgivning', 'Advokater inom upphandlingsrätt.'),
      contract('K-CAT-3', 'rk-konsult', 'Ekonomisk analys', 'Redovisning och budget.'),
      contract('N-TITLE', 'rk-ovrigt', 'Handskar i nitril', 'Puderfria engångshandskar.'),
      contract('N-KEYWORDS', 'rk-ovrigt', 'Skyddsutrustning', 'Engångsmaterial för vården.', ['nitril', 'handskar']),
      contract('N-SCATTERED', 'rk-ovrigt', 'Handskar i latex', 'Latexfria alternativ i nitril finns som förkläden.'),
      contract('S-EXACT', 'rk-ovrigt', 'Kontorsstolar', 'Ergonomiska stolar.'),
      contract('S-APART', 'rk-ovrigt', 'Stolar och bord för kontor', 'Möbler till arbetsplatser.'),
    ]),
  );
});
afterAll(async () => {
  await db.close();
});

const ids = async (q: string) => (await repo.search({ q, limit: 10, today: TODAY, useCache: false })).items.map((c) => c.contractId);

describe('combining evidence across fields', () => {
  it('ranks title and description over title alone, over the category name, over the description alone', async () => {
    expect(await ids('reparation')).toEqual(['R-TITLE-DESC', 'R-TITLE', 'R-CATEGORY', 'R-DESC']);
  });

  it('ranks a typo found inside a title compound and the description over contracts that only share the category name', async () => {
    const top = await ids('konsultjänster');
    expect(top[0]).toBe('K-COMPOUND');
    expect(top.slice(1).sort()).toEqual(['K-CAT-1', 'K-CAT-2', 'K-CAT-3']);
  });
});

describe('compounds written apart', () => {
  it('finds "nitrilhandskar" with both parts in the title or keywords, not scattered over the description', async () => {
    expect((await ids('nitrilhandskar')).sort()).toEqual(['N-KEYWORDS', 'N-TITLE']);
  });

  it('ranks the compound itself above its parts written apart', async () => {
    expect(await ids('kontorsstolar')).toEqual(['S-EXACT', 'S-APART']);
  });
});
