import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { modulePurges } from '../../src/core/module';
import { MODULES } from '../../src/modules';
import { createRetentionJob, RETENTION_JOB } from '../../src/ops/retention';
import { insertPublished, markWithdrawn } from '../../src/policy/published-repository';
import { loadPublishedNki } from '../../src/survey/report';
import { createReleaser } from '../../src/survey/release-service';
import { NKI_GROUP } from '../../src/survey/published';
import { startTestApp } from '../helpers/app';
import { createTestDb } from '../helpers/db';
import { until } from '../helpers/wait';

/** Every module's purge, as the app runs them. */
const purges = modulePurges(MODULES);

/**
 * The personal-data purge on a database with old and new rows: old closed rows are removed or
 * anonymised; open cases, open questions and new rows are untouched; NKI aggregates do not change.
 */
const OLD = 800; // days ago, past the default 730
const NEW = 10;
const OLD_PERSON = { aad: '0ld00000-0000-0000-0000-00000000aaaa', name: 'Gunilla Gammal' };
const NEW_PERSON = { aad: 'new00000-0000-0000-0000-00000000bbbb', name: 'Nina Ny' };

let db: Db;
const logLines: string[] = [];
const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, cb) => (logLines.push(c.toString()), cb()) }));

const ago = (days: number) => `now() - interval '${days} days'`;

async function insertCase(n: number, status: string, daysAgo: number, person: { aad: string; name: string }): Promise<number> {
  const need = {
    title: `Behov ${n}`,
    need: `${person.name} på avdelning 12 behöver nya sängar till patienter`,
    unit: 'Avdelning 12',
    costCentre: '4711',
    referenceGroup: `${person.name}; Olof Referens`,
    marketContacts: 'Säljaren Sven på Exempel AB',
    freeText: `Ring ${person.name} på 070-1234567`,
    currentContract: 'Sängavtalet 2019',
  };
  const [{ id }] = await db.query<{ id: string }>(
    `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year,
       desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id, submitter_name,
       assigned_aad_id, assigned_name, pending_question, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'medicinteknik', 'varor', 500000, 100000, '2024-06-01', '2023-09-01', 'advertised-below', 'i-tid', 30,
       '{}'::jsonb, $5::jsonb, $6, $7, $6, $7, $8, ${ago(daysAgo)}, ${ago(daysAgo)}) RETURNING id`,
    [`INK-2023-${String(n).padStart(4, '0')}`, `key-${n}`, status, `Sängar ${n}`, JSON.stringify(need), person.aad, person.name, `Fråga till ${person.name}?`],
  );
  await db.query(
    `INSERT INTO case_events (case_id, at, kind, actor_aad_id, actor_name, from_status, to_status, comment)
     VALUES ($1, ${ago(daysAgo)}, 'status', $2, $3, 'inkommen', $4, $5)`,
    [id, person.aad, person.name, status, `Pratade med ${person.name}`],
  );
  return Number(id);
}

async function insertSurvey(caseId: number | null, closedDaysAgo: number, person: { aad: string; name: string }, answers: number[][]): Promise<number> {
  const [{ id }] = await db.query<{ id: string }>(
    `INSERT INTO surveys (case_id, procurement_title, category, status, opened_at, remind_at, close_at, closed_at, started_by_aad_id)
     VALUES ($1, 'Sängar', 'medicinteknik', 'closed', ${ago(closedDaysAgo + 14)}, ${ago(closedDaysAgo + 9)}, ${ago(closedDaysAgo)}, ${ago(closedDaysAgo)}, $2)
     RETURNING id`,
    [caseId, person.aad],
  );
  for (let i = 0; i < answers.length + 1; i++) {
    const [r] = await db.query<{ id: string }>(
      `INSERT INTO survey_respondents (survey_id, aad_object_id, name, role) VALUES ($1, $2, $3, 'officer-added') RETURNING id`,
      [id, `${person.aad}-${i}`, `${person.name} ${i}`],
    );
    const a = answers[i];
    if (!a) continue; // the last one was invited and never answered
    const body = {
      nki: { overall: a[0], expectations: a[1], ideal: a[2] },
      drivers: { needs: a[3], timeline: null, communication: a[4], referenceGroup: null, result: a[5], treatment: 9 },
      comment: `Tack ${person.name}, bra jobbat`,
    };
    await db.query(`INSERT INTO survey_responses (survey_id, respondent_id, answers, submitted_at) VALUES ($1, $2, $3::jsonb, ${ago(closedDaysAgo + 2)})`, [
      id,
      r.id,
      JSON.stringify(body),
    ]);
  }
  // A reference-group member named in free text only: never reachable.
  await db.query(`INSERT INTO survey_respondents (survey_id, aad_object_id, name, role, reachable) VALUES ($1, NULL, 'Olof Referens', 'reference', false)`, [id]);
  return Number(id);
}

