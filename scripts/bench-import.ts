/**
 * npm run bench:import — importing a whole catalogue: 100 000 contracts from CSV and from .xlsx.
 *
 * Each format runs in its own process (so peak RSS is that format's alone): read and check the file,
 * then apply it to a fresh embedded database (or BENCH_DATABASE_URL). The .xlsx is written the way a
 * spreadsheet program saves an export: Swedish headers, dates as date cells, the rest as text.
 *
 * Env: BENCH_CONTRACTS (default 100000), BENCH_DATABASE_URL. --write updates BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { toCsv } from '../src/contracts/csv-import';
import { CLI_XLSX_LIMITS } from '../src/contracts/import-cli';
import { importContracts, parseContractFile } from '../src/contracts/import-service';
import { createCategoryDirectory } from '../src/core/category-repository';
import { migrate, openDatabase } from '../src/db';
import { fromRoot } from '../src/util/paths';
import { generateBenchContracts } from './sample-data/generate';
import { Contract } from '../src/contracts/model';

const N = Number(process.env.BENCH_CONTRACTS ?? 100_000);

interface Run {
  format: 'csv' | 'xlsx';
  bytes: number;
  parseMs: number;
  importMs: number;
  rows: number;
  rejected: number;
  peakRssMb: number;
}

/** The export as a workbook: what Excel writes when an officer saves the catalogue as .xlsx. */
function workbookOf(contracts: Contract[]): Buffer {
  const header = ['Avtalsnummer', 'Benämning', 'Beskrivning', 'Kategori', 'Leverantör', 'Sökord', 'CPV', 'Startdatum', 'Slutdatum', 'Förlängning till', 'Region', 'Beställningssätt', 'Kontaktperson', 'E-post', 'Länk', 'Avtalstyp'];
  const day = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : '');
  const rows = contracts.map((c) => [
    c.contractId,
    c.title,
    c.description,
    c.category,
    c.suppliers.map((s) => `${s.name}${s.orgNr ? ` (${s.orgNr})` : ''}`).join('|'),
    c.keywords.join('|'),
    c.cpvCodes.join('|'),
    day(c.validFrom),
    day(c.validTo),
    day(c.maxExtensionTo),
    c.regions.map((r) => `Region ${r}`).join('|'),
    c.orderingMethod,
    c.contactName ?? '',
    c.contactEmail ?? '',
    c.url ?? '',
    c.contractType,
  ]);
  const sheet = utils.aoa_to_sheet([['Avtalskatalog, export'], [], header, ...rows], { cellDates: true, dateNF: 'yyyy-mm-dd' });
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, 'Avtal');
  return write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

/** One format, in this process: read the file, then apply it. Prints the figures as JSON. */
async function child(format: 'csv' | 'xlsx', file: string): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const db = await openDatabase({ databaseUrl, dataDir });
  await migrate(db);
  if (databaseUrl) await db.query('TRUNCATE contracts, contract_imports');
  const buf = fs.readFileSync(file);
  let t0 = performance.now();
  const parsed = await parseContractFile(buf, await createCategoryDirectory(db).list(), { format, locale: 'sv', xlsxLimits: CLI_XLSX_LIMITS });
  const parseMs = performance.now() - t0;
  t0 = performance.now();
  const report = await importContracts(db, buf, { format, fileName: path.basename(file), xlsxLimits: CLI_XLSX_LIMITS });
  const importMs = performance.now() - t0;
  await db.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  const run: Run = { format, bytes: buf.length, parseMs, importMs, rows: parsed.rows.length, rejected: report.rejected.length, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(run));
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-files-'));
  const contracts = generateBenchContracts(N);
  const csv = path.join(dir, 'avtal.csv');
  const xlsx = path.join(dir, 'avtal.xlsx');
  fs.writeFileSync(csv, toCsv(contracts));
  fs.writeFileSync(xlsx, workbookOf(contracts));
  const runs = (['csv', 'xlsx'] as const).map((format) => {
    const out = execFileSync(process.execPath, [__filename, '--child', format, format === 'csv' ? csv : xlsx], { env: process.env, maxBuffer: 1 << 20 });
    return JSON.parse(out.toString()) as Run;
  });
  fs.rmSync(dir, { recursive: true, force: true });

  const [c, x] = runs;
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const backend = process.env.BENCH_DATABASE_URL ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'embedded PGlite';
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; ${N.toLocaleString('en')} contracts into an empty ${backend}, one process per format.`,
    "Peak RSS is the whole process, the embedded database's WASM heap included (most of it); the import holds the file and its rows in memory once.",
    '',
    '| format | file MB | read and check s | import (read, check, write, reindex) s | rows kept | rejected | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.format} | ${mb(r.bytes)} | ${s(r.parseMs)} | ${s(r.importMs)} | ${r.rows.toLocaleString('en')} | ${r.rejected} | ${r.peakRssMb.toFixed(0)} |`),
    `| xlsx / csv | ${(x.bytes / c.bytes).toFixed(2)}× | ${(x.parseMs / c.parseMs).toFixed(2)}× | ${(x.importMs / c.importMs).toFixed(2)}× | | | ${(x.peakRssMb / c.peakRssMb).toFixed(2)}× |`,
  ].join('\n');
  console.log(md);
  if (process.argv.includes('--write')) {
    const file = fromRoot('BENCHMARKS.md');
    const tag = process.env.BENCH_DATABASE_URL ? 'import-postgres' : 'import-pglite';
    const start = `<!-- bench:${tag}:start -->`;
    const end = `<!-- bench:${tag}:end -->`;
    const text = fs.readFileSync(file, 'utf8');
    const block = `${start}\n${md}\n${end}`;
    const next = text.includes(start)
      ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
      : `${text.trimEnd()}\n\n## Contract import — \`npm run bench:import\`\n\n${block}\n`;
    fs.writeFileSync(file, next);
    console.log(`updated ${file}`);
  }
}

const i = process.argv.indexOf('--child');
(i >= 0 ? child(process.argv[i + 1] as 'csv' | 'xlsx', process.argv[i + 2]) : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
