import { Db, migrate } from '../../src/db';
import { allMigrations } from '../../src/db/migrate';
import { claimUpload, deleteUpload, findUpload, saveUpload, uploadStore } from '../../src/imports/upload-repository';
import { createEmptyTestDb, createTestDb } from '../helpers/db';

/**
 * The one upload store for files officers send in Teams: a token is bound to its officer and to its
 * purpose, so a contract file's token does nothing on a ledger's buttons and the other way round.
 */

const ANNA = 'AAAAAAAA-1111-4000-8000-000000000001';
const BO = 'bbbbbbbb-2222-4000-8000-000000000002';
const contracts = uploadStore('contracts');
const spend = uploadStore('spend');

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe('the shared upload store', () => {
  it('refuses a contracts token on the spend claim and a spend token on the contracts claim', async () => {
    const avtal = await contracts.save(db, { officerAadId: ANNA, fileName: 'avtal.csv', bytes: Buffer.from('contract_id;title\n') });
    const reskontra = await spend.save(db, { officerAadId: ANNA, fileName: 'reskontra.csv', bytes: Buffer.from('kopare_id;belopp\n') });

    expect(await spend.find(db, avtal)).toBeNull();
    expect(await spend.claim(db, avtal, ANNA)).toBeNull();
    expect(await contracts.find(db, reskontra)).toBeNull();
    expect(await contracts.claim(db, reskontra, ANNA)).toBeNull();
    // Nor can the wrong buttons delete the other's file.
    expect(await spend.delete(db, avtal, ANNA)).toBe(false);
    expect(await deleteUpload(db, 'contracts', reskontra, ANNA)).toBe(false);

    // Each purpose's own buttons still find and claim it (the officer's id in any case), with its bytes.
    expect(await contracts.find(db, avtal)).toEqual({ token: avtal, purpose: 'contracts', officerAadId: ANNA.toLowerCase(), fileName: 'avtal.csv' });
    const claimed = await spend.claim(db, reskontra, ANNA.toLowerCase());
    expect(claimed?.bytes.toString()).toBe('kopare_id;belopp\n');
    expect(claimed?.purpose).toBe('spend');
  });

  it('claims a file once, only for its officer, and gives it back on release', async () => {
    const token = await saveUpload(db, { purpose: 'spend', officerAadId: BO, fileName: 'jan.xlsx', bytes: Buffer.from('x') });
    expect(await claimUpload(db, 'spend', token, ANNA)).toBeNull();
    expect(await claimUpload(db, 'spend', token, BO)).not.toBeNull();
    // A second press while the import runs finds it taken.
    expect(await claimUpload(db, 'spend', token, BO)).toBeNull();
    await spend.release(db, token);
    expect(await spend.claim(db, token, BO)).not.toBeNull();
    expect(await spend.delete(db, token, BO)).toBe(true);
    expect(await findUpload(db, 'spend', token)).toBeNull();
  });

  it('does not find an expired file, whatever its purpose', async () => {
    const token = await contracts.save(db, { officerAadId: BO, fileName: 'gammal.csv', bytes: Buffer.from('x') }, 0);
    expect(await contracts.find(db, token)).toBeNull();
    expect(await contracts.claim(db, token, BO)).toBeNull();
  });

  it('takes only a purpose that names a capability', async () => {
    expect(() => uploadStore('Contracts ')).toThrow(/not an upload purpose/);
    await expect(saveUpload(db, { purpose: '', officerAadId: BO, fileName: 'x.csv', bytes: Buffer.from('x') })).rejects.toThrow(/not an upload purpose/);
    // The database refuses one too, whoever writes the row.
    await expect(
      db.query(`INSERT INTO import_uploads (token, purpose, officer_aad_id, file_name, bytes, expires_at) VALUES ('t-0000000000000000', 'Spend!', 'x', 'x', '\\x00'::bytea, now())`),
    ).rejects.toThrow();
  });
});

describe('migration 025', () => {
  it('marks the files already waiting as contract files and drops the ledgers\' former table', async () => {
    const old = await createEmptyTestDb();
    try {
      await migrate(old, allMigrations().filter((m) => m.id !== '025_import_upload_purpose'));
      await old.query(
        `INSERT INTO import_uploads (token, officer_aad_id, file_name, bytes, expires_at) VALUES ('waiting-000000000000000000', 'anna', 'avtal.csv', '\\x00'::bytea, now() + interval '1 hour')`,
      );
      expect(await migrate(old)).toEqual(['025_import_upload_purpose']);
      expect(await findUpload(old, 'contracts', 'waiting-000000000000000000')).toMatchObject({ purpose: 'contracts', fileName: 'avtal.csv' });
      expect(await old.query(`SELECT to_regclass('spend_uploads') AS t`)).toEqual([{ t: null }]);
      // New rows must say their purpose: the column has no default.
      await expect(old.query(`INSERT INTO import_uploads (token, officer_aad_id, file_name, bytes, expires_at) VALUES ('new-0000000000000000', 'bo', 'b.csv', '\\x00'::bytea, now())`)).rejects.toThrow();
    } finally {
      await old.close();
    }
  });
});
