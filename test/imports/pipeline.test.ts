import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { importContracts, previewImport } from '../../src/contracts/import-service';
import { Db } from '../../src/db';
import { decimalSeparatorOf, decodeText, detectDelimiter, csvRecords } from '../../src/imports/csv-read';
import { KeptReads } from '../../src/imports/kept-reads';
import { createTestDb } from '../helpers/db';
import { strayCellWorkbook } from '../helpers/xlsx-fixtures';

/**
 * The one import pipeline: the shared CSV reader, the worker thread a file is read in (the compiled
 * build, which the global setup makes), its memory budget, and the preview's reading kept for the import.
 */

const DIST = path.join(__dirname, '..', '..', 'dist', 'src');
// The compiled modules: under the TypeScript runner the readers run in the calling thread by design.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const offThread = require(path.join(DIST, 'imports', 'off-thread.js')) as typeof import('../../src/imports/off-thread');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const contractParse = require(path.join(DIST, 'contracts', 'import-parse.js')) as typeof import('../../src/contracts/import-parse');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const spendWorker = require(path.join(DIST, 'spend', 'read', 'worker.js')) as typeof import('../../src/spend/read/worker');

describe('the shared CSV reader', () => {
  it('decodes by the BOM, else UTF-8, else Windows-1252', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa5]))).toEqual({ text: 'Aå', encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kö', 'utf16le')]))).toEqual({ text: 'Kö', encoding: 'utf-16le' });
    expect(decodeText(Buffer.from([0x4b, 0xf6, 0x70]))).toEqual({ text: 'Köp', encoding: 'windows-1252' });
    expect(decodeText(Buffer.from('Köp', 'utf8')).encoding).toBe('utf-8');
  });

  it('finds the delimiter by the headers the caller knows, on a later line too, and by count otherwise', () => {
    const known = (h: string) => ['belopp', 'datum', 'konto'].includes(h.toLowerCase());
    // A title line full of commas, then the header: the header decides.
    expect(detectDelimiter('Export, 2025, alla, rader\rKonto;Belopp;Datum\r5010;1,50;2025-01-02', { isHeader: known })).toEqual({ delimiter: ';', known: 3 });
    expect(detectDelimiter('a\tb\tc,d\n1\t2\t3', {})).toEqual({ delimiter: '\t', known: 0 });
    expect(detectDelimiter('x;y\n', { isHeader: known })).toEqual({ delimiter: ';', known: 0 });
  });

  it('reads CR-only records with their lines, and the decimal comma most amounts use', () => {
    const rows = csvRecords('a;b\r1;"2,5"\r\r3;4\r', ';');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2,5'] },
      { line: 4, cells: ['3', '4'] },
    ]);
    expect(decimalSeparatorOf(['1,50', '2,5', '1.000', '3.25'])).toBe(',');
    expect(decimalSeparatorOf(['1.50', '12'])).toBe('.');
  });
});

