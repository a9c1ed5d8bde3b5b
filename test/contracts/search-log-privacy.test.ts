import { aggregateSearches, countsInSearchLog, holdsPersonalData, logSearch } from '../../src/contracts/search-log';
import { SECRET_FILE, searchLogSecret } from '../../src/contracts/search-log-secret';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { messageActivity, send, TeamsUser } from '../helpers/teams';

/**
 * Issue 21, finding 5 (and issue 25's note that the rule lived in three places): queries that hold a
 * personnummer-like number, an e-mail address or a phone number are never logged, and one pure function
 * decides whether a search counts, for chat, the message extension and REST alike.
 */
describe('holdsPersonalData', () => {
  it.each([
    'eva svensson 19800101 1234 sjukskrivning',
    'eva svensson 19800101-1234',
    '800101-1234',
    'ring +46 70-123 45 67',
    '070 123 45 67',
    'kontakta eva.svensson@regionsormland.se',
    'a@b',
    '(08) 123 4567',
  ])('finds personal data in %p', (q) => expect(holdsPersonalData(q)).toBe(true));
  it.each(['nitrilhandskar', 'tolktjänster 2026', 'handskar 500 st', 'kanyl 0,8 mm', 'skrivare hp 4250', 'ab 123 456'])('leaves %p alone', (q) => expect(holdsPersonalData(q)).toBe(false));
  it('is linear on a long run of separators', () => {
    expect(holdsPersonalData('1 '.repeat(3) + '-'.repeat(100_000))).toBe(false);
  });
});

