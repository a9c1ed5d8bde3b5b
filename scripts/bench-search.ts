/**
 * npm run bench:search — search speed at 100 000 contracts, beside a plain Postgres full-text query.
 *
 * 1. In process: p50/p95 latency of ContractRepository.search (query expansion, ranking, count)
 *    and of a plain `plainto_tsquery` + ts_rank query (the baseline) on the same data.
 * 2. Over HTTP: throughput and latency of GET /api/contracts against a route on the same server
 *    that runs only the baseline query, both driven by autocannon.
 *
 * Env: BENCH_CONTRACTS (default 100000), BENCH_DATABASE_URL (a real PostgreSQL; default embedded),
 * BENCH_SECONDS (HTTP run per target, default 10). --write updates BENCHMARKS.md.
 * BENCH_COMPARE_ROOT=<another built checkout> (with BENCH_DATABASE_URL): instead, runs that checkout's
 * search and this one's in one process, each query by one and then the other in alternating order, so
 * that a before/after comparison on a loaded machine meets the same load (result cache off).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { Request, Response } from 'restify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createContractRepository } from '../src/contracts/repository';
import { contractJson } from '../src/contracts/routes';
import { Db, migrate, openDatabase } from '../src/db';
import { createLogger } from '../src/logger';
import { sendJson } from '../src/http/problem';
import { fromRoot } from '../src/util/paths';
import { REFERENCE_DAY, generateBenchContracts } from './sample-data/generate';

const N = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUERIES = [
  'handskar', 'dator', 'bärbar dator', 'lakemedel', 'konsultjänster', 'tolk', 'städ', 'rullstol', 'vaccin', 'syrgas',
  'kontorsmaterial', 'taxi', 'förkläden', 'infusionspump', 'möbler', 'hiss', 'mjölk', 'skrivare', 'blodtryck', 'elbil',
];

const BASELINE_SQL = `SELECT contract_id, title FROM contracts
  WHERE search_vector @@ plainto_tsquery('inkop_sv', $1)
  ORDER BY ts_rank(search_vector, plainto_tsquery('inkop_sv', $1)) DESC LIMIT 5`;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(fn: () => Promise<unknown>, rounds: number): Promise<{ p50: number; p95: number; mean: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 50), p95: pct(samples, 95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function load(db: Db): Promise<number> {
  const repo = createContractRepository(db);
  const existing = await repo.count();
  if (existing >= N) return 0;
  await db.exec('TRUNCATE contracts');
  const t0 = Date.now();
  const contracts = generateBenchContracts(N);
  await db.transaction((tx) => repo.upsertMany(tx, contracts));
  return Date.now() - t0;
}

async function cannon(url: string): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const requests = QUERIES.map((q) => ({ method: 'GET' as const, path: `${url}${encodeURIComponent(q)}` }));
  const origin = new URL(url).origin;
  const result = await autocannon({
    url: origin,
    connections: 8,
    duration: SECONDS,
    requests: requests.map((r) => ({ method: r.method, path: r.path.slice(origin.length) })),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

type Search = (q: string) => Promise<unknown>;

function stats(samples: number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: pct(sorted, 50), p95: pct(sorted, 95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/** Before/after in one process: the other checkout's built search beside this one's, interleaved per query. */
async function compare(databaseUrl: string, otherRoot: string, rounds: number): Promise<void> {
  // The other checkout's compiled modules, loaded at run time.
  const load = async (rel: string): Promise<Record<string, unknown>> =>
    (await import(pathToFileURL(path.resolve(otherRoot, 'dist', rel)).href)) as Record<string, unknown>;
  const otherOpen = (await load('src/db/index.js')).openDatabase as typeof openDatabase;
  const otherRepo = (await load('src/contracts/repository.js')).createContractRepository as typeof createContractRepository;
  const otherDb = await otherOpen({ databaseUrl });
  const db = await openDatabase({ databaseUrl });
  await migrate(db);
  const searchOf = (repo: ReturnType<typeof createContractRepository>): Search => (q) =>
    repo.search({ q, limit: 5, today: REFERENCE_DAY, useCache: false });
  const sides: Search[] = [searchOf(otherRepo(otherDb)), searchOf(createContractRepository(db))];
  for (const search of sides) for (const q of QUERIES) await search(q);
  const samples: number[][] = [[], []];
  let turn = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      for (const i of turn++ % 2 === 0 ? [0, 1] : [1, 0]) {
        const t0 = process.hrtime.bigint();
        await sides[i](q);
        samples[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
  }
  await otherDb.close();
  await db.close();
  const [before, after] = samples.map(stats);
  const f = (n: number) => n.toFixed(2);
  console.log(
    [
      `| interleaved, ${QUERIES.length} queries × ${rounds} rounds, result cache off | p50 ms | p95 ms | mean ms |`,
      '| --- | --- | --- | --- |',
      `| ${otherRoot} | ${f(before.p50)} | ${f(before.p95)} | ${f(before.mean)} |`,
      `| this checkout | ${f(after.p50)} | ${f(after.p95)} | ${f(after.mean)} |`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const compareRoot = process.env.BENCH_COMPARE_ROOT;
  if (compareRoot) {
    if (!databaseUrl) throw new Error('BENCH_COMPARE_ROOT needs BENCH_DATABASE_URL (both checkouts read the same database)');
    return compare(databaseUrl, compareRoot, 10);
  }
  const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
  const db = await openDatabase({ databaseUrl, dataDir });
  await migrate(db);
  const loadMs = await load(db);
  const repo = createContractRepository(db);
  const total = await repo.count();
  const rounds = 10;

  let qi = 0;
  const ours = await time(
    () => repo.search({ q: QUERIES[qi++ % QUERIES.length], limit: 5, today: REFERENCE_DAY, useCache: false }),
    QUERIES.length * rounds,
  );
  qi = 0;
  const warm = await time(() => repo.search({ q: QUERIES[qi++ % QUERIES.length], limit: 5, today: REFERENCE_DAY }), QUERIES.length * rounds);
  qi = 0;
  const base = await time(() => db.query(BASELINE_SQL, [QUERIES[qi++ % QUERIES.length]]), QUERIES.length * rounds);

  const logger = createLogger('silent');
  // autocannon from one address would otherwise measure the REST rate limit, not search.
  const config = loadConfig({ SEED_SAMPLE_DATA: 'false', API_RATE_LIMIT: '0' });
  const built = buildApp({ config, db, logger, now: () => new Date(`${REFERENCE_DAY}T12:00:00Z`) });
  built.server.get('/bench/baseline', async (req: Request, res: Response) => {
    const rows = await db.query(BASELINE_SQL, [String((req.query as { q?: string }).q ?? '')]);
    sendJson(res, 200, { items: rows });
  });
  // The API handler's work with the result cache off, to show the cold path over HTTP too.
  built.server.get('/bench/nocache', async (req: Request, res: Response) => {
    const q = String((req.query as { q?: string }).q ?? '');
    const result = await repo.search({ q, limit: 5, today: REFERENCE_DAY, useCache: false });
    sendJson(res, 200, { total: result.total, items: result.items.map(contractJson) });
  });
  await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
  const port = (built.server.address() as AddressInfo).port;
  const apiHttp = await cannon(`http://127.0.0.1:${port}/api/contracts?limit=5&q=`);
  const coldHttp = await cannon(`http://127.0.0.1:${port}/bench/nocache?q=`);
  const baseHttp = await cannon(`http://127.0.0.1:${port}/bench/baseline?q=`);
  built.server.close();
  await db.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const backend = databaseUrl ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'embedded PGlite';
  const f = (n: number) => n.toFixed(2);
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; ${total.toLocaleString('en')} contracts on ${backend}` +
      (loadMs ? ` (generated and imported in ${(loadMs / 1000).toFixed(1)} s)` : '') + '.',
    '',
    '| in process, 20 queries × 10 rounds | p50 ms | p95 ms | mean ms |',
    '| --- | --- | --- | --- |',
    `| ContractRepository.search, result cache off (expansion + ranking + total) | ${f(ours.p50)} | ${f(ours.p95)} | ${f(ours.mean)} |`,
    `| ContractRepository.search, result cache on (repeated queries) | ${f(warm.p50)} | ${f(warm.p95)} | ${f(warm.mean)} |`,
    `| baseline: plainto_tsquery + ts_rank, LIMIT 5 | ${f(base.p50)} | ${f(base.p95)} | ${f(base.mean)} |`,
    `| ratio ours (cache off) / baseline (mean) | | | ${(ours.mean / base.mean).toFixed(2)}× |`,
    '',
    `| HTTP, autocannon 8 connections × ${SECONDS} s | req/s | p50 ms | p99 ms | errors |`,
    '| --- | --- | --- | --- | --- |',
    `| GET /api/contracts?q=…&limit=5 (as deployed, result cache on) | ${apiHttp.rps.toFixed(0)} | ${apiHttp.p50} | ${apiHttp.p99} | ${apiHttp.errors} |`,
    `| same handler work, result cache off | ${coldHttp.rps.toFixed(0)} | ${coldHttp.p50} | ${coldHttp.p99} | ${coldHttp.errors} |`,
    `| baseline route (same server, plain query) | ${baseHttp.rps.toFixed(0)} | ${baseHttp.p50} | ${baseHttp.p99} | ${baseHttp.errors} |`,
    `| API cost per request / baseline (cache on) | ${(baseHttp.rps / apiHttp.rps).toFixed(2)}× | | | |`,
    `| API cost per request / baseline (cache off) | ${(baseHttp.rps / coldHttp.rps).toFixed(2)}× | | | |`,
  ].join('\n');
  console.log(md);

  if (process.argv.includes('--write')) {
    const file = fromRoot('BENCHMARKS.md');
    const tag = databaseUrl ? 'search-postgres' : 'search-pglite';
    const start = `<!-- bench:${tag}:start -->`;
    const end = `<!-- bench:${tag}:end -->`;
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
    const block = `${start}\n${md}\n${end}`;
    const next = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text.trimEnd()}\n\n${block}\n`;
    fs.writeFileSync(file, next);
    console.log(`updated ${file}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