describe('reading off the event loop', () => {
  it('runs the reading function in a worker thread, not in the caller’s', async () => {
    const task = { module: path.join(DIST, 'imports', 'off-thread.js'), fn: 'currentThreadId', inThread: () => threadId };
    expect(offThread.offThreadAvailable(task)).toBe(true);
    const ran = await offThread.runOffThread(task, []);
    expect(ran).not.toBe(threadId);
    expect(ran).toBeGreaterThan(0);
  });

  it('brings a reader’s refusal back as the error it was (a ledger’s code, a shared reader’s code)', async () => {
    const err = (await spendWorker.parseOffThread(Buffer.from('a;b;c\n1;2;3\n'), { maxBytes: 1000 }).catch((e: unknown) => e)) as { name: string; code: string };
    expect([err.name, err.code]).toEqual(['LedgerReadError', 'no-header']);
    const task = { module: path.join(DIST, 'imports', 'xlsx-read.js'), fn: 'readWorkbookSheet', inThread: (_buf: Buffer) => null as unknown };
    const bad = (await offThread.runOffThread(task, [Buffer.from('PK\x03\x04 not a zip')]).catch((e: unknown) => e)) as { name: string; code: string };
    expect([bad.name, bad.code]).toEqual(['FileReadError', 'damaged']);
  });

  it('words a contract file’s refusal and reads its rows in the worker, in the officer’s language', async () => {
    const err = (await contractParse.parseContractFileOffThread(Buffer.from('PK\x03\x04 trasig'), [], { locale: 'sv' }).catch((e: unknown) => e)) as Error;
    expect([err.name, err.message]).toEqual(['ImportFatalError', 'Arbetsboken är skadad och kan inte läsas. Öppna den i Excel, spara den som .xlsx och försök igen. Inget har importerats.']);
    const parsed = await contractParse.parseContractFileOffThread(strayCellWorkbook(30), [], { locale: 'en' });
    expect(parsed.rows).toHaveLength(30);
    expect(parsed.warnings).toContain('1 filled cells right of the last named column (P) were ignored, the first in XFD1. Only the columns under a header are read.');
  });

  it('refuses a reading over its memory budget, and the process goes on', async () => {
    const task = { module: path.join(DIST, 'imports', 'xlsx-read.js'), fn: 'readWorkbookSheet', inThread: (_buf: Buffer) => null as unknown, maxHeapMb: 4 };
    const err = (await offThread.runOffThread(task, [strayCellWorkbook(20_000)]).catch((e: unknown) => e)) as { name: string; code: string };
    expect([err.name, err.code]).toEqual(['FileReadError', 'memory']);
    // The same file within a sane budget is read.
    const table = (await offThread.runOffThread({ ...task, maxHeapMb: 256 }, [strayCellWorkbook(200)])) as { rows: unknown[] };
    expect(table.rows).toHaveLength(201);
  });
});

describe('one reading for the preview and the import', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());

  const HEADER = 'Avtalsnummer;Benämning;Kategori;Startdatum;Slutdatum;Region';
  const file = (ids: string[]) => Buffer.from([HEADER, ...ids.map((id) => `${id};Avtal ${id};Kontorsmaterial;2025-01-01;2027-12-31;Region Sörmland`)].join('\n'));

  it('imports the preview’s reading, not the file read again', async () => {
    const { update, read } = await previewImport(db, file(['PL-1', 'PL-2']), { locale: 'sv' });
    expect(update.valid).toBe(2);
    // The bytes handed over are another file: the kept reading is what is applied.
    const report = await importContracts(db, file(['PL-9']), { locale: 'sv' }, read);
    expect([report.added, report.valid]).toEqual([2, 2]);
    const ids = await db.query<{ contract_id: string }>("SELECT contract_id FROM contracts WHERE contract_id LIKE 'PL-%' ORDER BY 1");
    expect(ids.map((r) => r.contract_id)).toEqual(['PL-1', 'PL-2']);
  });

  it('reads the file again when the categories changed since the preview', async () => {
    const { read } = await previewImport(db, file(['PL-3']), { locale: 'sv' });
    // The first import created "Kontorsmaterial"? It did: this preview saw it. Now another category arrives.
    await importContracts(db, Buffer.from(`${HEADER}\nPL-4;Avtal PL-4;Städtjänster;2025-01-01;2027-12-31;Region Sörmland`), { locale: 'sv' });
    const report = await importContracts(db, file(['PL-5']), { locale: 'sv' }, read);
    expect(report.valid).toBe(1);
    const ids = await db.query<{ contract_id: string }>("SELECT contract_id FROM contracts WHERE contract_id IN ('PL-3', 'PL-5') ORDER BY 1");
    expect(ids.map((r) => r.contract_id)).toEqual(['PL-5']);
  });

  it('keeps the latest few readings, each under its own token', () => {
    const kept = new KeptReads<string>(2);
    kept.keep('a', 'A');
    kept.keep('b', 'B');
    kept.keep('a', 'A2');
    kept.keep('c', 'C');
    expect([kept.get('a'), kept.get('b'), kept.get('c'), kept.size]).toEqual(['A2', undefined, 'C', 2]);
    kept.drop('a');
    expect(kept.get('a')).toBeUndefined();
  });
});
