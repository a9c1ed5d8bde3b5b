import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { ServerProcess, startServerProcess } from '../helpers/server-process';
import { cardActionInvoke, cardText, messageActivity, postActivity, send, TeamsUser } from '../helpers/teams';
import { FORM_INPUT } from './fixtures';

/**
 * kill -9 in the middle of a burst of 30 submitted needs: after a restart on the same embedded
 * database, every need the user saw acknowledged (case number on the card) is there, and the
 * officers' channel gets one card per case, exactly once.
 *
 * One window cannot be closed: a kill after the Bot Connector accepted a card but before the outbox
 * recorded it sends that card again after the restart (the connector takes no idempotency key). Under a
 * burst the embedded database queues that record behind the submits, so the window is wide; the test
 * keeps it shut by making the connector refuse sends during the burst. Cards delivered before the burst
 * (a first wave) show that delivered notices are not sent again.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const TEAM = { teamId: '19:team@thread.tacv2', channelId: '19:behov@thread.tacv2' };
const BURST = 30;
const WAVE = 4;
const CASE_NUMBER = /INK-\d{4}-\d{4}/;
const users: TeamsUser[] = Array.from({ length: WAVE + BURST }, (_, i) => ({
  id: `29:burst-${i}`,
  aadObjectId: `22222222-3333-4444-5555-${String(i).padStart(12, '0')}`,
  name: `Användare ${i}`,
}));

let connector: FakeConnector;
let dataDir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  connector = await startFakeConnector();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkop-crash-burst-'));
});
afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) await server.kill('SIGKILL');
  await connector.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  DATA_DIR: dataDir,
  SEED_SAMPLE_DATA: 'false',
  PROCUREMENT_OFFICERS: OFFICER.aadObjectId,
  OUTBOX_POLL_MS: '100',
  OUTBOX_LOCK_MS: '1500',
});
const desiredStart = () => new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
/** Cards posted (not updated) in the officers' channel, per case number. */
const postsPerCase = () => {
  const counts = new Map<string, number>();
  for (const c of connector.delivered()) {
    if (c.conversationId !== TEAM.channelId || c.method !== 'POST') continue;
    const no = CASE_NUMBER.exec(cardText(c.body.attachments))?.[0];
    if (no) counts.set(no, (counts.get(no) ?? 0) + 1);
  }
  return counts;
};
const personal = (user: TeamsUser) => ({ user, serviceUrl: connector.url, conversationId: `a:1on1-${user.aadObjectId}` });

it('keeps every acknowledged need of a burst cut by kill -9, and posts each channel card exactly once after restart', async () => {
  server = await startServerProcess(env());
  const first = server;
  await send(first.baseUrl, messageActivity('ta emot behov här', { user: OFFICER, serviceUrl: connector.url, conversationType: 'channel', conversationId: TEAM.channelId, team: TEAM }));

  // Every user has the form open before the burst.
  const forms = await Promise.all(
    users.map(async (u) => {
      const form = await send(first.baseUrl, messageActivity('anmäl behov', personal(u)));
      return /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form[0].attachments?.[0].content))?.[1] as string;
    }),
  );
  expect(forms.every(Boolean)).toBe(true);
  const acknowledged = new Map<string, string>(); // formId → case number
  const submit = async (i: number) => {
    const data = { formId: forms[i], ...FORM_INPUT, title: `Akvarieskötsel i väntrum ${i}`, category: 'tjanster', specialRequirements: '', desiredStart: desiredStart() };
    const { status, body } = await postActivity(first.baseUrl, cardActionInvoke('intake.submit', data, personal(users[i])));
    if (status !== 200) throw new Error(`status ${status}`);
    const caseNumber = CASE_NUMBER.exec(cardText((body as { value?: unknown }).value))?.[0];
    if (!caseNumber) throw new Error('no case number on the card');
    acknowledged.set(forms[i], caseNumber);
    return caseNumber;
  };

  // A first wave is submitted and its cards delivered (and recorded: the server is idle afterwards).
  const wave = await Promise.all(Array.from({ length: WAVE }, (_, i) => submit(i)));
  const waveDeadline = Date.now() + 30_000;
  while (wave.some((no) => !postsPerCase().has(no)) && Date.now() < waveDeadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500));

  // 30 submits at once; the process dies as soon as the first few of them have been acknowledged.
  connector.failRate(1, 503);
  let answered = 0;
  let killing: Promise<number | null> | undefined;
  const outcomes = await Promise.allSettled(
    Array.from({ length: BURST }, async (_, k) => {
      await submit(WAVE + k);
      if (++answered === 5 && !killing) killing = first.kill('SIGKILL');
    }),
  );
  expect(await killing).toBeNull();
  connector.failRate(0, 503);
  const cutOff = outcomes.filter((o) => o.status === 'rejected').length;
  expect(acknowledged.size).toBeGreaterThanOrEqual(WAVE + 5);
  expect(acknowledged.size + cutOff).toBe(WAVE + BURST);

  server = await startServerProcess(env());
  const restarted = server;

  // Every acknowledged need is there, under the number the user saw.
  for (const [i, u] of users.entries()) {
    const caseNumber = acknowledged.get(forms[i]);
    if (!caseNumber) continue;
    const mine = await send(restarted.baseUrl, messageActivity('mina ärenden', personal(u)));
    expect(cardText(mine[0].attachments?.[0].content)).toContain(caseNumber);
  }

  // Cases that committed but whose answer was cut off are kept too; the officer sees them all.
  const all = cardText((await send(restarted.baseUrl, messageActivity('mina ärenden', personal(OFFICER))))[0].attachments?.[0].content);
  const stored = new Set(all.match(new RegExp(CASE_NUMBER.source, 'g')) ?? []);
  for (const no of acknowledged.values()) expect(stored.has(no)).toBe(true);
  expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
  expect(stored.size).toBeLessThanOrEqual(WAVE + BURST);

  // Every stored case reaches the channel once: wait until each has a card, then a little longer for stray repeats.
  const deadline = Date.now() + 60_000;
  while ([...stored].some((no) => !postsPerCase().has(no)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 2000));
  const counts = postsPerCase();
  expect([...counts.keys()].sort()).toEqual([...stored].sort());
  expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);

  // A submit cut off by the kill, clicked again after the restart, gives the case that was stored (or a new one), never two.
  const cut = users.map((u, i) => ({ u, i })).filter(({ i }) => !acknowledged.has(forms[i]));
  for (const { u, i } of cut) {
    const data = { formId: forms[i], ...FORM_INPUT, title: `Akvarieskötsel i väntrum ${i}`, category: 'tjanster', specialRequirements: '', desiredStart: desiredStart() };
    const { body } = await postActivity(restarted.baseUrl, cardActionInvoke('intake.submit', data, personal(u)));
    const no = CASE_NUMBER.exec(cardText((body as { value?: unknown }).value))?.[0] as string;
    expect(no).toBeDefined();
    const mine = cardText((await send(restarted.baseUrl, messageActivity('mina ärenden', personal(u))))[0].attachments?.[0].content);
    expect(mine.match(new RegExp(CASE_NUMBER.source, 'g'))).toEqual([no]);
  }

  console.log(`crash burst: ${acknowledged.size - WAVE} of ${BURST} acknowledged before kill -9, ${stored.size - WAVE} of the burst stored, ${cut.length} re-submitted after restart`);
  expect(await restarted.kill('SIGTERM')).toBe(0);
}, 180_000);
