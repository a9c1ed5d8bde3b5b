import { VERBS } from '../../src/cards/verbs';
import { contractsModule } from '../../src/contracts/module';
import { UNMET_WINDOW_DAYS } from '../../src/contracts/search-log';
import { forgetRareSearches } from '../../src/contracts/search-log-repository';
import { keyedText } from '../../src/contracts/search-log-secret';
import { t } from '../../src/i18n';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { cardSubmitActivity, cardText, messageActivity, messageExtensionQuery, postActivity, send, TeamsUser } from '../helpers/teams';

/**
 * What staff search for without finding a contract (issue 13, avtalslösa områden), through real Bot
 * Framework activities and the REST API: the CSV report, the officers' card and the purge.
 */
const REPORTS_KEY = 'reports-key-0123456789abcdef';
const SECRET = 'search-log-secret-for-tests-0123456789';
const person = (n: number): TeamsUser => ({ id: `29:searcher-${n}`, aadObjectId: `5ea4c0e0-0000-4000-8000-00000000000${n}`, name: `Sökare ${n}` });
const [A, B, C, D] = [1, 2, 3, 4].map(person);
const OFFICER: TeamsUser = { id: '29:officer-unmet', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000f1', name: 'Olle Officer' };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, REPORTS_KEY, SEARCH_LOG_SECRET: SECRET } });
});
afterAll(async () => {
  await app?.close();
});

/** A chat search; returns whether the bot answered with the no-hits card. */
async function search(user: TeamsUser, text: string): Promise<boolean> {
  const replies = await send(app.baseUrl, messageActivity(text, { user, conversationId: `a:1on1-${user.aadObjectId}` }));
  expect(replies).toHaveLength(1);
  const card = cardText(replies[0].attachments?.map((a) => a.content));
  expect(card).not.toBe('');
  return card.includes(t('sv', 'contracts.noHits.text'));
}

async function csv(query = '', key = REPORTS_KEY): Promise<{ status: number; type: string; rows: string[][]; text: string }> {
  const res = await fetch(`${app.baseUrl}/api/reports/unmet-searches.csv${query}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  const text = await res.text();
  const rows = text.replace(/^\ufeff/, '').split('\r\n').filter(Boolean).map((l) => l.split(';'));
  return { status: res.status, type: res.headers.get('content-type') ?? '', rows, text };
}
const row = (rows: string[][], query: string) => rows.find((r) => r[0] === query);

describe('GET /api/reports/unmet-searches.csv', () => {
  it('lists a query three people searched without a hit, and not one that one person searched many times', async () => {
    for (const u of [A, B, C]) expect(await search(u, 'xylofon')).toBe(true);
    for (let i = 0; i < 5; i++) expect(await search(D, 'sök avtal trumpetventil')).toBe(true);
    const { status, type, rows } = await csv();
    expect(status).toBe(200);
    expect(type).toMatch(/text\/csv/);
    expect(rows[0]).toEqual(['query', 'searches', 'people']);
    expect(row(rows, 'xylofon')).toEqual(['xylofon', '3', '3']);
    expect(row(rows, 'trumpetventil')).toBeUndefined();
  });

  it('never lists a query that found contracts', async () => {
    for (const u of [A, B, C, D]) expect(await search(u, 'handskar')).toBe(false);
    expect(row((await csv()).rows, 'handskar')).toBeUndefined();
  });

  it('counts REST searches as searches but not as people; message-extension searches count people', async () => {
    for (const u of [A, B]) expect(await search(u, 'marimba')).toBe(true);
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${app.baseUrl}/api/contracts?q=Marimba`);
      expect(((await res.json()) as { total: number }).total).toBe(0);
    }
    // Two people and four API calls: not enough people.
    expect(row((await csv()).rows, 'marimba')).toBeUndefined();
    // A third person, in a compose box: Teams sends each stage of the typing; only the last one counts.
    for (const typed of ['mar', 'marim', 'marimba']) {
      const { status, body } = await postActivity(app.baseUrl, messageExtensionQuery(typed, { user: C }));
      expect(status).toBe(200);
      if (typed === 'marimba') expect((body as { composeExtension: { attachments: unknown[] } }).composeExtension.attachments).toEqual([]);
    }
    expect(row((await csv()).rows, 'marimba')).toEqual(['marimba', '7', '3']);
    expect(row((await csv()).rows, 'mar')).toBeUndefined();
  });

  it('groups the forms of one word by their stem, under the commonest form', async () => {
    expect(await search(A, 'kamelpiske')).toBe(true);
    expect(await search(B, 'kamelpiskar')).toBe(true);
    expect(await search(C, 'Kamelpiskar')).toBe(true);
    const { rows } = await csv();
    expect(row(rows, 'kamelpiskar')).toEqual(['kamelpiskar', '3', '3']);
    expect(row(rows, 'kamelpiske')).toBeUndefined();
  });

  it('takes a period as days or from–to, refuses bad ones with 400, and needs a key', async () => {
    expect(row((await csv('?days=1')).rows, 'xylofon')).toEqual(['xylofon', '3', '3']);
    expect(row((await csv('?from=2020-01-01&to=2020-12-31')).rows, 'xylofon')).toBeUndefined();
    for (const bad of ['?days=0', '?days=abc', '?from=2026-02-30&to=2026-03-01', '?from=2026-01-01', '?days=5&from=2026-01-01&to=2026-01-02', '?from=2026-02-01&to=2026-01-01', '?year=2026']) {
      const res = await csv(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.text).not.toMatch(/at |Error/);
    }
    expect((await csv('', '')).status).toBe(401);
    expect((await csv('', 'wrong-key-0123456789abcdef')).status).toBe(401);
    expect((await csv('', TEST_ADMIN_KEY)).status).toBe(200);
  });
});

