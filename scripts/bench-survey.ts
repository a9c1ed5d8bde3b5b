/**
 * npm run bench:survey — fans out survey invitations (default 10 000) through the outbox to a fake Bot
 * Connector on loopback that answers 5 % of requests with 429, and reports the time, the peak memory
 * and the theoretical minimum the rate limits imply. Env: BENCH_INVITES, BENCH_TENANT_RPS (default 30,
 * Teams' per-tenant rate), BENCH_RETRY_AFTER (seconds in the 429s, default 1), BENCH_LANES (the worker's
 * concurrency; default its own). --write updates BENCHMARKS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessenger } from '../src/bot/messenger';
import { loadConfig } from '../src/config';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { migrate, openDatabase } from '../src/db';
import { findCase } from '../src/intake/repository';
import { createLogger } from '../src/logger';
import { createOutboxRepository } from '../src/outbox/repository';
import { createOutboxWorker } from '../src/outbox/worker';
import { createSurveyDelivery } from '../src/survey/delivery';
import { deliveryKind } from '../src/core/module';
import { createSurveyService } from '../src/survey/service';
import { fromRoot } from '../src/util/paths';
import { startFakeConnector } from './lib/fake-connector';
import { createOfficerDirectory } from '../src/core/officer-repository';

const N = Number(process.env.BENCH_INVITES ?? 10_000);
const RPS = Number(process.env.BENCH_TENANT_RPS ?? 30);
const RETRY_AFTER = Number(process.env.BENCH_RETRY_AFTER ?? 1);
/** The worker's lanes (default: the worker's own default). */
const LANES = process.env.BENCH_LANES ? Number(process.env.BENCH_LANES) : undefined;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-survey-'));
  const db = await openDatabase({ dataDir });
  await migrate(db);
  const connector = await startFakeConnector();
  const logger = createLogger('silent');
  const config = loadConfig({ TEAMS_TENANT_RPS: String(RPS) });
  const officer = { aadId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Officer' };
  const officers = createOfficerDirectory(db, [officer.aadId]);
  const surveys = createSurveyService({ db, officers, config: { reminderDays: 5, closeDays: 14 } });

  await db.exec(`INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year,
    desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id, submitter_name)
    VALUES ('INK-2026-9999', 'bench', 'avtal-tecknat', 'Benchmark', 'tjanster', 'supplies-services', 1, 1, '2027-01-01', '2026-01-01',
    'direct', 'i-tid', 0, '{}', '{"referenceGroup":""}', 'b0000000-0000-0000-0000-000000000000', 'Bench')`);
  const aad = (i: number) => `f0000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
  await db.transaction(async (tx) => {
    for (let i = 0; i < N; i++) {
      await tx.query('INSERT INTO conversation_refs (key, reference) VALUES ($1, $2::jsonb)', [
        `user:${aad(i)}`,
        JSON.stringify({ channelId: 'msteams', serviceUrl: connector.url, conversation: { id: `a:inv-${i}`, conversationType: 'personal' }, bot: { id: '28:bot' } }),
      ]);
    }
  });
  const c = await findCase(db, { caseNumber: 'INK-2026-9999' });
  if (!c) throw new Error('benchmark case missing');
  // The submitter (no conversation reference) is excluded: every respondent here is reachable.
  await surveys.startForCase({ ...c, submitter: { ...c.submitter, aadId: aad(0) } }, officer, Array.from({ length: N - 1 }, (_, i) => ({ aadId: aad(i + 1), name: `R${i + 1}` })));

  const messenger = createMessenger(new TeamsAdapter({}), '');
  // Delivery kinds carry their module's name, as the app registers them (src/core/module.ts).
  const surveyDeliveries = Object.fromEntries(Object.entries(createSurveyDelivery({ db, messenger, surveys, config })).map(([k, h]) => [deliveryKind('survey', k), h]));
  const worker = createOutboxWorker(createOutboxRepository(db), surveyDeliveries, logger, {
    pollMs: 50,
    tenantPerSecond: RPS,
    ...(LANES ? { concurrency: LANES } : {}),
  });
  connector.failRate(0.05, 429, RETRY_AFTER);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = Date.now();
  worker.start();
  for (;;) {
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  await worker.stop();
  const delivered = connector.delivered().length;
  const injected = connector.calls.filter((x) => '__failedWith' in x.body).length;
  const perConv = new Map<string, number>();
  for (const x of connector.delivered()) perConv.set(x.conversationId, (perConv.get(x.conversationId) ?? 0) + 1);
  const duplicates = [...perConv.values()].filter((v) => v > 1).length;
  await connector.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const minimum = N / RPS;
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, embedded PGlite.`,
    '',
    '| invitations | tenant limit | injected 429s (Retry-After) | delivered | duplicates | time | theoretical minimum | peak RSS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${N.toLocaleString('en')} | ${RPS}/s | ${injected} (${RETRY_AFTER} s) | ${delivered.toLocaleString('en')} | ${duplicates} | ${seconds.toFixed(1)} s | ${minimum.toFixed(1)} s (N / tenant rate; one message per 1:1 conversation, so the 7/s per-conversation limit does not bind) | ${Math.round(peakRss / 2 ** 20)} MiB |`,
  ].join('\n');
  console.log(md);
  if (process.argv.includes('--write')) {
    const file = fromRoot('BENCHMARKS.md');
    const start = '<!-- bench:survey:start -->';
    const end = '<!-- bench:survey:end -->';
    const text = fs.readFileSync(file, 'utf8');
    const block = `${start}\n${md}\n${end}`;
    fs.writeFileSync(file, text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text.trimEnd()}\n\n## Survey fan-out — \`npm run bench:survey\`\n\n${block}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
