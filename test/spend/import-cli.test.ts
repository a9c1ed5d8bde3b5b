import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, parseArgs } from '../../src/spend/import-cli';
import { LEDGER, specCsv, swedishCsv } from './ledgers';

/** npm run spend:import: exit 0 when done (also when every posting was there), 1 for a refused file, 2 for wrong arguments. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spend-cli-'));
const saved = { ...process.env };
beforeAll(() => {
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  process.env.LOG_LEVEL = 'silent';
  process.env.LANG = 'sv_SE.UTF-8';
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => {
  process.env = saved;
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('arguments', () => {
  expect(parseArgs(['a.csv', '--dry-run'])).toEqual({ file: 'a.csv', dryRun: true });
  expect(parseArgs(['a.csv', '--buyer', '232100-0032'])).toEqual({ file: 'a.csv', dryRun: false, buyer: '232100-0032' });
  expect(parseArgs(['a.csv', 'b.csv'])).toBeNull();
  expect(parseArgs(['a.csv', '--full'])).toBeNull();
});

test('exit codes: missing file 2, refused 1, imported 0, the same ledger again in another format 0', async () => {
  const good = path.join(dir, 'reskontra.csv');
  const other = path.join(dir, 'reskontra.txt');
  const bad = path.join(dir, 'trasig.csv');
  fs.writeFileSync(good, specCsv(LEDGER));
  fs.writeFileSync(other, swedishCsv(LEDGER));
  fs.writeFileSync(bad, specCsv(LEDGER).toString('utf8').replace('2025-03-10', 'igår'));
  expect(await main([path.join(dir, 'saknas.csv')])).toBe(2);
  expect(await main([bad])).toBe(1);
  expect(await main([good, '--dry-run'])).toBe(0);
  expect(await main([good])).toBe(0);
  expect(await main([other])).toBe(0);
  const logged = (console.log as jest.Mock).mock.calls.map((c) => String(c[0]));
  expect(logged.filter((l) => /nya konteringar/.test(l))).toEqual([
    expect.stringMatching(/11 nya konteringar, 0 fanns redan/),
    expect.stringMatching(/11 nya konteringar, 0 fanns redan/),
    expect.stringMatching(/0 nya konteringar, 11 fanns redan/),
  ]);
});
