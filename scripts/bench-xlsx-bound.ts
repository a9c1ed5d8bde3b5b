/**
 * npm run bench:xlsx-bound — the memory a workbook with one stray far cell costs an import.
 *
 * The workbook is the one the second review used: 60 000 ordinary contract rows as Excel saves them, plus
 * a note typed in XFD1 (the last column), so the sheet's dimension reads A1:XFD60001. A child process
 * opens an embedded database, then previews the file as an officer's upload is previewed (one reading, in a
 * worker thread, dry runs as update and as full export) and reports its RSS before, its peak RSS (getrusage
 * maxRSS, the worker's memory included) and the growth between them. Results: BENCHMARKS.md. The goal: a
 * growth under 300 MB. Env: BENCH_STRAY_ROWS (default 60000).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { previewImport } from '../src/contracts/import-service';
import { migrate, openDatabase } from '../src/db';
import { strayCellWorkbook } from '../test/helpers/xlsx-fixtures';

const ROWS = Number(process.env.BENCH_STRAY_ROWS ?? 60_000);
const MB = 2 ** 20;

interface Run {
  fileBytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
  growthMb: number;
  valid: number;
  outcome: string;
  ms: number;
}

async function child(file: string): Promise<void> {
  const db = await openDatabase({ inMemory: true });
  await migrate(db);
  const buf = fs.readFileSync(file);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  let valid = 0;
  let outcome = 'read';
  try {
    valid = (await previewImport(db, buf, { locale: 'sv', fileName: 'avtal.xlsx' })).update.valid;
  } catch (err) {
    outcome = `refused: ${(err as Error).message}`;
  }
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  await db.close();
  const run: Run = { fileBytes: buf.length, rssBeforeMb: before / MB, peakRssMb: peak / MB, growthMb: Math.max(0, peak - before) / MB, valid, outcome, ms };
  process.stdout.write(JSON.stringify(run));
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-bound-'));
  const file = path.join(dir, 'avtal.xlsx');
  fs.writeFileSync(file, strayCellWorkbook(ROWS));
  const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--child', file], { maxBuffer: 1 << 20 });
  fs.rmSync(dir, { recursive: true, force: true });
  const r = JSON.parse(out.toString()) as Run;
  console.log(
    [
      `${ROWS.toLocaleString('en')} rows + a note in XFD1, ${(r.fileBytes / MB).toFixed(1)} MB .xlsx, preview (dry runs as update and full), Node ${process.version}:`,
      `  outcome ${r.outcome}, ${r.valid} valid rows, ${(r.ms / 1000).toFixed(1)} s`,
      `  RSS before ${r.rssBeforeMb.toFixed(0)} MB, peak ${r.peakRssMb.toFixed(0)} MB, growth ${r.growthMb.toFixed(0)} MB (goal: under 300 MB)`,
    ].join('\n'),
  );
  if (r.growthMb >= 300) process.exitCode = 1;
}

const i = process.argv.indexOf('--child');
if (i >= 0) {
  child(process.argv[i + 1]).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else main();