describe('countsInSearchLog, the one rule', () => {
  const base = { q: 'xylofon', offset: 0, found: false };
  it.each([
    ['a new search', base, true],
    ['a search that found a contract', { ...base, found: true }, true],
    ['"Visa fler" (not the first page)', { ...base, offset: 5 }, false],
    ['no words', { ...base, q: '  ' }, false],
    ['no query at all', { ...base, q: undefined }, false],
    ['a region finding nothing', { ...base, region: 'Sörmland' }, false],
    ['a region finding something', { ...base, region: 'Sörmland', found: true }, true],
    ['a category filter', { ...base, category: 'it' }, false],
    ['a supplier filter', { ...base, supplier: 'Acme' }, false],
    ['a status filter', { ...base, status: 'active' }, false],
    ['status all', { ...base, status: 'all' }, true],
    ['a personnummer', { ...base, q: 'eva svensson 19800101 1234' }, false],
    ['an e-mail address', { ...base, q: 'eva@example.se' }, false],
  ])('%s', (_name, shape, expected) => expect(countsInSearchLog(shape)).toBe(expected));

  it('is the only place the rule lives: every search source logs through logSearch, none records on its own', async () => {
    const fs = await import('node:fs');
    for (const file of ['src/contracts/teams.ts', 'src/contracts/routes.ts']) {
      const src = fs.readFileSync(file, 'utf8');
      expect({ file, records: src.match(/searchLog\??\.record\(/g) ?? [], rule: src.match(/countsInSearchLog\(/g) ?? [] }).toEqual({ file, records: [], rule: [] });
      expect((src.match(/logSearch\(deps\.searchLog,/g) ?? []).length).toBeGreaterThan(0);
    }
  });

  it('logSearch records what the rule counts, found when a current contract was among the hits', () => {
    const recorded: unknown[] = [];
    const log = { record: (e: unknown) => void recorded.push(e), flush: async () => {}, stop: async () => {} };
    logSearch(log, { q: 'handskar', offset: 0, items: [{ status: 'expired' }, { status: 'active' }] }, { source: 'chat', aadId: 'a1' });
    logSearch(log, { q: 'xylofon', offset: 0, region: 'Sörmland', items: [] }, { source: 'chat', aadId: 'a1' });
    logSearch(log, { q: 'handskar', offset: 5, items: [] }, { source: 'msgext' });
    logSearch(log, { q: 'xylofon', offset: 0, items: [{ status: 'expired' }] }, { source: 'rest' });
    logSearch(undefined, { q: 'handskar', offset: 0, items: [] }, { source: 'rest' });
    expect(recorded).toEqual([
      { q: 'handskar', source: 'chat', found: true, aadId: 'a1' },
      { q: 'xylofon', source: 'rest', found: false },
    ]);
  });

  it('aggregateSearches drops personal data whoever recorded it', () => {
    const rows = aggregateSearches([
      { q: 'eva svensson 19800101 1234 sjukskrivning', source: 'chat', found: false, aadId: 'x' },
      { q: 'ring 070-123 45 67', source: 'rest', found: false },
      { q: 'xylofon', source: 'chat', found: false, aadId: 'y' },
    ]);
    expect(rows.map((r) => r.query)).toEqual(['xylofon']);
  });
});

describe('over the real paths', () => {
  let app: TestApp;
  const user: TeamsUser = { id: '29:searcher', aadObjectId: '5ea4c0e0-0000-4000-8000-0000000000a1', name: 'Sökare' };
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('never writes a query that holds a personnummer, an e-mail address or a phone number', async () => {
    for (const q of ['eva svensson 19800101 1234 sjukskrivning', 'eva.svensson@example.se', 'ring 070-123 45 67']) {
      await send(app.baseUrl, messageActivity(`sök avtal ${q}`, { user, conversationId: `a:1on1-${user.aadObjectId}` }));
      await fetch(`${app.baseUrl}/api/contracts?q=${encodeURIComponent(q)}`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    }
    await send(app.baseUrl, messageActivity('sök avtal xylofon', { user, conversationId: `a:1on1-${user.aadObjectId}` }));
    // The report writes what is waiting first.
    expect((await fetch(`${app.baseUrl}/api/reports/unmet-searches.csv`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } })).status).toBe(200);
    const rows = await app.db.query<{ query: string | null }>('SELECT query FROM search_counts');
    const all = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const bit of ['svensson', '19800101', '070', 'example']) expect(all).not.toContain(bit);
  });
});

describe('the secret outside the database', () => {
  it('in local mode is a file under DATA_DIR, made on first use, readable by its owner only, and the same afterwards', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-secret-'));
    try {
      const get = searchLogSecret(undefined, dir);
      expect(fs.existsSync(path.join(dir, SECRET_FILE))).toBe(false);
      const first = get();
      expect(first.length).toBe(64);
      expect(fs.statSync(path.join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
      expect(searchLogSecret(undefined, dir)()).toEqual(first);
      expect(searchLogSecret('c'.repeat(32), dir)()).toEqual(Buffer.from('c'.repeat(32)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('query text only from UNMET_MIN_PEOPLE people on', () => {
  let app: TestApp;
  const people = [1, 2, 3].map((n): TeamsUser => ({ id: `29:s${n}`, aadObjectId: `5ea4c0e0-0000-4000-8000-0000000001a${n}`, name: `Sökare ${n}` }));
  const flush = async () => expect((await fetch(`${app.baseUrl}/api/reports/unmet-searches.csv`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } })).status).toBe(200);
  const texts = async () => JSON.stringify(await app.db.query('SELECT query, stem FROM search_counts UNION ALL SELECT stem, stem FROM search_people'));
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps only keyed hashes until the third person, then the text (earlier rows too); a stem is never text', async () => {
    const say = (u: TeamsUser, q: string) => send(app.baseUrl, messageActivity(`sök avtal ${q}`, { user: u, conversationId: `a:1on1-${u.aadObjectId}` }));
    await say(people[0], 'sjukskrivning svensson');
    await say(people[1], 'sjukskrivning svensson');
    await fetch(`${app.baseUrl}/api/contracts?q=sjukskrivning%20svensson`);
    await flush();
    expect(await texts()).not.toMatch(/svensson|sjukskriv/);
    const hashed = await app.db.query<{ query: string }>('SELECT query FROM search_counts');
    expect(hashed.length).toBeGreaterThan(0);
    for (const r of hashed) expect(r.query).toMatch(/^#[0-9a-f]{64}$/);
    await say(people[2], 'sjukskrivning svensson');
    await flush();
    const rows = await app.db.query<{ query: string; stem: string; searches: number }>('SELECT query, stem, searches FROM search_counts ORDER BY source');
    expect(rows.map((r) => r.query)).toEqual(['sjukskrivning svensson', 'sjukskrivning svensson']);
    for (const r of rows) expect(r.stem).toMatch(/^#[0-9a-f]{64}$/);
    const csv = await (await fetch(`${app.baseUrl}/api/reports/unmet-searches.csv`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } })).text();
    expect(csv).toContain('sjukskrivning svensson;4;3');
  });
});
