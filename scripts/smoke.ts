/**
 * npm run smoke — the README's start command as a user meets it: starts `node dist/src/index.js` on a
 * fresh embedded database (temporary DATA_DIR), waits until it is ready, searches over REST and
 * through /api/messages like Teams, then stops it with SIGTERM and expects a clean exit.
 * After a burst of searches it reads the server's peak resident memory (VmHWM) and holds it to a budget:
 * 600 MiB on the embedded database, 250 MiB with SMOKE_DATABASE_URL (a real PostgreSQL), where the
 * database's memory is the server's own. SMOKE_RSS_BUDGET_MIB overrides either.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../src/util/paths';

const PORT = Number(process.env.SMOKE_PORT ?? 39780);
const DATABASE_URL = process.env.SMOKE_DATABASE_URL ?? '';
const RSS_BUDGET_MIB = Number(process.env.SMOKE_RSS_BUDGET_MIB ?? (DATABASE_URL ? 250 : 600));
const BURST_QUERIES = ['handskar', 'sök avtal rullstol', 'kopieringspapper', 'avtal tolk', 'bärbar dator', 'sok avtal mobler', 'vaccin i Västmanland', 'hjälp', 'taxi', 'städ'];
const base = `http://127.0.0.1:${PORT}`;

async function waitReady(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready within 60 s');
}

function check(cond: unknown, what: string): void {
  if (!cond) throw new Error(`smoke check failed: ${what}`);
  console.log(`ok - ${what}`);
}

/** The process's peak resident set (VmHWM) in MiB, from /proc; undefined where there is no /proc. */
function peakRssMib(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkop-smoke-'));
  const child = spawn(process.execPath, [fromRoot('dist', 'src', 'index.js')], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, MicrosoftAppId: '', DATABASE_URL, LOG_LEVEL: 'info', PLAN_DIGEST_DAY: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitReady(Date.now() + 60_000);
    check(/LOCAL MODE/.test(output), 'local mode is logged loudly');
    if (!DATABASE_URL) check(/loaded sample contracts/.test(output), 'sample contracts loaded into the empty database');
    const api = (await (await fetch(`${base}/api/contracts?q=handskar&limit=3`)).json()) as { total: number; items: { title: string }[] };
    check(api.total > 0 && /handskar/i.test(api.items[0].title), `REST search finds "${api.items[0]?.title}"`);
    const activity = {
      type: 'message',
      id: 'smoke-1',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: '29:smoke', aadObjectId: '00000000-0000-0000-0000-00000000000a', name: 'Smoke' },
      recipient: { id: '28:bot', name: 'Inköpsassistenten' },
      conversation: { id: 'a:smoke', conversationType: 'personal', tenantId: 't' },
      channelData: { tenant: { id: 't' } },
      locale: 'sv-SE',
      text: 'sök avtal handskar',
      deliveryMode: 'expectReplies',
    };
    const bot = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    const replies = (await bot.json()) as { activities: { attachments?: { contentType: string }[] }[] };
    check(replies.activities?.[0]?.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive', 'the bot answers "sök avtal handskar" with an Adaptive Card');
    for (let i = 0; i < 200; i++) {
      const text = BURST_QUERIES[i % BURST_QUERIES.length];
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...activity, id: `smoke-burst-${i}`, from: { ...activity.from, id: `29:smoke-${i % 20}`, aadObjectId: `00000000-0000-0000-0000-0000000001${String(i % 20).padStart(2, '0')}` }, text }),
      });
      if (!res.ok) throw new Error(`burst turn ${i} ("${text}") answered ${res.status}`);
      await fetch(`${base}/api/contracts?q=${encodeURIComponent(text)}&limit=5`);
    }
    const peakMib = peakRssMib(child.pid);
    if (peakMib === undefined) console.log('# peak RSS not readable here (no /proc); budget not checked');
    else check(peakMib <= RSS_BUDGET_MIB, `peak RSS after 200 turns and 200 REST searches is ${peakMib} MiB (budget ${RSS_BUDGET_MIB} MiB, ${DATABASE_URL ? 'PostgreSQL' : 'embedded database'})`);
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    check(code === 0, `SIGTERM stops the server cleanly (exit ${String(code)})`);
    check(/stopped/.test(output), 'shutdown is logged');
  } catch (err) {
    console.error(output.split('\n').slice(-30).join('\n'));
    child.kill('SIGKILL');
    throw err;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
