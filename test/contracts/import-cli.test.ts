import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from '../../src/contracts/import-cli';

/**
 * `npm run contracts:import` as an officer runs it: the compiled CLI against an on-disk embedded
 * database, exit codes included (0 applied, 1 unreadable, 2 usage, 3 refused or nothing applied).
 */

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'contracts', 'import-cli.js');
const HEADER = 'Avtalsnummer;Benämning;Kategori;Leverantör;Startdatum;Slutdatum;Region;Beställningssätt;Avtalstyp';
const exportOf = (n: number) =>
  '\ufeff' + [HEADER, ...Array.from({ length: n }, (_, i) => `CL-${100 + i};Rullstolar typ ${i};Hjälpmedel;Rull AB;2025-01-01;2028-12-31;Region Västmanland;E-handel;Avtal`)].join('\r\n') + '\r\n';

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const run = (args: string[], lang = 'sv_SE.UTF-8') =>
  new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LANG: lang, LOG_LEVEL: 'silent' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, out: stdout, err: stderr });
    });
  });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkop-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('parseArgs', () => {
  it('reads the file and the flags', () => {
    expect(parseArgs(['a.xlsx', '--full', '--force', '--sheet', 'Avtal'])).toEqual({ file: 'a.xlsx', dryRun: false, full: true, force: true, sheet: 'Avtal' });
    expect(parseArgs(['--dry-run', 'a.csv'])).toEqual({ file: 'a.csv', dryRun: true, full: false, force: false });
    expect(parseArgs(['a.csv', '--sheet=Blad 2'])).toMatchObject({ sheet: 'Blad 2' });
  });

  it.each([[[]], [['a.csv', 'b.csv']], [['a.csv', '--fulll']], [['a.csv', '--force']], [['a.csv', '--sheet']]])('refuses %p', (args) => {
    expect(parseArgs(args)).toBeNull();
  });
});

describe('npm run contracts:import', () => {
  it('applies an export with a new category, exit 0, and says what it created', async () => {
    const r = await run([file('avtal.csv', exportOf(10))]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Ny kategori skapas: "Hjälpmedel"/);
    expect(r.out).toMatch(/10 rader lästa: 10 giltiga, 0 avvisade\. 10 nya, 0 uppdaterade och 0 borttagna avtal\./);
  });

  it('refuses a truncated full export with exit 3 and the numbers; a dry run says the same', async () => {
    const half = file('halv.csv', exportOf(5));
    const dry = await run([half, '--full', '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.out).toMatch(/Tas bort: CL-109 Rullstolar typ 9/);
    const r = await run([half, '--full']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/skulle ta bort 5 av 10 avtal \(50 %\)/);
  });

  it('applies it with --force (exit 0), in English when LANG says so', async () => {
    const r = await run([file('halv.csv', exportOf(5)), '--full', '--force'], 'en_GB.UTF-8');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/5 updated and 5 removed contracts/);
  });

  it('exit 1 for an unreadable file, 2 for a missing one or bad flags', async () => {
    expect((await run([file('trasig.xlsx', Buffer.from('PK\u0003\u0004 inte en arbetsbok'))])).code).toBe(1);
    expect((await run([path.join(dir, 'finns-inte.csv')])).code).toBe(2);
    expect((await run([file('x.csv', exportOf(1)), '--force'])).code).toBe(2);
  });
});