/** Every row of a table as text, to look for names and ids anywhere in it. */
const dump = async (table: string, where = 'true') =>
  (await db.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM ${table} x WHERE ${where}`)).map((r) => r.t).join('\n');

const ids: Record<string, number> = {};
/** Aggregates with every number rounded: the purge may change the order rows come back in, and so the last bits of a float sum. */
const rounded = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));

beforeAll(async () => {
  db = await createTestDb();
  ids.oldClosed = await insertCase(1, 'avslutad', OLD, OLD_PERSON);
  ids.oldWithdrawn = await insertCase(2, 'atertagen', OLD, OLD_PERSON);
  ids.oldOpen = await insertCase(3, 'planerad', OLD, OLD_PERSON);
  ids.newClosed = await insertCase(4, 'avslutad', NEW, NEW_PERSON);
  ids.oldSurvey = await insertSurvey(ids.oldClosed, OLD, OLD_PERSON, [
    [9, 8, 7, 8, 6, 10],
    [4, 5, 3, 2, 5, 4],
    [10, 10, 9, 9, 8, 7],
  ]);
  ids.newSurvey = await insertSurvey(ids.newClosed, NEW, NEW_PERSON, [
    [7, 7, 7, 7, 7, 7],
    [8, 6, 9, 5, 9, 8],
  ]);

  const ticket = async (n: number, status: string, daysAgo: number, person: typeof OLD_PERSON) => {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO tickets (ticket_number, idempotency_key, status, question, asker_aad_id, asker_name, answer, answered_by_name, answered_at, created_at)
       VALUES ($1, $1, $2, $3, $4, $5, $6, 'Olle Officer', ${status === 'answered' ? ago(daysAgo) : 'NULL'}, ${ago(daysAgo)}) RETURNING id`,
      [`FR-2023-${n}`, status, `Får ${person.name} köpa en dator?`, person.aad, person.name, status === 'answered' ? 'Ja, via e-handeln.' : null],
    );
    return Number(id);
  };
  ids.oldAnswered = await ticket(1, 'answered', OLD, OLD_PERSON);
  ids.oldUnanswered = await ticket(2, 'open', OLD, OLD_PERSON);
  ids.newAnswered = await ticket(3, 'answered', NEW, NEW_PERSON);

  // Answers officers published to the knowledge base from those tickets: a withdrawn and a live one each.
  for (const [when, ticketId, daysAgo, p] of [['old', ids.oldAnswered, OLD, OLD_PERSON], ['new', ids.newAnswered, NEW, NEW_PERSON]] as const) {
    const officer = { aadId: p.aad, name: p.name };
    const entry = { ticketId, ticketNumber: `FR-${ticketId}`, question: 'Får vi köpa en dator?', answer: 'Ja, via e-handeln.', language: 'sv' as const, officer, publishedAt: '2023-09-01T10:00:00Z', day: '2023-09-01', title: 'Svar från Inköp' };
    ids[`${when}WithdrawnEntry`] = await db.transaction(async (tx) => (await markWithdrawn(tx, (await insertPublished(tx, entry)).id, officer)).id);
    ids[`${when}LiveEntry`] = await db.transaction(async (tx) => (await insertPublished(tx, entry)).id);
    await db.query(`UPDATE published_answers SET published_at = ${ago(daysAgo)}, withdrawn_at = CASE WHEN withdrawn_at IS NOT NULL THEN ${ago(daysAgo)} END WHERE ticket_id = $1`, [ticketId]);
  }

  for (const [daysAgo, p] of [[OLD, OLD_PERSON], [NEW, NEW_PERSON]] as const) {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO policy_answers (activity_id, question, answer, asker_aad_id, created_at) VALUES ($1, $2, 'Svar', $3, ${ago(daysAgo)}) RETURNING id`,
      [`act-${daysAgo}`, `Fråga från ${p.name}`, p.aad],
    );
    await db.query(`INSERT INTO policy_feedback (answer_id, reply_to_id, reaction, feedback, user_aad_id, created_at) VALUES ($1, $2, 'like', $3, $4, ${ago(daysAgo)})`, [
      id,
      `act-${daysAgo}`,
      `Bra svar, hälsningar ${p.name}`,
      p.aad,
    ]);
    await db.query(`INSERT INTO bot_state (key, value, updated_at) VALUES ($1, $2::jsonb, ${ago(daysAgo)})`, [`msteams/conv-${daysAgo}`, JSON.stringify({ user: p.name })]);
    await db.query(`INSERT INTO conversation_refs (key, reference, updated_at) VALUES ($1, $2::jsonb, ${ago(daysAgo)})`, [`user:${p.aad}`, JSON.stringify({ user: { name: p.name } })]);
    for (const status of ['delivered', 'pending']) {
      await db.query(
        `INSERT INTO outbox (kind, case_id, target, payload, status, created_at, delivered_at) VALUES ('case-status', $1, $2::jsonb, $3::jsonb, $4, ${ago(daysAgo)}, $5::timestamptz)`,
        [
          daysAgo === OLD ? ids.oldOpen : ids.newClosed,
          JSON.stringify({ key: `user:${p.aad}` }),
          JSON.stringify({ note: status }),
          status,
          status === 'delivered' ? (await db.query<{ t: string }>(`SELECT (${ago(daysAgo)})::text AS t`))[0].t : null,
        ],
      );
    }
  }
  await db.query(`INSERT INTO conversation_refs (key, reference, updated_at) VALUES ('channel:officers', '{}'::jsonb, ${ago(OLD)})`);
  // Contract imports an officer made from Teams (the log keeps who), and files waiting for a button (a contract
  // file and a ledger: the shared upload store's expired rows go in the infrastructure's purge, whatever their purpose).
  for (const [daysAgo, p] of [[OLD, OLD_PERSON], [NEW, NEW_PERSON]] as const) {
    await db.query(
      `INSERT INTO contract_imports (imported_at, source, actor_id, actor_name, file_name, format, mode, outcome, rows_read, added)
       VALUES (${ago(daysAgo)}, 'teams', $1, $2, 'avtal.xlsx', 'xlsx', 'full', 'applied', 398, 398)`,
      [p.aad, p.name],
    );
    await db.query(
      `INSERT INTO import_uploads (token, purpose, officer_aad_id, file_name, bytes, created_at, expires_at)
       VALUES ($1, $2, $3, 'avtal.csv', '\\x00'::bytea, ${ago(daysAgo)}, ${ago(daysAgo)} + interval '1 day')`,
      [`token-${daysAgo}`, daysAgo === OLD ? 'contracts' : 'spend', p.aad],
    );
  }
});
afterAll(async () => {
  await db?.close();
});

describe('purge of personal data older than the retention period', () => {
  let nkiBefore: unknown;
  let nkiPerSurveyBefore: unknown;
  let newCaseBefore: string;
  let oldOpenBefore: string;

  it('runs once and reports what it did in counts only', async () => {
    // Both surveys' quarters have ended and their surveys closed: they are released (frozen) before the purge.
    // (The newer survey, sent this quarter, waits for its quarter to end.)
    expect((await createReleaser({ db, settings: { min: 3, band: { from: 8, to: 10 } } }).releaseDue()).length).toBe(1);
    const published = await loadPublishedNki(db);
    nkiBefore = published.figure(NKI_GROUP.all);
    nkiPerSurveyBefore = published.figure(NKI_GROUP.case('INK-2023-0001'));
    expect(published.figure(NKI_GROUP.all).responses).toBe(3);
    expect(published.figure(NKI_GROUP.all).comments).toHaveLength(3);
    newCaseBefore = await dump('cases', `id = ${ids.newClosed}`);
    oldOpenBefore = await dump('cases', `id = ${ids.oldOpen}`);

    const job = createRetentionJob({ db, logger, days: 730, purges });
    // A ledger imported from Teams long ago (the officer's name goes) and one recently (kept).
    await db.query(`INSERT INTO spend_imports (imported_at, source, actor_id, actor_name, outcome) VALUES (${ago(OLD)}, 'teams', 'old00000', 'Gunilla', 'applied'), (${ago(1)}, 'teams', 'new00000', 'Nina', 'applied')`);
    const run = await job.runIfDue();
    expect(run.ran).toBe(true);
    expect(await db.query('SELECT actor_name FROM spend_imports ORDER BY imported_at')).toEqual([{ actor_name: null }, { actor_name: 'Nina' }]);
    expect(run.counts).toEqual({
      spendLogActorsCleared: 1,
      casesAnonymised: 2,
      caseEventsAnonymised: 2,
      surveysAnonymised: 1,
      respondentsAnonymised: 4,
      respondentsDeleted: 1,
      commentsRemoved: 3,
      releasedCommentsDeleted: 3,
      ticketsDeleted: 1,
      policyAnswersDeleted: 1,
      policyFeedbackDeleted: 1,
      outboxDeleted: 1,
      botStateDeleted: 1,
      conversationRefsDeleted: 1,
      importsAnonymised: 1,
      uploadsDeleted: 2,
      searchCountsDeleted: 0,
      searchPeopleDeleted: 0,
      publishedAnswersDeleted: 1,
      publishedAnswersAnonymised: 1,
      planDecisionsAnonymised: 0,
      planCoordinationNotesCleared: 0,
    });
    const line = logLines.find((l) => l.includes('retention period purged'));
    expect(line).toBeDefined();
    expect(line).toMatch(/"casesAnonymised":2/);
    expect(logLines.join('')).not.toMatch(/Gunilla|Nina|0ld00000|new00000/);

    // At most once a day per database, however many instances ask.
    expect((await job.runIfDue()).ran).toBe(false);
    expect((await createRetentionJob({ db, logger, days: 730, purges }).runIfDue()).ran).toBe(false);
    const [{ last_result }] = await db.query<{ last_result: Record<string, number> }>(`SELECT last_result FROM scheduled_jobs WHERE job = $1`, [RETENTION_JOB]);
    expect(last_result).toMatchObject({ days: 730, casesAnonymised: 2 });
  });

  it('leaves no name, Entra id or free text of the old person in closed cases and their history', async () => {
    const old = await dump('cases', `id IN (${ids.oldClosed}, ${ids.oldWithdrawn})`);
    expect(old).not.toMatch(/Gunilla|0ld00000|Olof|Sven|070-/);
    expect(await dump('case_events', `case_id IN (${ids.oldClosed}, ${ids.oldWithdrawn})`)).not.toMatch(/Gunilla|0ld00000|Pratade/);
    // What the reports need stays.
    const [c] = await db.query<{ submitted_on: string; desired_start: string; risk: string; category: string; status: string; unit: string; cost: string; purged: string | null }>(
      `SELECT submitted_on, desired_start, risk, category, status, need->>'unit' AS unit, need->>'costCentre' AS cost, personal_data_purged_at AS purged FROM cases WHERE id = $1`,
      [ids.oldClosed],
    );
    expect(c).toMatchObject({ submitted_on: '2023-09-01', desired_start: '2024-06-01', risk: 'i-tid', category: 'medicinteknik', status: 'avslutad', unit: 'Avdelning 12', cost: '4711' });
    expect(c.purged).not.toBeNull();
    const [events] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND to_status = 'avslutad'`, [ids.oldClosed]);
    expect(events.n).toBe(1);
  });

  it('leaves open cases and new rows exactly as they were', async () => {
    expect(await dump('cases', `id = ${ids.newClosed}`)).toBe(newCaseBefore);
    expect(await dump('cases', `id = ${ids.oldOpen}`)).toBe(oldOpenBefore);
    expect(await dump('case_events', `case_id = ${ids.oldOpen}`)).toMatch(/Gunilla/);
    expect(await dump('case_events', `case_id = ${ids.newClosed}`)).toMatch(/Nina/);
    expect(await dump('survey_respondents', `survey_id = ${ids.newSurvey}`)).toMatch(/Nina Ny 0/);
    expect(await dump('survey_responses', `survey_id = ${ids.newSurvey}`)).toMatch(/Tack Nina/);
  });

  it('keeps the anonymous survey answers: NKI, drivers and response rate are unchanged', async () => {
    const published = await loadPublishedNki(db);
    // The released figures do not change; the released comments of the purged quarter are gone.
    expect(rounded({ ...published.figure(NKI_GROUP.all), comments: [] })).toEqual(rounded({ ...(nkiBefore as object), comments: [] }));
    expect(published.figure(NKI_GROUP.all).comments).toEqual([]);
    expect(rounded(published.figure(NKI_GROUP.case('INK-2023-0001')))).toEqual(rounded({ ...(nkiPerSurveyBefore as object), comments: [] }));
    expect(published.figure(NKI_GROUP.case('INK-2023-0001')).responseRate).toBeCloseTo(3 / 4, 10);
    const [{ keys }] = await db.query<{ keys: number }>(`SELECT count(person_key)::int AS keys FROM survey_responses WHERE survey_id = ${ids.oldSurvey}`);
    expect(keys).toBe(0);
    const old = (await dump('survey_respondents', `survey_id = ${ids.oldSurvey}`)) + (await dump('survey_responses', `survey_id = ${ids.oldSurvey}`));
    expect(old).not.toMatch(/Gunilla|0ld00000|Olof/);
    expect(await dump('surveys', `id = ${ids.oldSurvey}`)).not.toMatch(/0ld00000/);
  });

  it('deletes old answered questions, model answers, feedback, delivered notices, state and personal references', async () => {
    const tickets = await db.query<{ id: string }>('SELECT id FROM tickets ORDER BY id');
    expect(tickets.map((t) => Number(t.id))).toEqual([ids.oldUnanswered, ids.newAnswered]);
    expect(await dump('policy_answers')).not.toMatch(/Gunilla/);
    expect(await dump('policy_answers')).toMatch(/Nina/);
    expect(await dump('policy_feedback')).not.toMatch(/Gunilla/);
    expect(await dump('policy_feedback')).toMatch(/Nina/);
    const outbox = await db.query<{ status: string; old: boolean }>(`SELECT status, created_at < now() - interval '700 days' AS old FROM outbox ORDER BY id`);
    expect(outbox).toEqual([
      { status: 'pending', old: true },
      { status: 'delivered', old: false },
      { status: 'pending', old: false },
    ]);
    expect((await db.query<{ key: string }>('SELECT key FROM bot_state')).map((r) => r.key)).toEqual([`msteams/conv-${NEW}`]);
    expect((await db.query<{ key: string }>('SELECT key FROM conversation_refs ORDER BY key')).map((r) => r.key)).toEqual(['channel:officers', `user:${NEW_PERSON.aad}`]);
    // The import log keeps its counts but forgets the officer after the period; expired uploads are gone.
    const imports = await db.query<{ actor_id: string | null; actor_name: string | null; added: number }>('SELECT actor_id, actor_name, added FROM contract_imports ORDER BY imported_at');
    expect(imports).toEqual([
      { actor_id: null, actor_name: null, added: 398 },
      { actor_id: NEW_PERSON.aad, actor_name: NEW_PERSON.name, added: 398 },
    ]);
    expect(await db.query('SELECT token FROM import_uploads')).toEqual([]);
  });

  it('keeps published answers and their passages in the index but forgets who published them; deletes old withdrawn ones', async () => {
    const entries = await db.query<{ id: number; ticket: number | null; question: string; by: string | null; withdrawn: boolean }>(
      'SELECT id::int, ticket_id::int AS ticket, question, published_by_name AS by, withdrawn_at IS NOT NULL AS withdrawn FROM published_answers ORDER BY id',
    );
    expect(entries).toEqual([
      { id: ids.oldLiveEntry, ticket: null, question: 'Får vi köpa en dator?', by: null, withdrawn: false },
      { id: ids.newWithdrawnEntry, ticket: ids.newAnswered, question: 'Får vi köpa en dator?', by: NEW_PERSON.name, withdrawn: true },
      { id: ids.newLiveEntry, ticket: ids.newAnswered, question: 'Får vi köpa en dator?', by: NEW_PERSON.name, withdrawn: false },
    ]);
    expect(await dump('published_answers')).not.toMatch(/Gunilla|0ld00000/);
    const chunks = await db.query('SELECT published_answer_id::int AS id FROM knowledge_chunks WHERE published_answer_id IS NOT NULL ORDER BY 1');
    expect(chunks).toEqual([{ id: ids.oldLiveEntry }, { id: ids.newLiveEntry }]);
  });

  it('runs again after a day, on one of several instances asking at once, and finds nothing new to do', async () => {
    await db.query(`UPDATE scheduled_jobs SET last_run_at = now() - interval '25 hours' WHERE job = $1`, [RETENTION_JOB]);
    // On PostgreSQL these are separate connections: the job row is claimed with SKIP LOCKED.
    const runs = await Promise.all([1, 2, 3].map(() => createRetentionJob({ db, logger, days: 730, purges }).runIfDue()));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const run = runs.find((r) => r.ran);
    expect(Object.values(run?.counts ?? {}).every((n) => n === 0)).toBe(true);
  });

  it('does nothing when switched off', async () => {
    await db.query(`UPDATE scheduled_jobs SET last_run_at = NULL WHERE job = $1`, [RETENTION_JOB]);
    expect((await createRetentionJob({ db, logger, days: null, purges }).runIfDue()).ran).toBe(false);
    const [{ last_run_at }] = await db.query<{ last_run_at: string | null }>(`SELECT last_run_at FROM scheduled_jobs WHERE job = $1`, [RETENTION_JOB]);
    expect(last_run_at).toBeNull();
  });
});

describe('RETENTION_DAYS', () => {
  it.each([
    [undefined, 730],
    ['', 730],
    ['365', 365],
    ['0', null],
    ['off', null],
    ['OFF', null],
  ])('parses %p as %p', (v, expected) => {
    expect(loadConfig(v === undefined ? {} : { RETENTION_DAYS: v }).RETENTION_DAYS).toBe(expected);
  });

  it.each(['7', '4000', '1.5', 'två år', '-30'])('rejects %p', (v) => {
    expect(() => loadConfig({ RETENTION_DAYS: v })).toThrow(/RETENTION_DAYS/);
  });
});

it('runs from the outbox worker schedule in the app', async () => {
  const app = await startTestApp({ seed: false, worker: true });
  try {
    await until('the retention job to run', () => app.logs.some((l) => l.includes('retention period purged')));
    const [row] = await app.db.query<{ ran: boolean }>(`SELECT last_run_at IS NOT NULL AS ran FROM scheduled_jobs WHERE job = $1`, [RETENTION_JOB]);
    expect(row.ran).toBe(true);
  } finally {
    await app.close();
  }
});
