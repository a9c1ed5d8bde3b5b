/**
 * Supplier-ledger import and yearly figures: one region-year of BENCH_SPEND_POSTINGS postings (default
 * 1 000 000) in the specification's CSV, imported through the spend service (parsed in its worker thread,
 * written in one transaction) while /healthz of the running app is polled every 20 ms; then the year's
 * figures, three times; then one contract's end date is moved (a contract import would do the same) and
 * the figures read again: the first read matches the year again against the changed catalogue. PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set, else embedded PGlite in
 * a temporary directory. --write puts the section in BENCHMARKS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { migrate, openDatabase } from '../src/db';
import { createLogger } from '../src/logger';
import { createSpendService } from '../src/spend/service';
import { writeBenchSection } from './lib/bench-section';

const N = Number(process.env.BENCH_SPEND_POSTINGS ?? 1_000_000);
const SUPPLIERS = 5000;
const YEAR = 2025;

/** A deterministic ledger: suppliers by org number (every 20th masked, every 50th a public body), 40 administrations, accounts in and out of the purchase ranges. */
function ledger(n: number): Buffer {
  // Written in pieces, so the generator's own strings do not add to the peak the import is measured by.
  const parts = [Buffer.from('kopare_id;kopare;verifikationsnummer;leverantor;leverantor_id;konto_nr;konto_text;belopp;datum;forvaltning\n')];
  let lines: string[] = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const s = Math.floor(rnd() * rnd() * SUPPLIERS);
    const masked = s % 20 === 19;
    const org = s % 50 === 7 ? `2120${String(s).padStart(6, '0')}` : `5560${String(s).padStart(6, '0')}`;
    const account = [4010, 5410, 6110, 6540, 6990, 7010][Math.floor(rnd() * 6)];
    const amount = (Math.floor(rnd() * 5_000_000) / 100 - (i % 97 === 0 ? 60_000 : 0)).toFixed(2).replace('.', ',');
    const day = new Date(Date.UTC(YEAR, 0, 1 + Math.floor(rnd() * 365))).toISOString().slice(0, 10);
    lines.push(
      ['232100-0032', 'Region Sörmland', `V${i}`, masked ? '[innehåller personuppgifter]' : `Leverantör ${s} AB`, masked ? '' : `${org.slice(0, 6)}-${org.slice(6)}`, account, `Konto ${account}`, amount, day, `Förvaltning ${s % 40}`].join(';'),
    );
    if (lines.length === 20_000 || i === n - 1) {
      parts.push(Buffer.from(lines.join('\n') + '\n'));
      lines = [];
    }
  }
  return Buffer.concat(parts);
}

