import { randomUUID } from 'node:crypto';
import { DRIVERS, Driver, SurveyAnswers } from '../../src/survey/nki';
import { personPseudonym } from '../../src/survey/release-service';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { cardActionInvoke, cardText, invoke, messageActivity, send, TeamsUser } from '../helpers/teams';

/**
 * Issue 22's attacks on the NKI report, played through the real server (POST /api/messages, the CSV,
 * /metrics) against data shaped like the regions': each failed on the code before the release model.
 * The database's clock decides the quarter: "a past quarter" below is 2026-K2, the running one today's.
 */
const K = 5;
const KEY = 'nki-pseudonym-key-for-tests-0123456789';
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
const COLLEAGUE: TeamsUser = { id: '29:colleague', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a002', name: 'Clara Kollega' };
const staff = (i: number): TeamsUser => ({ id: `29:staff-${i}`, aadObjectId: `5aff0000-0000-0000-0000-${String(i).padStart(12, '0')}`, name: `Personal ${i}` });

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: `${OFFICER.aadObjectId},${COLLEAGUE.aadObjectId}`, NKI_MIN_RESPONSES: String(K), NKI_PSEUDONYM_KEY: KEY } });
});
afterAll(async () => {
  await app?.close();
});

const answers = (o: number, e: number, i: number, comment?: string, drivers: Partial<Record<Driver, number | null>> = {}): SurveyAnswers => ({
  nki: { overall: o, expectations: e, ideal: i },
  drivers: { ...(Object.fromEntries(DRIVERS.map((d) => [d, 7])) as Record<Driver, number>), ...drivers },
  comment: comment ?? null,
});

interface Spec {
  category: string;
  opened: string;
  status: 'open' | 'closed';
  caseNumber?: string;
  referenceGroup?: string;
  startedBy?: string;
  /** Who answered what; `null` answers: invited, has not answered. */
  people: { aad: string; name?: string; answers: SurveyAnswers | null }[];
}

async function reset(): Promise<void> {
  await app.db.exec('DELETE FROM surveys; DELETE FROM cases; DELETE FROM nki_releases;');
}

/** Surveys straight into the database (ids of the surveys). */
async function load(specs: readonly Spec[]): Promise<number[]> {
  const ids: number[] = [];
  await app.db.transaction(async (tx) => {
    for (const s of specs) {
      const [c] = s.caseNumber
        ? await tx.query<{ id: string }>(
            `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year, desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id, submitter_name)
             VALUES ($1, $2, 'avtal-tecknat', 'Tolktjänster', $3, 'recurring', 1, 1, '2026-12-01', '2026-01-10', 'advertised', 'i-tid', 0, '{}', $4::jsonb, $5, $6) RETURNING id`,
            [s.caseNumber, randomUUID(), s.category, JSON.stringify({ referenceGroup: s.referenceGroup ?? '' }), s.people[0]?.aad ?? 'x', s.people[0]?.name ?? ''],
          )
        : [null];
      const [sv] = await tx.query<{ id: string }>(
        `INSERT INTO surveys (case_id, procurement_title, category, opened_at, remind_at, close_at, status, closed_at, started_by_aad_id)
         VALUES ($1, 'Tolktjänster', $2, $3::date + time '12:00', now(), now() + interval '10 days', $4, CASE WHEN $4 = 'closed' THEN now() END, $5) RETURNING id`,
        [c?.id ?? null, s.category, s.opened, s.status, s.startedBy ?? OFFICER.aadObjectId],
      );
      for (const p of s.people) {
        const [r] = await tx.query<{ id: string }>(`INSERT INTO survey_respondents (survey_id, aad_object_id, name, role) VALUES ($1, $2, $3, 'officer-added') RETURNING id`, [sv.id, p.aad, p.name ?? '']);
        if (p.answers) await tx.query('INSERT INTO survey_responses (survey_id, respondent_id, answers) VALUES ($1, $2, $3::jsonb)', [sv.id, r.id, JSON.stringify(p.answers)]);
      }
      ids.push(Number(sv.id));
    }
  });
  return ids;
}