describe('what counts as found, and people across a key rotation', () => {
  const api = async (query: string) => (await (await fetch(`${app.baseUrl}/api/contracts?${query}`)).json()) as { total: number; items: { status: string }[] };
  /**
   * Ends the people count's key period: what was written so far becomes an earlier period's, with the
   * different hashes an earlier period's key gives (the key comes from the clock and the secret).
   */
  const rotate = () => app.db.query('UPDATE search_people SET key_id = key_id - 1000, person_hash = sha256(person_hash)');

  it('counts a search that finds only expired contracts as unmet', async () => {
    // The catalogue has it, expired only (searches with a status filter are not counted).
    expect((await api('q=obduktion&status=expired')).total).toBeGreaterThan(0);
    for (const status of ['active', 'expiring']) expect((await api(`q=obduktion&status=${status}`)).total).toBe(0);
    for (const u of [A, B, C]) expect(await search(u, 'obduktion')).toBe(false); // a results card, of an expired contract
    expect(row((await csv()).rows, 'obduktion')).toEqual(['obduktion', '3', '3']);
  });

  it('does not count a region-filtered search without a hit when the other region has a contract', async () => {
    for (const u of [A, B, C]) expect(await search(u, 'sök avtal mammografi i Sörmland')).toBe(true);
    expect(row((await csv()).rows, 'mammografi')).toBeUndefined();
    const all = await api('q=mammografi&status=active');
    expect(all.total).toBeGreaterThan(0);
  });

  it('counts a person once when the key rotates within the period, so one person never reaches the threshold', async () => {
    for (const u of [A, B]) expect(await search(u, 'fagott')).toBe(true);
    expect(await search(D, 'cembalo')).toBe(true);
    await csv(); // written under the first key
    await rotate();
    for (const u of [A, B, C]) expect(await search(u, 'fagott')).toBe(true);
    expect(await search(D, 'cembalo')).toBe(true);
    await csv();
    await rotate();
    expect(await search(D, 'cembalo')).toBe(true);
    const { rows } = await csv();
    // Five hashes for fagott and three for cembalo, under different keys: A, B and D count once each.
    const stemOf = (stem: string) => keyedText(Buffer.from(SECRET), 'stem', stem);
    const hashes = await app.db.query<{ stem: string; n: number }>(`SELECT stem, count(DISTINCT person_hash)::int AS n FROM search_people WHERE stem IN ($1, $2) GROUP BY stem`, [stemOf('fagot'), stemOf('cembalo')]);
    expect(Object.fromEntries(hashes.map((h) => [h.stem, h.n]))).toEqual({ [stemOf('cembalo')]: 3, [stemOf('fagot')]: 5 });
    expect(row(rows, 'fagott')).toEqual(['fagott', '5', '3']);
    expect(row(rows, 'cembalo')).toBeUndefined();
  });
});

describe('the officers\' command', () => {
  const ask = (user: TeamsUser, text: string, locale = 'sv-SE') => send(app.baseUrl, messageActivity(text, { user, locale, conversationId: `a:1on1-${user.aadObjectId}` }));

  it('shows the top queries on a card, each with Starta ärende carrying the intake verb and the query', async () => {
    const [reply] = await ask(OFFICER, 'sökningar utan träff');
    const card = reply.attachments?.[0]?.content as Record<string, unknown>;
    const text = cardText(card);
    expect(text).toContain(t('sv', 'contracts.unmet.title', { days: 90 }));
    expect(text).toMatch(/xylofon/);
    expect(text).toMatch(/kamelpiskar/);
    expect(text).not.toMatch(/trumpetventil|handskar\b/);
    const json = JSON.stringify(card);
    expect(json).toContain(JSON.stringify({ verb: VERBS.menuIntake, q: 'xylofon' }).slice(1, -1));
    // Pressing it opens the intake form with the query as the need's title.
    const [form] = await send(app.baseUrl, cardSubmitActivity({ verb: VERBS.menuIntake, q: 'xylofon' }, { user: OFFICER }));
    expect(JSON.stringify(form.attachments?.[0]?.content)).toMatch(/"value":"xylofon"/);
  });

  it('answers in English too', async () => {
    const [reply] = await ask(OFFICER, 'unmet searches', 'en-US');
    expect(cardText(reply.attachments?.[0]?.content)).toContain(t('en', 'contracts.unmet.start'));
  });

  it('is refused to someone who is not an officer', async () => {
    const replies = await ask(A, 'sökningar utan träff');
    expect(replies.map((r) => r.text)).toEqual([t('sv', 'errors.forbidden')]);
  });
});

