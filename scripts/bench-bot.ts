/**
 * npm run bench:bot — bot turns per second over HTTP, beside a bare botbuilder echo bot on the same server.
 *
 * The server runs as a child process (this file with --serve) on a fresh embedded database with the
 * sample contracts, so the load generator (autocannon, in this process) does not share its event loop
 * and its memory can be measured alone. Besides the app's own routes it gets POST /bench/echo: a plain
 * botbuilder CloudAdapter in local mode whose handler only echoes the text (the baseline; bench only).
 *
 * Each target gets Teams message activities with deliveryMode expectReplies (the replies come back in
 * the HTTP response), a new activity id per request: a warm-up, then BENCH_SECONDS in BENCH_ROUNDS
 * rounds that take turns (search, help, echo, search, …), so outside load hits all targets alike:
 *   - contract searches, rotating realistic Swedish queries ("handskar", "sök avtal rullstol", …);
 *   - the same searches on a second app in the same process and database with the search log off
 *     (SEARCH_LOG=false): what counting searches costs a turn (issue 13: within 5 %);
 *   - "hjälp" (the help card);
 *   - the echo baseline.
 * Afterwards the server times one flush of the search log (as many searches as the search target made,
 * each from one of 20 people and without a hit, the dearest case) to add its share per turn. Besides
 * throughput, the server reports its own CPU time per turn (process.cpuUsage over each run), which
 * other work on the machine moves far less than it moves turns per second.
 *
 * Env: BENCH_SECONDS (per target, default 10), BENCH_WARMUP_SECONDS (default 3), BENCH_CONNECTIONS
 * (default 8), BENCH_ROUNDS (default 5), BENCH_ONLY (e.g. "search": only these targets, for profiling),
 * BENCH_DATABASE_URL (a PostgreSQL server instead of the embedded database: the server runs on a new
 * database made there for the run and dropped after it, e.g. scripts/ci-postgres.sh's URL). Flags:
 * --write updates BENCHMARKS.md; --profile takes a CPU profile of the server (the V8 profiler, as
 * node --cpu-prof does, but only during each timed run) and prints where the time goes.
 */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify, { Request, Response } from 'restify';
import { buildApp, knowledgeDirs } from '../src/app';
import { loadConfig } from '../src/config';
import { createSearchLog } from '../src/contracts/search-log';
import { writeSearches } from '../src/contracts/search-log-repository';
import { seedSampleContracts } from '../src/contracts/seed';
import { migrate, openDatabase } from '../src/db';
import { createLogger } from '../src/logger';
import { indexKnowledge } from '../src/policy/knowledge';
import { writeBenchSection } from './lib/bench-section';
import { printProfile } from './lib/cpu-profile';
import { Result, Tally, summarise } from './lib/load-tally';
import { teamsMessage } from './lib/teams-activity';
import { REFERENCE_DAY } from './sample-data/generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PROFILE = process.argv.includes('--profile');
const DATABASE_URL = process.env.BENCH_DATABASE_URL || undefined;
const DATABASE_TEXT = DATABASE_URL ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'embedded PGlite';

/** What staff write: plain words, "sök avtal …", "avtal …", with and without å/ä/ö, some with no hit. */
const SEARCHES = [
  'handskar', 'sök avtal rullstol', 'kopieringspapper', 'avtal tolk', 'bärbar dator', 'sök avtal syrgas',
  'förkläden', 'taxi', 'sok avtal mobler', 'infusionspump', 'avtal städ', 'vaccin i Västmanland',
];
const TARGETS = {
  search: { path: '/api/messages', texts: SEARCHES, label: 'contract search (rotating queries)', server: 'main' },
  'search-nolog': { path: '/api/messages', texts: SEARCHES, label: 'contract search, search log off (SEARCH_LOG=false)', server: 'quiet' },
  help: { path: '/api/messages', texts: ['hjälp'], label: '"hjälp" (help card)', server: 'main' },
  echo: { path: '/bench/echo', texts: ['handskar'], label: 'baseline: bare botbuilder echo, same server', server: 'main' },
} as const;
type Target = keyof typeof TARGETS;
type Origins = Record<(typeof TARGETS)[Target]['server'], string>;
const USERS = 20;

// ---------------------------------------------------------------------------------------------------
// The server (child process)

interface ToChild {
  cmd: 'reset-rss' | 'rss' | 'stop' | 'profile-start' | 'profile-stop' | 'flush-cost';
  file?: string;
  /** flush-cost: how many searches to flush. */
  n?: number;
}
interface FromChild {
  port?: number;
  quietPort?: number;
  rss?: number;
  /** CPU time (user + system) of the server process since reset-rss, in ms: robust to load from outside. */
  cpuMs?: number;
  profiled?: string;
  /** flush-cost: recording the searches (the part in the turns) and writing them (the flush), in ms. */
  recordMs?: number;
  flushMs?: number;
}

