import http from 'node:http';
import { AddressInfo } from 'node:net';
import restify from 'restify';
import { Writable } from 'node:stream';
import { buildApp, BuiltApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Db } from '../../src/db';
import { createLogger, Logger } from '../../src/logger';
import { requestContext, requestIdFrom, saneId } from '../../src/util/log-context';
import { TEST_ADMIN_KEY, TEST_NOW } from '../helpers/app';
import { createTestDb } from '../helpers/db';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { messageActivity, send, TeamsUser } from '../helpers/teams';

/**
 * Every log line written while a request or a bot turn runs carries its reqId (and turnId for turns),
 * also in code that is not handed a logger for it and after the request body was read from the socket.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const TEAM = { teamId: '19:team-inkop@thread.tacv2', channelId: '19:behov@thread.tacv2' };

interface Line {
  msg: string;
  level: number;
  reqId?: string;
  turnId?: string;
  [k: string]: unknown;
}

let db: Db;
let built: BuiltApp;
let baseUrl: string;
let logger: Logger;
let connector: FakeConnector;
const lines: Line[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.push({ id: OFFICER.id, aadObjectId: OFFICER.aadObjectId, name: OFFICER.name });
  db = await createTestDb();
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      cb();
    },
  });
  logger = createLogger('debug', sink);
  const config = loadConfig({ CONTRACTS_ADMIN_KEY: TEST_ADMIN_KEY, PROCUREMENT_OFFICERS: OFFICER.aadObjectId });
  built = buildApp({ config, db, logger, now: TEST_NOW });
  await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(built.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => built.server.close(() => resolve()));
  await db.close();
  await connector.close();
});

const CSV = [
  'contract_id;title;description;category;suppliers;keywords;cpv_codes;valid_from;valid_to;max_extension_to;regions;ordering_method;contact_name;contact_email;url;contract_type',
  'LOG-1;Loggtest;Beskrivning;tjanster;Exempel AB;logg;;2026-01-01;2027-12-31;;Sörmland;avrop;;;;avtal',
].join('\n');

it('gives each request an id, honours a sane x-request-id, and puts it on every line of the request', async () => {
  const res = await fetch(`${baseUrl}/api/contracts/import?dryRun=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${TEST_ADMIN_KEY}`, 'x-request-id': 'client-req-42' },
    body: CSV,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe('client-req-42');
  // Written by the import route after reading the body from the socket; the route passes no id itself.
  const importLine = lines.find((l) => l.msg === 'contract import');
  expect(importLine).toMatchObject({ reqId: 'client-req-42', valid: 1 });
  expect(importLine?.turnId).toBeUndefined();
  expect(lines.find((l) => l.msg === 'request' && l.reqId === 'client-req-42')).toMatchObject({ status: 200 });

  // No header, or a header that is not a plain short id: a fresh UUID.
  for (const header of [undefined, 'has spaces in it', 'x'.repeat(300), '{"msg":"forged"}']) {
    const r = await fetch(`${baseUrl}/healthz`, header ? { headers: { 'x-request-id': header } } : {});
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  }
});

it('keeps the id in handlers that the body parser calls back from socket events', async () => {
  // A route of the callback kind (bodyParser calls next() from the body's 'end' event), fed slowly.
  const server = restify.createServer();
  server.pre(requestContext());
  server.post('/echo', restify.plugins.bodyParser({ mapParams: false }), (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    logger.info('echo handler');
    res.send(204);
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const mark = lines.length;
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/echo', method: 'POST', headers: { 'Content-Type': 'application/json', 'x-request-id': 'slow-body-1', 'Transfer-Encoding': 'chunked' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write('{"a":');
    setTimeout(() => req.end('1}'), 150);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  expect(status).toBe(204);
  expect(lines.slice(mark).find((l) => l.msg === 'echo handler')).toMatchObject({ reqId: 'slow-body-1' });
});

it('puts the request id and the activity id on every line written during a bot turn', async () => {
  const activity = messageActivity('<at>Inköpsassistenten</at> ta emot behov här', {
    user: OFFICER,
    serviceUrl: connector.url,
    conversationType: 'channel',
    conversationId: `${TEAM.channelId};messageid=1`,
    team: TEAM,
  });
  const from = lines.length;
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-request-id': 'turn-req-7' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
  const during = lines.slice(from).filter((l) => l.msg !== 'request');
  // The intake module logs the registration with its own logger and no ids; the turn line comes from app.ts.
  expect(during.map((l) => l.msg)).toEqual(expect.arrayContaining(['officers channel registered', 'turn']));
  for (const l of during) expect(l).toMatchObject({ reqId: 'turn-req-7', turnId: activity.id });

  // Another turn gets its own ids; nothing leaks from one to the next.
  const second = messageActivity('hjälp', { user: OFFICER });
  const mark = lines.length;
  await send(baseUrl, second);
  const turnLines = lines.slice(mark).filter((l) => l.msg === 'turn');
  expect(turnLines).toHaveLength(1);
  expect(turnLines[0].turnId).toBe(second.id);
  expect(turnLines[0].reqId).not.toBe('turn-req-7');
});

it('writes no ids on lines outside a request or turn', () => {
  const mark = lines.length;
  logger.info('outside');
  expect(lines[mark]).toMatchObject({ msg: 'outside' });
  expect(lines[mark].reqId).toBeUndefined();
  expect(lines[mark].turnId).toBeUndefined();
});

it('accepts only short plain ids', () => {
  expect(saneId('1:1abc-DEF_2.x@y')).toBe('1:1abc-DEF_2.x@y');
  expect(saneId('a b')).toBeUndefined();
  expect(saneId('-leading-dash')).toBeUndefined();
  expect(saneId(42)).toBeUndefined();
  expect(requestIdFrom('ok-1')).toBe('ok-1');
  expect(requestIdFrom('')).not.toBe('');
});
