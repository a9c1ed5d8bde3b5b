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
 *   - "hjälp" (the help card);
 *   - the echo baseline.
 *
 * Env: BENCH_SECONDS (per target, default 10), BENCH_WARMUP_SECONDS (default 3), BENCH_CONNECTIONS
 * (default 8), BENCH_ROUNDS (default 5), BENCH_ONLY (e.g. "search": only these targets, for profiling). Flags:
 * --write updates BENCHMARKS.md; --profile takes a CPU profile of the server (the V8 profiler, as
 * node --cpu-prof does, but only during each timed run) and prints where the time goes.
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
import { seedSampleContracts } from '../src/contracts/seed';
import { migrate, openDatabase } from '../src/db';
import { createLogger } from '../src/logger';
import { indexKnowledge } from '../src/policy/knowledge';
import { fromRoot } from '../src/util/paths';
import { REFERENCE_DAY } from './sample-data/generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PROFILE = process.argv.includes('--profile');

/** What staff write: plain words, "sök avtal …", "avtal …", with and without å/ä/ö, some with no hit. */
const SEARCHES = [
  'handskar', 'sök avtal rullstol', 'kopieringspapper', 'avtal tolk', 'bärbar dator', 'sök avtal syrgas',
  'förkläden', 'taxi', 'sok avtal mobler', 'infusionspump', 'avtal städ', 'vaccin i Västmanland',
];
const TARGETS = {
  search: { path: '/api/messages', texts: SEARCHES, label: 'contract search (rotating queries)' },
  help: { path: '/api/messages', texts: ['hjälp'], label: '"hjälp" (help card)' },
  echo: { path: '/bench/echo', texts: ['handskar'], label: 'baseline: bare botbuilder echo, same server' },
} as const;
type Target = keyof typeof TARGETS;

// ---------------------------------------------------------------------------------------------------
// The server (child process)

interface ToChild {
  cmd: 'reset-rss' | 'rss' | 'stop' | 'profile-start' | 'profile-stop';
  file?: string;
}
interface FromChild {
  port?: number;
  rss?: number;
  profiled?: string;
}

async function serve(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bot-'));
  const logger = createLogger('silent');
  const db = await openDatabase({ dataDir });
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

  let peak = process.memoryUsage().rss;
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
    if (m.cmd === 'reset-rss') peak = process.memoryUsage().rss;
    if (m.cmd === 'rss') process.send?.({ rss: Math.max(peak, process.memoryUsage().rss) } satisfies FromChild);
    if (m.cmd === 'stop') {
      clearInterval(sampler);
      built.server.close();
      void db.close().finally(() => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send?.({ port: (built.server.address() as AddressInfo).port } satisfies FromChild);
}

// ---------------------------------------------------------------------------------------------------
// The load generator (this process)

function activity(text: string, user: number) {
  const aad = `bench0000-0000-0000-0000-${String(user).padStart(12, '0')}`;
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: `29:bench-${user}`, name: `Bänk ${user}`, aadObjectId: aad },
    recipient: { id: '28:bench-bot', name: 'Inköpsassistenten' },
    conversation: { id: `a:bench-${user}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
    locale: 'sv-SE',
    entities: [{ type: 'clientInfo', locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' }],
    deliveryMode: 'expectReplies',
    text,
    textFormat: 'plain',
  };
}

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
      return { ...req, body: JSON.stringify(activity(texts[i % texts.length], i % 20)) };
    },
  };
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  total: number;
  rssMiB: number;
}

function ask(child: ChildProcess, cmd: ToChild['cmd'], file?: string): Promise<FromChild> {
  return new Promise((resolve) => {
    child.once('message', (m: FromChild) => resolve(m));
    child.send({ cmd, file } satisfies ToChild);
  });
}

interface Tally {
  latencies: number[];
  requests: number;
  errors: number;
  seconds: number;
  rss: number;
}

/** One autocannon run against one target; adds every response's latency and the counts to the tally. */
function cannon(origin: string, target: Target, seconds: number, tally?: Tally): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: origin, connections: CONNECTIONS, duration: seconds, requests: [request(target)] }, (err, r) => {
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

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function summarise(t: Tally): Result {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return {
    rps: t.requests / t.seconds,
    p50: Math.round(pct(sorted, 50)),
    p99: Math.round(pct(sorted, 99)),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    errors: t.errors,
    total: t.requests,
    rssMiB: t.rss / 2 ** 20,
  };
}

/** Every target answers as it should before it is timed (a fast error would look like a fast turn). */
async function check(origin: string): Promise<void> {
  const post = async (p: string, text: string) => {
    const res = await fetch(`${origin}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(text, 0)) });
    const body = (await res.json()) as { activities?: { text?: string; attachments?: { content?: unknown }[] }[] };
    if (res.status !== 200) throw new Error(`${p} "${text}" answered ${res.status}`);
    return body.activities ?? [];
  };
  for (const q of SEARCHES) {
    const [reply] = await post('/api/messages', q);
    if (!reply?.attachments?.[0]?.content) throw new Error(`search "${q}" gave no card: ${JSON.stringify(reply)}`);
  }
  const [help] = await post('/api/messages', 'hjälp');
  if (!help?.attachments?.[0]?.content) throw new Error('hjälp gave no card');
  const [echo] = await post('/bench/echo', 'handskar');
  if (echo?.text !== 'handskar') throw new Error(`echo answered ${JSON.stringify(echo)}`);
}