const card = async (text: string, user: TeamsUser = OFFICER) => {
  const [reply] = await send(app.baseUrl, messageActivity(text, { user }));
  return reply.attachments ? cardText(reply.attachments[0].content) : String(reply.text);
};
const csv = async (query = '') => {
  const res = await fetch(`${app.baseUrl}/api/reports/nki.csv${query}`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\ufeff/, '');
};
/** Everything an officer can read about NKI at one moment. */
const everything = async (caseNumber?: string) =>
  [await card('nki'), await card('nki 2026'), await card('nki kategori tjanster'), ...(caseNumber ? [await card(`nki ${caseNumber}`)] : []), await csv(), await csv('?year=2026')].join('\n----\n');
const metric = async (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${app.baseUrl}/metrics`)).text())?.[1]);
const form = (a: SurveyAnswers, surveyId: number) => ({
  surveyId: String(surveyId),
  overall: String(a.nki.overall),
  expectations: String(a.nki.expectations),
  ideal: String(a.nki.ideal),
  ...Object.fromEntries(DRIVERS.map((d) => [d, String(a.drivers[d] ?? 0)])),
  comment: a.comment ?? '',
});
const respond = (u: TeamsUser, surveyId: number, a: SurveyAnswers) => invoke(app.baseUrl, cardActionInvoke('survey.submit', form(a, surveyId), { user: u }));

/** A released past quarter (2026-K2) of six people in "tjanster", so there is something shown to compare against. */
const pastQuarter = (): Spec[] => [
  { category: 'tjanster', opened: '2026-04-20', status: 'closed', caseNumber: 'INK-2026-0101', people: [1, 2, 3].map((i) => ({ aad: staff(i).aadObjectId, answers: answers(6 + i, 6, 7) })) },
  { category: 'tjanster', opened: '2026-05-11', status: 'closed', caseNumber: 'INK-2026-0102', people: [4, 5, 6].map((i) => ({ aad: staff(i).aadObjectId, answers: answers(3 + i, 5, 6) })) },
];

describe('issue 22, attack 1: two reads at two moments', () => {
  it('an answer to an open survey, a changed answer or a survey closing changes nothing an officer can read', async () => {
    await reset();
    const [, , open] = await load([
      ...pastQuarter(),
      // Today's quarter: a case survey that reached only its submitter (the 0 / 1 → 1 / 1 of the issue).
      { category: 'tjanster', opened: new Date().toISOString().slice(0, 10), status: 'open', caseNumber: 'INK-2026-0200', people: [{ aad: staff(20).aadObjectId, answers: null }] },
    ]);
    const before = await everything('INK-2026-0200');
    const gauge = await metric('inkop_survey_responses');
    expect(before).toMatch(/2026-K2/);
    expect(before).not.toMatch(/0 \/ 1/);

    expect(cardText((await respond(staff(20), open, answers(2, 2, 2, 'Det tog alldeles för lång tid.', { timeline: 1 }))).value)).toMatch(/Tack för dina svar/);
    expect(await everything('INK-2026-0200')).toBe(before);
    await respond(staff(20), open, answers(9, 9, 9)); // "Ändra mina svar"
    expect(await everything('INK-2026-0200')).toBe(before);
    await app.db.query(`UPDATE surveys SET status = 'closed', closed_at = now() WHERE id = $1`, [open]); // closed, but its quarter is still running
    expect(await everything('INK-2026-0200')).toBe(before);
    expect(await metric('inkop_survey_responses')).toBe(gauge);
    expect(before).not.toMatch(/alldeles för lång tid/);
  });

  it('a released quarter never changes: its figures are not computed again from the answers', async () => {
    const before = await everything();
    // Even if the stored answers changed (they cannot through the bot once closed), the released figures stay.
    await app.db.query(`UPDATE survey_responses SET answers = jsonb_set(answers, '{nki,overall}', '1') WHERE survey_id IN (SELECT id FROM surveys WHERE release_id IS NOT NULL)`);
    expect(await everything()).toBe(before);
    const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM nki_releases');
    expect(n).toBe(1);
  });

  it('unlinks released answers from the person and keeps only a keyed pseudonym (the key is not in the database)', async () => {
    const rows = await app.db.query<{ respondent_id: string | null; person_key: string | null }>(
      'SELECT respondent_id, person_key FROM survey_responses x JOIN surveys s ON s.id = x.survey_id WHERE s.release_id IS NOT NULL ORDER BY x.id',
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.respondent_id === null)).toBe(true);
    expect(rows[0].person_key).toBe(personPseudonym(KEY, staff(1).aadObjectId));
    const dump = JSON.stringify(await app.db.query('SELECT * FROM nki_releases')) + JSON.stringify(await app.db.query('SELECT person_key FROM survey_responses'));
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain(staff(1).aadObjectId);
    // The answer of the open survey is still linked (so its respondent can change it until it closes).
    const [open] = await app.db.query<{ respondent_id: string | null }>('SELECT respondent_id FROM survey_responses x JOIN surveys s ON s.id = x.survey_id WHERE s.release_id IS NULL');
    expect(open.respondent_id).not.toBeNull();
  });
});

describe('issue 22, attack 2: one person with several surveys', () => {
  it('her three cases in a category are one person: the category is not shown as "3 answers"', async () => {
    await reset();
    const her = staff(30);
    await load([
      ...[1, 2, 3].map((n) => ({ category: 'it-telekom', opened: '2026-05-0' + n, status: 'closed' as const, caseNumber: `INK-2026-030${n}`, people: [{ aad: her.aadObjectId, answers: answers(2 + n, 3, 2, `Svar ${n}`) }] })),
      ...pastQuarter(),
    ]);
    const text = await card('nki kategori it-telekom');
    expect(text).not.toMatch(/NKI\n\d/);
    expect(text).not.toMatch(/3 \/ 3/);
    expect(await csv()).not.toMatch(/^category:it-telekom/m);
    const all = await card('nki');
    // The quarter counts 7 people (six plus her), not 9 answers.
    expect(all).toMatch(/Antal svarande \(personer\)\n7 \/ 7/);
  });
});

describe('issue 22, attack 3: officers who know answers', () => {
  it('an officer cannot invite herself or a colleague, nor answer: there are no known answers to subtract', async () => {
    await reset();
    const res = await invoke(
      app.baseUrl,
      cardActionInvoke('survey.start', { procurement: 'Tolkförmedling', category: 'tjanster', people: [OFFICER, COLLEAGUE, staff(1), staff(2), staff(3)].map((u) => u.aadObjectId).join(',') }, { user: OFFICER }),
    );
    expect(String(res.value)).toMatch(/skickad till 3 person/);
    expect(String(res.value)).toMatch(/2 mottagare fick inte enkäten/);
    const [s] = await app.db.query<{ id: number }>('SELECT id::int AS id FROM surveys ORDER BY id DESC LIMIT 1');
    const invited = await app.db.query<{ aad_object_id: string }>('SELECT aad_object_id FROM survey_respondents WHERE survey_id = $1', [s.id]);
    expect(invited.map((r) => r.aad_object_id).sort()).toEqual([staff(1), staff(2), staff(3)].map((u) => u.aadObjectId).sort());
    expect(String((await respond(OFFICER, s.id, answers(10, 10, 10))).value)).toMatch(/skickad till någon annan/);
    // Even an officer on an old survey's list (from before this rule) is neither counted nor shown.
    const [old] = await load([{ category: 'tjanster', opened: '2026-05-20', status: 'closed', people: [OFFICER, COLLEAGUE, staff(4), staff(5), staff(6)].map((u, i) => ({ aad: u.aadObjectId, answers: answers(4 + i, 5, 6) })) }]);
    expect(await card('nki')).toMatch(/Inga siffror att visa här/); // three staff answers: fewer than k people
    const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1', [old]);
    expect(n).toBe(3); // the officers' answers were deleted at release
  });

  /** Five people in a released quarter: four answers the officers know, and the fifth. */
  const unanimous = (fifth: SurveyAnswers): Spec[] => [
    { category: 'tjanster', opened: '2026-04-15', status: 'closed', caseNumber: 'INK-2026-0401', people: [1, 2, 3, 4].map((i) => ({ aad: staff(i).aadObjectId, answers: answers(10, 10, 10) })) },
    { category: 'tjanster', opened: '2026-04-16', status: 'closed', caseNumber: 'INK-2026-0402', people: [{ aad: staff(5).aadObjectId, answers: fifth }] },
  ];

  it('a unanimous group shows only bands, and officers who know four answers cannot derive the fifth', async () => {
    const reports: string[] = [];
    for (const fifth of [answers(10, 10, 10), answers(9, 9, 9), answers(7, 7, 7)]) {
      await reset();
      await load(unanimous(fifth));
      reports.push(await everything());
    }
    expect(reports[0]).toMatch(/75–100 \(visas bara som intervall\)/);
    expect(reports[0]).toMatch(/minst 80 %/);
    expect(reports[0]).not.toMatch(/NKI\n100/);
    expect(reports[0]).not.toMatch(/Andel nöjda.*\n100 %/);
    // 100, 97,8 or 93,3 for the fifth person's NKI, satisfied or not: the same report every time.
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
  });
});

describe('issue 22, attack 4: who answered and what they wrote', () => {
  const comments = [
    'Anna Svensson på Inköp var toppen, ring henne på 070-123 45 67.',
    'Skicka till bo.berg@regionsormland.se, mitt personnummer är 19800101-1234.',
    'Tidsplanen höll inte.',
    'Rut Referens fick inte vara med.',
    'Bra dialog hela vägen.',
  ];
  const spec = (): Spec[] => [
    {
      category: 'tjanster',
      opened: '2026-06-02',
      status: 'closed',
      caseNumber: 'INK-2026-0501',
      referenceGroup: 'Rut Referens, undersköterska',
      people: comments.map((c, i) => ({ aad: staff(i + 1).aadObjectId, name: i === 0 ? 'Anna Svensson' : `Personal ${i + 1}`, answers: answers(4 + i, 6, 5, c) })),
    },
  ];

  it('shows no comments, no counts and no names on a case, only with the quarter, stripped and in random order', async () => {
    await reset();
    await load(spec());
    const caseCard = await card('nki INK-2026-0501');
    for (const c of ['Tidsplanen höll inte', 'Bra dialog']) expect(caseCard).not.toContain(c);
    expect(caseCard).not.toMatch(/Kunde inte nås|Rut Referens/);
    const quarter = await card('nki');
    expect(quarter).toMatch(/#\d+: Tidsplanen höll inte\./);
    expect(quarter).toMatch(/#\d+: \[…\] på Inköp var toppen, ring henne på \[…\]\./);
    expect(quarter).toMatch(/#\d+: Skicka till \[…\], mitt personnummer är \[…\]\./);
    expect(quarter).toMatch(/#\d+: \[…\] fick inte vara med\./);
    expect(quarter).not.toMatch(/Anna|Svensson|070|19800101|@|Rut/);
    expect(await csv()).not.toMatch(/Tidsplanen/);
  });

  it('lets an officer hide a comment (logged) but not edit it; nobody else may', async () => {
    const quarter = await card('nki');
    const id = Number(/#(\d+): Tidsplanen höll inte/.exec(quarter)?.[1]);
    expect(await card(`nki dölj kommentar ${id}`, staff(1))).toMatch(/bara inköpare/i);
    expect(await card(`nki dölj kommentar ${id}`)).toMatch(new RegExp(`Kommentar #${id} är dold`));
    expect(await card('nki')).not.toMatch(/Tidsplanen höll inte/);
    expect(await card(`nki dölj kommentar ${id}`)).toMatch(/ingen synlig kommentar/);
    const [row] = await app.db.query<{ text: string; hidden_by_aad_id: string; hidden_at: string | null }>('SELECT text, hidden_by_aad_id, hidden_at FROM nki_release_comments WHERE id = $1', [id]);
    expect(row).toMatchObject({ text: 'Tidsplanen höll inte.', hidden_by_aad_id: OFFICER.aadObjectId });
    expect(row.hidden_at).not.toBeNull();
    expect(app.logs.join('')).toMatch(new RegExp(`"nkiComment":${id}.*nki comment hidden`));
  });

  it('names people who cannot be reached only in the send confirmation to the officer who sent the survey', async () => {
    await reset();
    const [c] = await load([{ category: 'tjanster', opened: '2026-06-03', status: 'closed', caseNumber: 'INK-2026-0601', referenceGroup: 'Rut Referens', people: [] }]);
    await app.db.query('DELETE FROM surveys WHERE id = $1', [c]); // the case is there, its survey not yet
    const sent = await send(app.baseUrl, messageActivity('skicka enkät INK-2026-0601', { user: OFFICER }));
    expect(sent[0].text).toMatch(/Kan inte nås i Teams .*Rut Referens/);
    expect(await card('nki INK-2026-0601')).not.toMatch(/Rut Referens/);
    expect(await card('nki')).not.toMatch(/Rut Referens/);
  });
});
