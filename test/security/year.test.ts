import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { messageActivity, send, TeamsUser } from '../helpers/teams';
import { YEAR_MIN, parseYear, yearInput, yearMax } from '../../src/util/input';

/**
 * Issue 21, finding 8: a `year` is four digits within 2000..next year, wherever it comes from (every
 * report's query string, "rapport behov", "nki", "rapport internkontroll"). Number() read "0x7EA",
 * "2e3", "02026" and " 2026" as years.
 */
const TRICKS = ['0x7EA', '2e3', '02026', ' 2026', '2026 ', '+2026', '2026.0', '1999', '9999', '0', '-2026', '２０２６', ''];
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

describe('the one year schema', () => {
  it.each(TRICKS)('refuses %p', (text) => {
    expect(yearInput.safeParse(text).success).toBe(false);
    expect(parseYear(text)).toBeNull();
  });
  it('takes four digits from 2000 to next year, as text only', () => {
    expect(parseYear('2000')).toBe(2000);
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear(String(NEXT_YEAR))).toBe(NEXT_YEAR);
    expect(parseYear(String(NEXT_YEAR + 1))).toBeNull();
    expect(yearInput.safeParse(2026).success).toBe(false);
    expect(yearInput.safeParse([2026]).success).toBe(false);
    expect(YEAR_MIN).toBe(2000);
    expect(yearMax(new Date('2030-06-01T00:00:00Z'))).toBe(2031);
  });
});

const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
});
afterAll(async () => {
  await app?.close();
});

const REPORTS = ['/api/reports/internal-control.csv', '/api/reports/internal-control', '/api/reports/intake.csv', '/api/reports/nki.csv', '/api/reports/plan.csv'];
/** As a client would put them in the query string. */
const QUERY_TRICKS = ['0x7EA', '2e3', '02026', '%202026', '2026%20', '%2B2026', '1999', String(NEXT_YEAR + 1)];

describe.each(REPORTS)('GET %s', (path) => {
  const get = (q: string, lang = 'sv') => fetch(`${app.baseUrl}${path}?year=${q}`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}`, 'Accept-Language': lang } });
  it('refuses every year that is not four digits in range, saying what a year looks like', async () => {
    for (const q of QUERY_TRICKS) {
      const res = await get(q);
      const body = (await res.json()) as { detail?: string };
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect({ q, detail: body.detail }).toEqual({ q, detail: `Ogiltigt värde för year: ett år med fyra siffror, från 2000 till ${NEXT_YEAR}` });
    }
    const en = (await (await get('2e3', 'en')).json()) as { detail?: string };
    expect(en.detail).toBe(`Invalid value for year: a year in four digits, from 2000 to ${NEXT_YEAR}`);
  });
  it('still takes 2026', async () => {
    expect((await get('2026')).status).toBe(200);
  });
});

describe.each([
  ['rapport behov', /Internkontroll: behov/],
  ['rapport internkontroll', /Internkontroll 2026/],
  ['nki', /NKI/],
])('"%s <year>" in chat', (command, granted) => {
  const say = async (text: string) => (await send(app.baseUrl, messageActivity(text, { user: OFFICER, conversationId: `a:1on1-${OFFICER.aadObjectId}` })))[0];
  it.each(['0x7EA', '2e3', '02026', '%202026', '1999', '9999', String(NEXT_YEAR + 1)])('refuses %s with a clear message', async (year) => {
    const reply = await say(`${command} ${year}`);
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toBe(`Ange året med fyra siffror, från 2000 till ${NEXT_YEAR}, till exempel "${command} 2026".`);
  });
  it('answers 2026 with the report', async () => {
    const reply = await say(`${command} 2026`);
    expect(JSON.stringify(reply.attachments?.[0]?.content ?? '')).toMatch(granted);
  });
});