/** Self time per function from a V8 CPU profile, the top n. */
function topFunctions(file: string, n: number): { name: string; ms: number; share: number }[] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const interval = (prof.endTime - prof.startTime) / 1000 / Math.max(1, prof.samples.length);
  const self = new Map<string, number>();
  for (const node of prof.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * interval);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms, share: ms / total }));
}

/** Self time grouped by package (or our own code), for a one-line summary. */
function byPackage(file: string): [string, number][] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: { hitCount?: number; callFrame: { functionName: string; url: string } }[] };
  const groups = new Map<string, number>();
  let total = 0;
  for (const node of prof.nodes) {
    const { url, functionName } = node.callFrame;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const group = m ? m[1] : url.startsWith('wasm://') ? 'PGlite (PostgreSQL in WebAssembly)' : url.includes('/dist/src/') ? 'our code (dist/src)' : url.startsWith('node:') ? 'node core' : functionName.startsWith('(') ? functionName : 'other';
    groups.set(group, (groups.get(group) ?? 0) + (node.hitCount ?? 0));
    total += node.hitCount ?? 0;
  }
  return [...groups].sort((a, b) => b[1] - a[1]).map(([g, h]) => [g, h / total]);
}

/**
 * Inclusive time (a function and everything it calls) of the functions matching `which`, as a share of
 * the busy samples: where a turn's time goes, by stage.
 */
function inclusive(file: string, which: RegExp, n: number): { name: string; share: number }[] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
  };
  const byId = new Map(prof.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const hits = new Map<number, number>();
  for (const id of prof.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const totals = new Map<string, number>();
  let busy = 0;
  for (const [id, h] of hits) {
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    busy += h;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url, lineNumber } = (byId.get(cur) as (typeof prof.nodes)[number]).callFrame;
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
      if (seen.has(key) || !which.test(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + h);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, h]) => ({ name, share: h / Math.max(1, busy) }));
}

function printProfile(full: string, target: Target): void {
  console.log(`\nCPU profile of the server during the timed ${target} run: ${full}`);
  console.log(byPackage(full).slice(0, 12).map(([g, s]) => `  ${(s * 100).toFixed(1).padStart(5)} %  ${g}`).join('\n'));
  console.log('top functions by self time:');
  console.log(topFunctions(full, 25).map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`).join('\n'));
  console.log('stages, inclusive time (share of busy samples):');
  const stages = /src\/|teams-ai\/lib\/Application|cloudAdapter|restify\/lib\/(response|plugins)|execProtocolRaw |Template\.expand |ServiceClientContext|\(garbage collector\)/;
  console.log(inclusive(full, stages, 30).map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`).join('\n'));
}