async function main(): Promise<void> {
  const databaseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spend-'));
  const db = await openDatabase({ databaseUrl, dataDir });
  await migrate(db);
  if (databaseUrl) await db.query('TRUNCATE spend_postings, spend_imports, spend_years, spend_year_figures, spend_year_suppliers, spend_year_areas');
  // 500 contracts for Sörmland, each with one of the first 1 500 suppliers (the largest, by the skewed draw).
  await db.query('DELETE FROM contracts');
  await db.query(
    `INSERT INTO contracts (contract_id, title, category, suppliers, supplier_names, valid_from, valid_to, regions, ordering_method, contract_type)
     SELECT 'B-' || g, 'Avtal ' || g, 'tjanster', jsonb_build_array(jsonb_build_object('name', 'Leverantör ' || (g * 3) || ' AB', 'orgNr', '5560' || substr(lpad((g * 3)::text, 6, '0'), 1, 2) || '-' || substr(lpad((g * 3)::text, 6, '0'), 3, 4))),
       ARRAY['Leverantör ' || (g * 3) || ' AB'], '2024-01-01', CASE WHEN g % 5 = 0 THEN '2025-06-30'::date ELSE '2026-12-31'::date END, '{Sörmland}', 'avrop', 'ramavtal'
     FROM generate_series(0, 499) g`,
  );
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_SAMPLE_DATA: 'false', API_RATE_LIMIT: '0' });
  const logger = createLogger('silent');
  const built = buildApp({ config, db, logger });
  await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(built.server.address() as AddressInfo).port}`;
  const spend = createSpendService({ db, config: { accounts: [[5000, 5799], [6000, 7999]], maxFileBytes: 2 ** 31 }, logger });

  const file = ledger(N);
  const latencies: number[] = [];
  let failed = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const t0 = performance.now();
      // A poll that fails (the connection reset while the event loop was held) is counted, not fatal.
      await fetch(`${base}/healthz`)
        .then((r) => r.arrayBuffer())
        .catch(() => failed++);
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // Resident memory sampled while parsing and while writing (the process's peak is in maxRSS).
  let phase: 'parse' | 'write' = 'parse';
  const rss = { parse: 0, write: 0 };
  const sampler = setInterval(() => (rss[phase] = Math.max(rss[phase], process.memoryUsage.rss())), 25);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = await spend.parse(file, 'sv');
  const parseMs = performance.now() - t0;
  phase = 'write';
  const report = await spend.apply(parsed, { dryRun: false, fileName: 'bench.csv', actor: { source: 'cli' }, locale: 'sv' });
  const importMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  polling = false;
  await poll;
  const figureMs: number[] = [];
  let share: number | null = null;
  for (let i = 0; i < 3; i++) {
    const f0 = performance.now();
    const f = await spend.figures('Sörmland', YEAR);
    share = f.total.share;
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(f.total));
    figureMs.push(performance.now() - f0);
  }
  // A contract import extends B-5 (ended 30 June 2025): the next read matches the year again.
  await db.query(`UPDATE contracts SET valid_to = '2026-12-31' WHERE contract_id = 'B-5'`);
  const c0 = performance.now();
  const changed = await spend.figures('Sörmland', YEAR);
  const changedMs = performance.now() - c0;
  const c1 = performance.now();
  await spend.figures('Sörmland', YEAR);
  const afterChangeMs = performance.now() - c1;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await new Promise<void>((resolve) => built.server.close(() => resolve()));
  await built.worker.stop();
  await db.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  figureMs.sort((a, b) => a - b);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`;
  const backend = databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; ${N.toLocaleString('en')} postings (one region-year, ${(file.length / 2 ** 20).toFixed(0)} MB CSV) into ${backend}, the app serving in the same process.`,
    'Targets (issue 26, for 1 000 000 postings on PostgreSQL): import ≤ 60 s, peak RSS ≤ 1 GiB, yearly figures ≤ 500 ms, /healthz p99 < 100 ms during the import.',
    '',
    '| postings | parse (worker) s | import total s (CPU s of this process) | new | peak RSS MB (sampled: parse / write) | yearly figures ms (median of 3) | after a contract change: first / next ms | /healthz p50 / p99 / max ms (n, failed) | share (after the change) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${N.toLocaleString('en')} | ${(parseMs / 1000).toFixed(1)} | ${(importMs / 1000).toFixed(1)} (${((cpu.user + cpu.system) / 1e6).toFixed(1)}) | ${report.added.toLocaleString('en')} | ${peakRssMb.toFixed(0)} (${(rss.parse / 2 ** 20).toFixed(0)} / ${(rss.write / 2 ** 20).toFixed(0)}) | ${figureMs[1].toFixed(0)} | ${changedMs.toFixed(0)} / ${afterChangeMs.toFixed(0)} | ${p(0.5).toFixed(1)} / ${p(0.99).toFixed(1)} / ${latencies[latencies.length - 1]?.toFixed(1)} (${latencies.length}, ${failed}) | ${share?.toFixed(4) ?? '–'} (${changed.total.share?.toFixed(4) ?? '–'}) |`,
  ].join('\n');
  console.log(md);
  if (process.argv.includes('--write')) console.log(`updated ${writeBenchSection(databaseUrl ? 'spend-postgres' : 'spend-pglite', `## Supplier-ledger import — \`npm run bench:spend\` (${backend})\n\n${md}`)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
