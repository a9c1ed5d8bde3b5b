import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { messageActivity } from '../helpers/teams';
import { dbFingerprint, expectCleanProblem } from '../security/fixtures';

/**
 * Bad input over the real HTTP server: malformed and odd JSON to the bot endpoint, wrong content types,
 * query strings full of SQL and full-text metacharacters, very long values, and CSV files that are
 * broken, in the wrong encoding or not text at all. Each gets a clear 4xx (problem+json in the caller's
 * language) or a normal answer, never a 5xx; the server keeps answering and nothing stored changes.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({});
});
afterAll(async () => {
  await app?.close();
});

async function expectClear(res: Response, label: string, allowed: number[] = [400]): Promise<Record<string, unknown> | null> {
  const text = await res.text();
  expect({ label, status: res.status, allowed: allowed.includes(res.status), body: allowed.includes(res.status) ? '' : text.slice(0, 500) }).toEqual({
    label,
    status: res.status,
    allowed: true,
    body: '',
  });
  if (res.status >= 400 && res.status !== 422) {
    expect({ label, type: res.headers.get('content-type') }).toEqual({ label, type: expect.stringMatching(/^application\/problem\+json/) });
    return expectCleanProblem(text);
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

describe('the bot endpoint', () => {
  const post = (body: string | Buffer, type?: string, lang?: string) =>
    fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { ...(type ? { 'Content-Type': type } : {}), ...(lang ? { 'Accept-Language': lang } : {}) }, body });
  const activity = messageActivity('hjälp');

  const cases: [string, () => Promise<Response>, number[]][] = [
    ['malformed JSON', () => post('{"type": "message", ', 'application/json'), [400]],
    ['JSON with a trailing comma', () => post('{"type":"message",}', 'application/json'), [400]],
    ['an empty body', () => post('', 'application/json'), [400]],
    ['JSON null', () => post('null', 'application/json'), [400]],
    ['a JSON array', () => post('[1,2,3]', 'application/json'), [400]],
    ['a JSON number', () => post('42', 'application/json'), [400]],
    ['a JSON string', () => post('"message"', 'application/json'), [400]],
    ['an activity without a type', () => post(JSON.stringify({ ...activity, type: undefined }), 'application/json'), [400]],
    ['a type that is a number', () => post(JSON.stringify({ ...activity, type: 7 }), 'application/json'), [400]],
    ['from that is a string', () => post(JSON.stringify({ ...activity, from: 'mallory' }), 'application/json'), [400]],
    ['conversation that is null', () => post(JSON.stringify({ ...activity, conversation: null }), 'application/json'), [400]],
    ['a serviceUrl that is not a URL', () => post(JSON.stringify({ ...activity, serviceUrl: 'javascript:alert(1)' }), 'application/json'), [400]],
    ['entities that are an object', () => post(JSON.stringify({ ...activity, entities: { type: 'clientInfo' } }), 'application/json'), [400]],
    ['text that is an array', () => post(JSON.stringify({ ...activity, text: ['sök', 'avtal'] }), 'application/json'), [400]],
    ['channelData that is a string', () => post(JSON.stringify({ ...activity, channelData: 'tenant' }), 'application/json'), [400]],
    ['nesting 100 000 levels deep', () => post(JSON.stringify({ ...activity, value: 'X' }).replace('"X"', '['.repeat(100_000) + ']'.repeat(100_000)), 'application/json'), [400]],
    ['text/plain', () => post(JSON.stringify(activity), 'text/plain'), [415]],
    ['no content type', () => post(JSON.stringify(activity)), [415]],
    ['a form', () => post('type=message&text=hej', 'application/x-www-form-urlencoded'), [415]],
    ['multipart with a file', () => post('--xx\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhej\r\n--xx--\r\n', 'multipart/form-data; boundary=xx'), [415]],
    ['XML', () => post('<activity type="message"/>', 'application/xml'), [415]],
    ['JSON in UTF-16', () => post(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(activity), 'utf16le')]), 'application/json'), [400]],
    ['binary garbage', () => post(randomBytes(4096), 'application/json'), [400]],
  ];
  for (const [name, send, allowed] of cases) {
    it(`${name}: a clear ${allowed.join('/')}, nothing stored`, async () => {
      const before = await dbFingerprint(app.db);
      await expectClear(await send(), name, allowed);
      expect(await dbFingerprint(app.db)).toEqual(before);
    });
  }

  it('says so in English when asked', async () => {
    const body = await expectClear(await post(JSON.stringify({ ...activity, from: 7 }), 'application/json', 'en'), 'english');
    expect(body?.title).toBe('Bad request');
    expect(body?.detail).toBe('The activity lacks fields or has fields of the wrong type: from.');
    const media = await expectClear(await post('x', 'text/plain', 'en-US'), 'english media', [415]);
    expect(media?.title).toBe('The content type is not supported.');
  });
});

describe('contract search queries', () => {
  const LONG = 'handskar '.repeat(1200);
  const queries: [string, string, number[]][] = [
    ['SQL injection', "q=' OR 1=1; DROP TABLE contracts; --", [200]],
    ['a quote in a supplier', "supplier=O'Brien'; DELETE FROM contracts --", [200]],
    ['full-text operators', `q=${encodeURIComponent("handskar & !nitril | (latex <-> :*) \\ '")}`, [200]],
    ['only operators', `q=${encodeURIComponent('& | ! : * ( ) <-> \\')}`, [200]],
    ['LIKE wildcards', 'q=%25&supplier=%25_%25', [200]],
    ['emoji', `q=${encodeURIComponent('🧤😀 handskar')}`, [200]],
    ['control characters', `q=${encodeURIComponent('hand\u0001\u0007\u001bskar\r\n')}`, [200]],
    ['a NUL byte', 'q=hand%00skar', [200, 400]],
    ['broken percent-encoding', 'q=%E0%A4%A', [200, 400]],
    ['an encoded lone surrogate', 'q=%ED%A0%80', [200, 400]],
    ['a 10 000 character query', `q=${encodeURIComponent(LONG)}`, [400]],
    ['a repeated parameter', 'q=a&q=b', [400]],
    ['a nested parameter', 'q[a][b]=c', [400]],
    ['a prototype key', 'q[__proto__][x]=1&limit[toString]=x', [200, 400]],
    ['a constructor key', 'constructor[prototype][x]=1', [200, 400]],
    ['a supplier with a NUL byte', 'supplier=Pensel%00bolaget', [200, 400]],
    ['limit that is text', 'limit=many', [400]],
    ['limit that is huge', 'limit=1e308', [400]],
    ['a negative offset', 'offset=-1', [400]],
    ['offset as an array', 'offset[]=1&offset[]=2', [400]],
    ['an unknown status', "status=active'--", [400]],
    ['an unknown region', 'region=Mars', [400]],
    ['an unknown category', 'category=../../etc/passwd', [400]],
  ];
  for (const [name, qs, allowed] of queries) {
    it(`${name}: ${allowed.join(' or ')}, nothing stored`, async () => {
      const before = await dbFingerprint(app.db);
      const body = await expectClear(await fetch(`${app.baseUrl}/api/contracts?${qs}`), name, allowed);
      if (body && 'items' in body) expect(Array.isArray(body.items)).toBe(true);
      expect(await dbFingerprint(app.db)).toEqual(before);
    });
  }

  const paths: [string, string, number[]][] = [
    ['an id with SQL', `/api/contracts/${encodeURIComponent("RS-2023-0127' OR '1'='1")}`, [404]],
    ['an id of 10 000 characters', `/api/contracts/${'A'.repeat(10_000)}`, [404, 414, 431]],
    ['an id with a NUL', '/api/contracts/RS%00', [404, 400]],
    ['an encoded path traversal', '/api/contracts/..%2F..%2Fetc%2Fpasswd', [404, 400]],
    ['an id with emoji', `/api/contracts/${encodeURIComponent('🧤')}`, [404]],
    ['a query on a single contract', '/api/contracts/RS-2023-0127?debug=1', [400]],
    ['categories with a parameter', '/api/categories?x=1', [400]],
    ['a report with a year that is text', '/api/reports/intake.csv?year=1999%27--', [401, 400]],
  ];
  for (const [name, path, allowed] of paths) {
    it(`${name}: ${allowed.join(' or ')}`, async () => {
      await expectClear(await fetch(`${app.baseUrl}${path}`), name, allowed);
    });
  }

  it('still finds a contract with a query full of metacharacters around a real word', async () => {
    const res = await fetch(`${app.baseUrl}/api/contracts?q=${encodeURIComponent("'handskar'; -- & | !")}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBeGreaterThan(0);
  });
});

describe('CSV imports', () => {
  const HEADER = 'contract_id;title;category;suppliers;valid_from;valid_to;regions;ordering_method;contract_type';
  const ROW = 'BAD-2026-0001;Penslar;kontor-allmant;Penselbolaget AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal';
  const importCsv = (body: Buffer | string, opts: { type?: string; query?: string; lang?: string } = {}) =>
    fetch(`${app.baseUrl}/api/contracts/import${opts.query ?? ''}`, {
      method: 'POST',
      headers: { 'Content-Type': opts.type ?? 'text/csv', Authorization: `Bearer ${TEST_ADMIN_KEY}`, ...(opts.lang ? { 'Accept-Language': opts.lang } : {}) },
      body,
    });

  const files: [string, () => Buffer | string, number[], RegExp?][] = [
    ['a quote that never closes', () => `${HEADER}\n${ROW}\n"BAD-2026-0002;Oavslutat citat;kontor-allmant`, [400], /rad|line/i],
    ['a quote in the middle of a field', () => `${HEADER}\nBAD-2026-0003;Pen"slar;kontor-allmant;X AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal`, [400, 422]],
    ['UTF-16 LE with a BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${ROW}\n`, 'utf16le')]), [400], /UTF-16/],
    ['UTF-16 BE with a BOM', () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${HEADER}\n${ROW}\n`, 'utf16le').swap16()]), [400], /UTF-16/],
    ['UTF-16 LE without a BOM', () => Buffer.from(`${HEADER}\n${ROW}\n`, 'utf16le'), [400], /UTF-16/],
    ['random bytes', () => randomBytes(64 * 1024), [400, 422]],
    ['a PNG file', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2048)]), [400, 422]],
    ['an empty file', () => '', [400]],
    ['only a BOM', () => Buffer.from([0xef, 0xbb, 0xbf]), [400]],
    ['a header and nothing else', () => `${HEADER}\n`, [200, 422]],
    ['a header with a column twice', () => `${HEADER};title\n${ROW};x`, [400]],
    ['no known column', () => 'a;b;c\n1;2;3', [400]],
    ['NUL bytes inside a row', () => `${HEADER}\nBAD-2026-0004;Pen\u0000slar;kontor-allmant;X\u0000 AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal`, [400], /NUL/],
    ['control characters and emoji', () => `${HEADER}\nBAD-2026-0005;Pen\u0007slar 🖌;kontor-allmant;X AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal`, [200, 422]],
    ['SQL in every cell', () => `${HEADER}\n${HEADER.split(';').map(() => "'; DROP TABLE contracts; --").join(';')}`, [422]],
    // A title longer than 200 characters is cut (with a note), not a reason to lose the contract.
    ['a 1 MB cell', () => `${HEADER}\nBAD-2026-0006;${'x'.repeat(1024 * 1024)};kontor-allmant;X AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal`, [200]],
    ['a quoted CSV formula in the middle of a field', () => `${HEADER}\nBAD-2026-0007;=HYPERLINK("http://evil");kontor-allmant;X AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal`, [400]],
    ['a CSV formula', () => `${HEADER}\nBAD-2026-0008;=1+2;kontor-allmant;@SUM(A1) AB;2026-01-01;2028-12-31;Sörmland;e-handel;avtal`, [200, 422]],
  ];
  for (const [name, make, allowed, message] of files) {
    it(`${name}: ${allowed.join(' or ')} on a dry run and for real, nothing half-done`, async () => {
      // The import log records refused imports too: everything else must stay as it was.
      const before = await dbFingerprint(app.db, ['contract_imports']);
      const dry = await expectClear(await importCsv(make(), { query: '?dryRun=true' }), `${name} (dry run)`, allowed);
      expect(await dbFingerprint(app.db, ['contract_imports'])).toEqual(before);
      if (message) expect(String(dry?.detail ?? '')).toMatch(message);
      const real = await importCsv(make());
      const body = await expectClear(real, name, allowed);
      if (real.status !== 200) {
        expect(await dbFingerprint(app.db, ['contract_imports'])).toEqual(before);
        if (real.status === 422) {
          const [last] = await app.db.query<{ outcome: string }>('SELECT outcome FROM contract_imports ORDER BY id DESC LIMIT 1');
          expect(last.outcome).toBe('refused');
        }
      } else {
        // Accepted rows are stored as data, exactly; every other row is reported with its line.
        const report = body as { valid: number; rejected: { line: number }[] };
        expect(report.rejected.every((r) => Number.isInteger(r.line) && r.line > 1)).toBe(true);
        const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contracts WHERE contract_id LIKE 'BAD-%'`);
        expect(n).toBeGreaterThanOrEqual(report.valid);
        await app.db.query(`DELETE FROM contracts WHERE contract_id LIKE 'BAD-%'`);
      }
    });
  }

  it('refuses the wrong content types and a bad dryRun value', async () => {
    for (const type of ['application/json', 'multipart/form-data; boundary=x', 'image/png', 'text/html']) {
      await expectClear(await importCsv(`${HEADER}\n${ROW}`, { type }), type, [415]);
    }
    await expectClear(await importCsv(`${HEADER}\n${ROW}`, { query: "?dryRun=yes'--" }), 'dryRun', [400]);
    const en = await expectClear(await importCsv('', { lang: 'en' }), 'english', [400]);
    expect(en?.title).toBe('The file could not be imported');
  });
});

it('still answers /healthz after all of it', async () => {
  expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
});