async function main(): Promise<void> {
  const profDir = PROFILE ? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bot-prof-')) : undefined;
  const child = fork(__filename, ['--serve'], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const { port } = await new Promise<FromChild>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before listening`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  await check(origin);

  // Targets take turns in short rounds, so load from outside the benchmark falls on all of them alike.
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const targets = (['search', 'help', 'echo'] as Target[]).filter((t) => !only || only.includes(t));
  const tallies = Object.fromEntries(targets.map((t) => [t, { latencies: [], requests: 0, errors: 0, seconds: 0, rss: 0 } as Tally])) as Record<Target, Tally>;
  for (const target of targets) await cannon(origin, target, WARMUP);
  const perRound = Math.max(1, Math.round(SECONDS / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const profileFile = profDir ? path.join(profDir, `${target}-${round}.cpuprofile`) : undefined;
      child.send({ cmd: 'reset-rss' } satisfies ToChild);
      if (profileFile) await ask(child, 'profile-start');
      await cannon(origin, target, perRound, tallies[target]);
      if (profileFile) await ask(child, 'profile-stop', profileFile);
      const { rss } = await ask(child, 'rss');
      tallies[target].rss = Math.max(tallies[target].rss, rss ?? 0);
      if (profileFile && round === ROUNDS - 1) printProfile(profileFile, target);
    }
  }
  const results = Object.fromEntries(targets.map((t) => [t, summarise(tallies[t])])) as Record<Target, Result>;
  for (const t of targets) console.error(`${t}: ${results[t].rps.toFixed(0)} turns/s, p50 ${results[t].p50} ms, p99 ${results[t].p99} ms`);
  const peakAll = Math.max(...targets.map((t) => tallies[t].rss));
  child.send({ cmd: 'stop' } satisfies ToChild);
  await exited;

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  if (only) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const r = results;
  const ratio = (t: Target) => r.echo.rps / r[t].rps;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const row = (t: Target) =>
    `| ${TARGETS[t].label} | ${r[t].rps.toFixed(0)} | ${r[t].p50} | ${r[t].p99} | ${r[t].mean.toFixed(1)} | ${r[t].errors} of ${r[t].total} | ${r[t].rssMiB.toFixed(0)} | ${t === 'echo' ? '1.00×' : `${ratio(t).toFixed(2)}×`} |`;
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; embedded PGlite with the 399 sample contracts; server in its own process, ` +
      `autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${ROUNDS} rounds of ${Math.max(1, Math.round(SECONDS / ROUNDS))} s per target taking turns; peak RSS of the server over the timed runs ${(peakAll / 2 ** 20).toFixed(0)} MiB.`,
    '',
    '| POST, Teams message activity, deliveryMode expectReplies | turns/s | p50 ms | p99 ms | mean ms | errors / non-2xx | peak RSS MiB | cost per turn vs echo |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('search'),
    row('help'),
    row('echo'),
    '',
    `Targets: ≥ 300 search turns/s — ${met(r.search.rps >= 300)}; search p99 ≤ 100 ms — ${met(r.search.p99 <= 100)}; ` +
      `search turn cost ≤ 2× echo — ${met(ratio('search') <= 2)} (${ratio('search').toFixed(2)}×).`,
  ];

  const text = md.join('\n');
  console.log(`\n${text}`);

  if (process.argv.includes('--write')) {
    const file = fromRoot('BENCHMARKS.md');
    const start = '<!-- bench:bot:start -->';
    const end = '<!-- bench:bot:end -->';
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
    const block = `${start}\n${text}\n${end}`;
    const next = current.includes(start) ? current.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${current.trimEnd()}\n\n${block}\n`;
    fs.writeFileSync(file, next);
    console.log(`updated ${file}`);
  }
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