describe('robustness and retention', () => {
  it('answers the search when the log cannot be written, and writes it at the next flush', async () => {
    // Every insert into the counts fails from now on (a constraint no row meets).
    await app.db.query('ALTER TABLE search_counts ADD CONSTRAINT broken CHECK (searches < 0) NOT VALID');
    try {
      for (const u of [A, B, C]) expect(await search(u, 'okarina')).toBe(true);
      expect(row((await csv()).rows, 'okarina')).toBeUndefined();
      expect(app.logs.some((l) => l.includes('search log not written'))).toBe(true);
    } finally {
      await app.db.query('ALTER TABLE search_counts DROP CONSTRAINT broken');
    }
    expect(row((await csv()).rows, 'okarina')).toEqual(['okarina', '3', '3']);
  });

  it('stores no name or Entra id, only keyed hashes that differ per word', async () => {
    const dump = (await app.db.query<{ t: string }>(`SELECT string_agg(row_to_json(x)::text, ' ') AS t FROM (SELECT * FROM search_counts UNION ALL SELECT day, stem, stem, '', false, 0 FROM search_people) x`))[0].t;
    expect(dump).not.toMatch(/5ea4c0e0|Sökare|searcher/);
    const hashes = await app.db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT person_hash)::int AS d FROM search_people');
    expect(hashes[0].d).toBe(hashes[0].n); // A's hash for "xylofon" is not A's hash for "marimba"
    // No key in the database: every key is derived from SEARCH_LOG_SECRET.
    expect(await app.db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'search_log_keys'`)).toEqual([]);
  });

  it('purges counts, people hashes and keys older than the retention period', async () => {
    await app.db.query(`INSERT INTO search_counts VALUES (current_date - 800, 'gammal', 'gammal', 'chat', false, 4)`);
    await app.db.query(`INSERT INTO search_people VALUES (current_date - 800, 'gammal', '\\x01'::bytea), (current_date - 800, 'gammal', '\\x02'::bytea)`);
    const before = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_people');
    const counts = await app.db.transaction((tx) => contractsModule.purge!(tx, 730));
    expect(counts).toMatchObject({ searchCountsDeleted: 1, searchPeopleDeleted: 2 });
    expect(await app.db.query(`SELECT 1 FROM search_counts WHERE query = 'gammal'`)).toEqual([]);
    expect((await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_people'))[0].n).toBe(before[0].n - 2);
    // This period's searches stay.
    expect(row((await csv()).rows, 'xylofon')).toEqual(['xylofon', '3', '3']);
  });

  it('forgets the text of searches too few people made once they leave the report window', async () => {
    // The window is counted in Swedish days (the code's today), whatever the database's time zone or the hour.
    const old = `(now() AT TIME ZONE 'Europe/Stockholm')::date - ${UNMET_WINDOW_DAYS}`;
    await app.db.query(`INSERT INTO search_counts VALUES (${old}, 'namn', 'namn', 'chat', false, 2), (${old}, 'hitt', 'hitt', 'msgext', true, 9),
      (${old}, 'vanlig', 'vanlig', 'chat', false, 3), (${old}, 'vanlig', 'vanlig', 'chat', true, 1), (${old} + 1, 'inom', 'inom', 'rest', false, 1)`);
    await app.db.query(`INSERT INTO search_people (day, stem, person_hash, key_id) VALUES (${old}, 'namn', '\\x01', 7), (${old}, 'namn', '\\x02', 8),
      (${old}, 'vanlig', '\\x01', 7), (${old}, 'vanlig', '\\x02', 7), (${old}, 'vanlig', '\\x03', 7)`);
    // "namn": two hashes under two keys (at most two people); "hitt": no people; "inom": still in the window.
    expect(await forgetRareSearches(app.db, UNMET_WINDOW_DAYS, 3)).toEqual({ counts: 2, people: 2 });
    const left = await app.db.query<{ query: string }>(`SELECT DISTINCT query FROM search_counts WHERE query IN ('namn', 'hitt', 'vanlig', 'inom') ORDER BY query`);
    expect(left.map((r) => r.query)).toEqual(['inom', 'vanlig']);
    expect(await app.db.query(`SELECT 1 FROM search_people WHERE stem = 'vanlig'`)).toHaveLength(3);
    expect(row((await csv()).rows, 'xylofon')).toEqual(['xylofon', '3', '3']);
  });
});