/** n searches without a hit (the dearest case: every one hashed) recorded, then flushed through the real repository. */
async function flushCost(db: Awaited<ReturnType<typeof openDatabase>>, n: number): Promise<FromChild> {
  const log = createSearchLog({ write: (rows) => writeSearches(db, rows, { secret: Buffer.from('bench-search-log-secret-0123456789abcdef'), periodDays: 90, minPeople: 3, windowDays: 90 }), logger: createLogger('silent'), flushMs: 3_600_000 });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) log.record({ q: SEARCHES[i % SEARCHES.length], source: 'chat', found: false, aadId: `bench0000-0000-0000-0000-${i % USERS}` });
  const t1 = performance.now();
  await log.stop();
  return { recordMs: t1 - t0, flushMs: performance.now() - t1 };
}

/** A fresh database: embedded in a temporary folder, or a new one on BENCH_DATABASE_URL's server; `drop` removes it. */
async function freshDatabase(): Promise<{ db: Awaited<ReturnType<typeof openDatabase>>; drop: () => Promise<void> }> {
  if (!DATABASE_URL) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bot-'));
    const db = await openDatabase({ dataDir });
    return { db, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `bench_bot_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: DATABASE_URL });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    db,
    drop: async () => {
      const again = await openDatabase({ databaseUrl: DATABASE_URL });
      await again.exec(`DROP DATABASE IF EXISTS ${name}`);
      await again.close();
    },
  };
}

async function serve(): Promise<void> {
  const logger = createLogger('silent');
  const { db, drop } = await freshDatabase();
  await migrate(db);
  await seedSampleContracts(db, logger);
  const config = loadConfig({ SEED_SAMPLE_DATA: 'false', LOG_LEVEL: 'silent' });
  await indexKnowledge(db, knowledgeDirs(config));
  const built = buildApp({ config, db, logger, now: () => new Date(`${REFERENCE_DAY}T12:00:00Z`) });

  // The baseline: botbuilder's own adapter in local mode (no app id: no token checks), echo only.
  const echoAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  built.server.post(
    '/bench/echo',
    restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }),
    async (req: Request, res: Response) => {
      await echoAdapter.process(req, res, async (ctx) => {
        if (ctx.activity.type === 'message') await ctx.sendActivity(ctx.activity.text ?? '');
      });
    },
  );
  await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
  // The same app with the search log off, on the same database (and so the same search cache).
  const quiet = buildApp({ config: { ...config, SEARCH_LOG: false }, db, logger, now: () => new Date(`${REFERENCE_DAY}T12:00:00Z`) });
  await new Promise<void>((resolve) => quiet.server.listen(0, '127.0.0.1', resolve));

  let peak = process.memoryUsage().rss;
  let cpu0 = process.cpuUsage();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const inspector = new Session();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => inspector.post(method, (err, result) => (err ? reject(err) : resolve(result))));
  process.on('message', (m: ToChild) => {
    if (m.cmd === 'profile-start') {
      inspector.connect();
      void post('Profiler.enable')
        .then(() => post('Profiler.start'))
        .then(() => process.send?.({} satisfies FromChild));
    }
    if (m.cmd === 'profile-stop') {
      void post('Profiler.stop').then((result) => {
        fs.writeFileSync(m.file as string, JSON.stringify((result as { profile: unknown }).profile));
        inspector.disconnect();
        process.send?.({ profiled: m.file } satisfies FromChild);
      });
    }
    if (m.cmd === 'reset-rss') [peak, cpu0] = [process.memoryUsage().rss, process.cpuUsage()];
    const cpuMs = () => ((u) => (u.user + u.system) / 1000)(process.cpuUsage(cpu0));
    if (m.cmd === 'rss') process.send?.({ rss: Math.max(peak, process.memoryUsage().rss), cpuMs: cpuMs() } satisfies FromChild);
    if (m.cmd === 'flush-cost') void flushCost(db, m.n ?? 0).then((cost) => process.send?.(cost satisfies FromChild));
    if (m.cmd === 'stop') {
      clearInterval(sampler);
      built.server.close();
      quiet.server.close();
      void db
        .close()
        .then(drop)
        .finally(() => process.exit(0));
    }
  });
  const portOf = (s: typeof built.server) => (s.address() as AddressInfo).port;
  process.send?.({ port: portOf(built.server), quietPort: portOf(quiet.server) } satisfies FromChild);
}

// ---------------------------------------------------------------------------------------------------
// The load generator (this process)

function request(target: Target) {
  const { path: urlPath, texts } = TARGETS[target];
  let n = 0;
  return {
    method: 'POST' as const,
    path: urlPath,
    headers: { 'content-type': 'application/json' },
    // A new activity id (and the next query, from one of 20 users) per request.
    setupRequest: (req: autocannon.Request) => {
      const i = n++;
      return { ...req, body: JSON.stringify(teamsMessage(texts[i % texts.length], i % USERS)) };
    },
  };
}

function ask(child: ChildProcess, cmd: ToChild['cmd'], file?: string, n?: number): Promise<FromChild> {
  return new Promise((resolve) => {
    child.once('message', (m: FromChild) => resolve(m));
    child.send({ cmd, file, n } satisfies ToChild);
  });
}

/** One autocannon run against one target; adds every response's latency and the counts to the tally. */
function cannon(origins: Origins, target: Target, seconds: number, tally?: Tally): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: origins[TARGETS[target].server], connections: CONNECTIONS, duration: seconds, requests: [request(target)] }, (err, r) => {
      if (err) return reject(err);
      if (tally) {
        tally.requests += r.requests.total;
        tally.errors += r.errors + r.timeouts + r.non2xx;
        tally.seconds += r.duration;
      }
      resolve();
    });
    if (tally) instance.on('response', (_client, _status, _bytes, ms) => tally.latencies.push(ms));
  });
}

/** Every target answers as it should before it is timed (a fast error would look like a fast turn). */
async function check(origins: Origins): Promise<void> {
  const post = async (p: string, text: string, origin = origins.main) => {
    const res = await fetch(`${origin}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage(text, 0)) });
    const body = (await res.json()) as { activities?: { text?: string; attachments?: { content?: unknown }[] }[] };
    if (res.status !== 200) throw new Error(`${p} "${text}" answered ${res.status}`);
    return body.activities ?? [];
  };
  for (const q of SEARCHES) {
    const [reply] = await post('/api/messages', q);
    if (!reply?.attachments?.[0]?.content) throw new Error(`search "${q}" gave no card: ${JSON.stringify(reply)}`);
    const [same] = await post('/api/messages', q, origins.quiet);
    if (JSON.stringify(same?.attachments) !== JSON.stringify(reply.attachments)) throw new Error(`search "${q}" answered differently with the log off`);
  }
  const [help] = await post('/api/messages', 'hjälp');
  if (!help?.attachments?.[0]?.content) throw new Error('hjälp gave no card');
  const [echo] = await post('/bench/echo', 'handskar');
  if (echo?.text !== 'handskar') throw new Error(`echo answered ${JSON.stringify(echo)}`);
}


