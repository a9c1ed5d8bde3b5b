import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { ServerProcess, startServerProcess } from '../helpers/server-process';
import { cardActionInvoke, cardText, invoke, messageActivity, send, TeamsUser } from '../helpers/teams';
import { FORM_INPUT } from './fixtures';

/**
 * kill -9 between the commit of a need and the delivery of its notice: after a restart on the same
 * embedded database, the case is there and the officers' channel gets the notice exactly once.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const SUBMITTER: TeamsUser = { id: '29:submitter', aadObjectId: '11111111-2222-3333-4444-555555555555', name: 'Karin Sjuksköterska' };
const TEAM = { teamId: '19:team@thread.tacv2', channelId: '19:behov@thread.tacv2' };

let connector: FakeConnector;
let dataDir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  connector = await startFakeConnector();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkop-crash-'));
});
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill('SIGKILL');
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

it('delivers the notice of an acknowledged case exactly once after kill -9 and restart', async () => {
  server = await startServerProcess(env());
  const personal = { user: SUBMITTER, serviceUrl: connector.url, conversationId: 'a:1on1-karin' };
  await send(server.baseUrl, messageActivity('ta emot behov här', { user: OFFICER, serviceUrl: connector.url, conversationType: 'channel', conversationId: TEAM.channelId, team: TEAM }));

  // The connector leaves the first post unanswered: the worker has claimed the notice and is mid-send.
  connector.hangNext(1);
  const form = await send(server.baseUrl, messageActivity('anmäl behov', personal));
  const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form[0].attachments?.[0].content))?.[1];
  const res = await invoke(
    server.baseUrl,
    cardActionInvoke('intake.submit', { formId, ...FORM_INPUT, title: 'Akvarieskötsel i väntrum', category: 'tjanster', specialRequirements: '' }, personal),
  );
  const caseNumber = /INK-\d{4}-\d{4}/.exec(cardText(res.value))?.[0];
  expect(caseNumber).toBeDefined(); // acknowledged to the user

  const hangDeadline = Date.now() + 10_000;
  while (!connector.calls.some((c) => '__hung' in c.body) && Date.now() < hangDeadline) await new Promise((r) => setTimeout(r, 50));
  expect(connector.calls.some((c) => '__hung' in c.body)).toBe(true);
  expect(await server.kill('SIGKILL')).toBeNull();

  server = await startServerProcess(env());
  const deadline = Date.now() + 20_000;
  const delivered = () => connector.delivered().filter((c) => c.conversationId === TEAM.channelId && cardText(c.body.attachments).includes(caseNumber as string));
  while (delivered().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  expect(delivered()).toHaveLength(1);

  const mine = await send(server.baseUrl, messageActivity('mina ärenden', personal));
  expect(cardText(mine[0].attachments?.[0].content)).toContain(caseNumber);
  expect(await server.kill('SIGTERM')).toBe(0);
});