/** The server in its own process, listening: its two apps' origins. */
async function startServer(): Promise<{ child: ChildProcess; exited: Promise<number | null>; origins: Origins }> {
  const child = fork(__filename, ['--serve'], {
    env: { ...process.env, LOG_LEVEL: 'silent', PLAN_DIGEST_DAY: 'off' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const { port, quietPort } = await new Promise<FromChild>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before listening`)));
  });
  return { child, exited, origins: { main: `http://127.0.0.1:${port}`, quiet: `http://127.0.0.1:${quietPort}` } };
}

/** Warm-up, then the rounds: targets take turns, so load from outside the benchmark falls on all of them alike. */
async function runRounds(child: ChildProcess, origins: Origins, targets: Target[]): Promise<Record<Target, Tally>> {
  const profDir = PROFILE ? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bot-prof-')) : undefined;
  const tallies = Object.fromEntries(targets.map((t) => [t, { latencies: [], requests: 0, errors: 0, seconds: 0, rss: 0, cpuMs: 0 } as Tally])) as Record<Target, Tally>;
  for (const target of targets) await cannon(origins, target, WARMUP);
  const perRound = Math.max(1, Math.round(SECONDS / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    // Every other round in reverse, so no target always follows the same one.
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const profileFile = profDir ? path.join(profDir, `${target}-${round}.cpuprofile`) : undefined;
      child.send({ cmd: 'reset-rss' } satisfies ToChild);
      if (profileFile) await ask(child, 'profile-start');
      await cannon(origins, target, perRound, tallies[target]);
      if (profileFile) await ask(child, 'profile-stop', profileFile);
      const { rss, cpuMs } = await ask(child, 'rss');
      tallies[target].rss = Math.max(tallies[target].rss, rss ?? 0);
      tallies[target].cpuMs += cpuMs ?? 0;
      if (profileFile && round === ROUNDS - 1) printProfile(profileFile, target);
    }
  }
  return tallies;
}

/** The section of BENCHMARKS.md: the table, the targets, and what the search log costs a search turn. */
function markdown(r: Record<Target, Result>, peakRss: number, flush: { recordMs: number; ms: number; searches: number }): string {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const ratio = (t: Target) => r.echo.rps / r[t].rps;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const row = (t: Target) =>
    `| ${TARGETS[t].label} | ${r[t].rps.toFixed(0)} | ${r[t].p50} | ${r[t].p99} | ${r[t].mean.toFixed(1)} | ${r[t].errors} of ${r[t].total} | ${r[t].rssMiB.toFixed(0)} | ${t === 'echo' ? '1.00×' : `${ratio(t).toFixed(2)}×`} | ${r[t].cpu.toFixed(3)} |`;
  // The search log's cost: server CPU per search turn, log on against off (CPU time, unlike throughput, does not
  // move with load from outside); the flush (every 5 s, off the turn, timed alone) adds its share per search.
  const flushPerTurn = flush.ms / Math.max(1, flush.searches);
  const recordPerTurn = flush.recordMs / Math.max(1, flush.searches);
  const inTurn = r.search.cpu / r['search-nolog'].cpu - 1;
  const withFlush = (r.search.cpu + flushPerTurn) / r['search-nolog'].cpu - 1;
  const parts = (recordPerTurn + flushPerTurn) / r['search-nolog'].cpu;
  const pctText = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
  return [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; ${DATABASE_TEXT} with the 399 sample contracts; server in its own process, ` +
      `autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${ROUNDS} rounds of ${Math.max(1, Math.round(SECONDS / ROUNDS))} s per target taking turns; peak RSS of the server over the timed runs ${(peakRss / 2 ** 20).toFixed(0)} MiB.`,
    '',
    '| POST, Teams message activity, deliveryMode expectReplies | turns/s | p50 ms | p99 ms | mean ms | errors / non-2xx | peak RSS MiB | cost per turn vs echo | server CPU ms per turn |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...(Object.keys(TARGETS) as Target[]).map(row),
    '',
    `Targets: ≥ 300 search turns/s — ${met(r.search.rps >= 300)}; search p99 ≤ 100 ms — ${met(r.search.p99 <= 100)}; ` +
      `search turn cost ≤ 2× echo — ${met(ratio('search') <= 2)} (${ratio('search').toFixed(2)}×).`,
    '',
    `Search log (issue 13): a search turn with the log on costs ${pctText(inTurn)} server CPU against the same turn with it off ` +
      `(${r.search.cpu.toFixed(3)} vs ${r['search-nolog'].cpu.toFixed(3)} ms per turn); one flush of ${flush.searches} searches ` +
      `without a hit (${USERS} people) took ${flush.ms.toFixed(1)} ms, ${(flushPerTurn * 1000).toFixed(1)} µs a search, so ${pctText(withFlush)} with the flush counted in. ` +
      `Within 5 % — ${met(withFlush <= 0.05)}. Timed alone, what the log adds is ${(recordPerTurn * 1000).toFixed(2)} µs in the turn (record) and ` +
      `${(flushPerTurn * 1000).toFixed(1)} µs off it (flush) a search: ${pctText(parts)} of a search turn's CPU.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { child, exited, origins } = await startServer();
  await check(origins);
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const targets = (Object.keys(TARGETS) as Target[]).filter((t) => !only || only.includes(t));
  const tallies = await runRounds(child, origins, targets);
  const results = Object.fromEntries(targets.map((t) => [t, summarise(tallies[t])])) as Record<Target, Result>;
  for (const t of targets) console.error(`${t}: ${results[t].rps.toFixed(0)} turns/s, p50 ${results[t].p50} ms, p99 ${results[t].p99} ms`);
  const peakAll = Math.max(...targets.map((t) => tallies[t].rss));
  const searches = Math.max(1, tallies.search?.requests ?? 1000);
  const { recordMs, flushMs } = await ask(child, 'flush-cost', undefined, searches);
  child.send({ cmd: 'stop' } satisfies ToChild);
  await exited;
  if (only) {
    console.log(JSON.stringify({ ...results, flush: { recordMs, ms: flushMs, searches } }, null, 2));
    return;
  }
  const text = markdown(results, peakAll, { recordMs: recordMs ?? 0, ms: flushMs ?? 0, searches });
  console.log(`\n${text}`);

  if (process.argv.includes('--write')) console.log(`updated ${writeBenchSection('bot', text)}`);
}

if (process.argv.includes('--serve')) {
  serve().catch((err: unknown) => {
    console.error('bench server failed:', err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
