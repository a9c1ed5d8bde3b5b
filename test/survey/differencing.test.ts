import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { t } from '../../src/i18n';
import { DRIVERS, Driver, SurveyAnswers, quarterOf, responseNki, toScale } from '../../src/survey/nki';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { cardText, messageActivity, send, TeamsUser } from '../helpers/teams';
import { Shown, recover, smallUnions } from './attack';

/**
 * Issue 12's differencing attack played on what an officer really gets: GET /api/reports/nki.csv (all
 * years and each year) and the NKI card through POST /api/messages ("nki", "nki 2026", "nki kategori X",
 * "nki INK-…", each with its quarters). Every shown figure becomes a sum (value × count); no hidden
 * group, no single survey and no set of fewer than NKI_MIN_RESPONSES answers may be a linear
 * combination of them — for the NKI and for every driver. Since issue 22 figures come from released
 * quarters only and each says which quarters it is built from; a band (dominance rule) is not a value
 * here. Every respondent is a different person, so people and answers count the same.
 */
const MIN = 3;
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };

interface Spec {
  category: string;
  opened: string;
  caseNumber: string | null;
  answers: SurveyAnswers[];
  unanswered: number;
}
/** One published figure as the attacker reads it: which surveys it covers, its count, NKI and drivers (null: not shown). */
interface Observed {
  label: string;
  /** The surveys the figure is built from (those of the quarters it names). */
  members: number[];
  /** The surveys of the group itself (what the attacker wants when the figure is hidden). */
  target: number[];
  /** null where the report gives no count (a hidden group). */
  responses: number | null;
  nki: number | null;
  /** null where the report gives no drivers at all (a card's quarters). */
  drivers: Record<Driver, number | null> | null;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, NKI_MIN_RESPONSES: String(MIN) } });
});
afterAll(async () => {
  await app?.close();
});

async function load(specs: readonly Spec[]): Promise<void> {
  await app.db.exec('DELETE FROM surveys; DELETE FROM cases; DELETE FROM nki_releases;');
  await app.db.transaction(async (tx) => {
    for (const s of specs) {
      const [c] = s.caseNumber
        ? await tx.query<{ id: string }>(
            `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year, desired_start, submitted_on, route, risk, slack_days, assessment, need, submitter_aad_id)
             VALUES ($1, $2, 'avtal-tecknat', 'Upphandling', $3, 'recurring', 1, 1, '2026-12-01', '2025-01-01', 'advertised', 'i-tid', 0, '{}', '{}', 'x') RETURNING id`,
            [s.caseNumber, randomUUID(), s.category],
          )
        : [null];
      const [sv] = await tx.query<{ id: string }>(
        `INSERT INTO surveys (case_id, procurement_title, category, opened_at, remind_at, close_at, status)
         VALUES ($1, 'Upphandling', $2, $3::date + time '12:00', now(), now(), 'closed') RETURNING id`,
        [c?.id ?? null, s.category, s.opened],
      );
      for (let i = 0; i < s.answers.length + s.unanswered; i++) {
        const [r] = await tx.query<{ id: string }>(`INSERT INTO survey_respondents (survey_id, aad_object_id, name, role) VALUES ($1, $2, '', 'reference') RETURNING id`, [sv.id, randomUUID()]);
        if (i < s.answers.length) await tx.query('INSERT INTO survey_responses (survey_id, respondent_id, answers) VALUES ($1, $2, $3::jsonb)', [sv.id, r.id, JSON.stringify(s.answers[i])]);
      }
    }
  });
}

const yearOf = (s: Spec) => Number(s.opened.slice(0, 4));
const indices = (specs: readonly Spec[], pick: (s: Spec) => boolean) => specs.flatMap((s, i) => (pick(s) ? [i] : []));
/** A shown value; a band ("75-100") or nothing is no value to the attacker. */
const num = (text: string | undefined) => (text === undefined || text === '' || /\d-\d/.test(text) ? null : Number(text.replace(',', '.')));
const noDrivers = () => Object.fromEntries(DRIVERS.map((d) => [d, null])) as Record<Driver, number | null>;

async function csv(specs: readonly Spec[], year?: number): Promise<Observed[]> {
  const res = await fetch(`${app.baseUrl}/api/reports/nki.csv${year ? `?year=${year}` : ''}`, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });
  expect(res.status).toBe(200);
  const [header, ...rows] = (await res.text()).replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(';'));
  const inYear = (s: Spec) => !year || yearOf(s) === year;
  return rows.map((cells) => {
    const cell = (name: string) => cells[header.indexOf(name)];
    const [kind, value] = cells[0].split(':');
    const covered = new Set(cell('quarters').split(' ').filter(Boolean));
    const inGroup = (s: Spec) => inYear(s) && (kind === 'all' || (kind === 'quarter' ? quarterOf(s.opened) === value : s.category === value));
    const members = indices(specs, (s) => inGroup(s) && covered.has(quarterOf(s.opened)));
    const drivers = Object.fromEntries(DRIVERS.map((d) => [d, num(cell(`driver_${d}`))])) as Record<Driver, number | null>;
    return { label: `csv${year ? ` ${year}` : ''} ${cells[0]}`, members, target: indices(specs, inGroup), responses: num(cell('responses')), nki: num(cell('nki')), drivers };
  });
}

/** The card for a command, read as text the way an officer sees it: its own figures and its quarters. */
async function card(command: string, target: number[], specs: readonly Spec[], quarterMembers: (quarter: string) => number[]): Promise<Observed[]> {
  const [reply] = await send(app.baseUrl, messageActivity(command, { user: OFFICER }));
  const lines = cardText(reply.attachments?.[0].content).split('\n');
  const after = (title: string) => lines[lines.indexOf(title) + 1];
  const drivers = noDrivers();
  for (const d of DRIVERS) {
    const name = t('sv', `survey.drivers.${d}`);
    drivers[d] = num(lines.map((l) => new RegExp(`^${name}: ([\\d,]+) \\(\\d+ svarande\\)`).exec(l)?.[1]).find(Boolean));
  }
  const covered = new Set(/^Bygger på släppta kvartal: ([^.]+)\./m.exec(lines.join('\n'))?.[1].split(', ') ?? []);
  const members = target.filter((i) => covered.has(quarterOf(specs[i].opened)));
  const count = lines.includes('Antal svarande (personer)') ? Number(/^(\d+) \//.exec(after('Antal svarande (personer)'))?.[1]) : null;
  const own: Observed = { label: command, members, target, responses: count, nki: lines.includes('NKI') ? num(/^([\d,]+) \(/.exec(after('NKI'))?.[1]) : null, drivers };
  const quarters = new Map<string, Observed>();
  for (const l of lines) {
    const m = /^(\d{4}-K\d): (?:([\d,]+) \((\d+) svarande\)|.+)/.exec(l);
    if (m) quarters.set(m[1], { label: `${command} / ${m[1]}`, members: quarterMembers(m[1]), target: quarterMembers(m[1]), responses: m[3] ? Number(m[3]) : null, nki: num(m[2]), drivers: null });
  }
  expect(specs.length).toBeGreaterThan(0);
  return [own, ...quarters.values()];
}

/** Everything published about a dataset: the CSV for all years and each year, every card scope. */
async function observeAll(specs: readonly Spec[]): Promise<Observed[]> {
  const years = [...new Set(specs.map(yearOf))].sort();
  const categories = [...new Set(specs.map((s) => s.category))].sort();
  const inQuarter = (q: string, pick: (s: Spec) => boolean = () => true) => indices(specs, (s) => quarterOf(s.opened) === q && pick(s));
  const out = [...(await csv(specs))];
  for (const y of years) out.push(...(await csv(specs, y)));
  out.push(...(await card('nki', indices(specs, () => true), specs, (q) => inQuarter(q))));
  for (const y of years) out.push(...(await card(`nki ${y}`, indices(specs, (s) => yearOf(s) === y), specs, (q) => inQuarter(q))));
  for (const c of categories) out.push(...(await card(`nki kategori ${c}`, indices(specs, (s) => s.category === c), specs, (q) => inQuarter(q, (s) => s.category === c))));
  for (const [i, s] of specs.entries()) if (s.caseNumber) out.push(...(await card(`nki ${s.caseNumber}`, [i], specs, () => [i])));
  return out;
}

type Measure = 'nki' | Driver;
const valueOf = (o: Observed, m: Measure) => (m === 'nki' ? o.nki : (o.drivers?.[m] ?? null));
const gives = (o: Observed, m: Measure) => m === 'nki' || o.drivers !== null;
function scores(specs: readonly Spec[], i: number, m: Measure): number[] {
  if (m === 'nki') return specs[i].answers.map(responseNki);
  return specs[i].answers.flatMap((a) => (a.drivers[m] === null ? [] : [toScale(a.drivers[m]!)]));
}

/** Every figure the attacker can compute that should have stayed hidden, with the estimate and the truth. */
function recovered(specs: readonly Spec[], observed: readonly Observed[]): string[] {
  const out: string[] = [];
  for (const m of ['nki', ...DRIVERS] as Measure[]) {
    const weight = (i: number) => scores(specs, i, m).length;
    const truth = (members: readonly number[]) => {
      const xs = members.flatMap((i) => scores(specs, i, m));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const shown: Shown[] = observed.flatMap((o) => (valueOf(o, m) === null ? [] : [{ label: o.label, members: o.members, value: valueOf(o, m)! }]));
    for (const s of shown) if (s.members.reduce((n, i) => n + weight(i), 0) < MIN) out.push(`${m}: ${s.label} shown with fewer than ${MIN} answers`);
    const targets = [
      ...observed.filter((o) => gives(o, m) && valueOf(o, m) === null).map((o) => ({ label: `hidden ${o.label}`, members: o.target })),
      ...smallUnions(specs.map((_, i) => i), weight, MIN).map((set) => ({ label: `surveys ${set.join('+')}`, members: set })),
    ];
    // A hidden figure over exactly the answers of a shown one tells nothing new (k or more people, already shown):
    // since issue 22 a case whose NKI is hidden also hides its drivers, which the quarter may show over the same people.
    const live = (members: readonly number[]) => members.filter((i) => weight(i) > 0).sort((x, y) => x - y).join(',');
    const shownSets = new Set(shown.map((f) => live(f.members)));
    // A hidden figure of MIN or more answers that are not (all but one) alike tells nobody's answer either: the
    // rule itself would show it. Drivers follow their own rule, so a driver can be computable where the row is hidden
    // for its NKI (hidden there to protect a small group that did not answer this driver).
    const harmless = (members: readonly number[]) => {
      const xs = members.flatMap((i) => scores(specs, i, m));
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
      return xs.length >= MIN && Math.max(...counts.values()) < xs.length - 1;
    };
    for (const target of targets) {
      if (target.label.startsWith('hidden ') && live(target.members) !== '' && shownSets.has(live(target.members))) continue;
      if (target.label.startsWith('hidden ') && harmless(target.members)) continue;
      const hit = target.members.some((i) => weight(i) > 0) ? recover(shown, target.members, weight) : null;
      if (hit) out.push(`${m}: ${target.label} = ${hit.estimate.toFixed(2)} (true ${truth(target.members).toFixed(2)}) from ${hit.using}`);
    }
  }
  return out;
}

const answers = (o: number, e: number, i: number, drivers: Partial<Record<Driver, number | null>> = {}): SurveyAnswers => ({
  nki: { overall: o, expectations: e, ideal: i },
  drivers: { ...(Object.fromEntries(DRIVERS.map((d) => [d, 6])) as Record<Driver, number>), ...drivers },
});

describe('the differencing attack of issue 12 on the CSV and the NKI card', () => {
  // 4 responses in all, 3 in category A (it-telekom), 1 in B (livsmedel) whose NKI is 11.1 and whose timeline answer is 1.
  const issue: Spec[] = [
    { category: 'it-telekom', opened: '2026-02-10', caseNumber: 'INK-2026-9001', answers: [answers(8, 7, 9), answers(9, 9, 8), answers(6, 7, 7)], unanswered: 1 },
    { category: 'livsmedel', opened: '2026-02-12', caseNumber: 'INK-2026-9002', answers: [answers(2, 2, 2, { timeline: 1 })], unanswered: 2 },
  ];

  it('finds B in figures shown by a per-group threshold alone (the attack works: 4 × all − 3 × A)', () => {
    const round = (x: number) => Math.round(x * 10) / 10;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const naive: Observed[] = [
      { label: 'all', members: [0, 1], target: [0, 1], responses: 4, nki: round(mean([...issue[0].answers, ...issue[1].answers].map(responseNki))), drivers: noDrivers() },
      { label: 'category A', members: [0], target: [0], responses: 3, nki: round(mean(issue[0].answers.map(responseNki))), drivers: noDrivers() },
      { label: 'category B', members: [1], target: [1], responses: 1, nki: null, drivers: noDrivers() },
    ];
    const found = recovered(issue, naive);
    expect(found.join('\n')).toMatch(/^nki: hidden category B = 11\.\d+ \(true 11\.11\)/m);
  });

  it('cannot recover B from the real CSV and cards; the total is still shown', async () => {
    await load(issue);
    const observed = await observeAll(issue);
    expect(recovered(issue, observed)).toEqual([]);
    const byLabel = (label: string) => observed.find((o) => o.label === label);
    expect(byLabel('csv all')).toMatchObject({ responses: 4, nki: 59.3 }); // (21 + 23 + 17 + 3) / (4 × 27) × 100
    // Since issue 22 a group no quarter shows is left out of the CSV and shows no count on the card.
    expect(byLabel('csv category:it-telekom')).toBeUndefined();
    expect(byLabel('csv category:livsmedel')).toBeUndefined();
    expect(byLabel('nki kategori it-telekom')).toMatchObject({ responses: null, nki: null });
    expect(byLabel('nki 2026')).toMatchObject({ responses: 4, nki: 59.3 });
    const [reply] = await send(app.baseUrl, messageActivity('nki kategori it-telekom', { user: OFFICER }));
    expect(cardText(reply.attachments?.[0].content)).toMatch(/Inga siffror att visa här/);
  });

  it('cannot recover any hidden group or small set of answers in random datasets', async () => {
    const spec = fc.record({
      category: fc.constantFrom('it-telekom', 'livsmedel', 'tjanster'),
      opened: fc.constantFrom('2025-11-20', '2026-02-10', '2026-05-15', '2026-05-28'),
      isCase: fc.boolean(),
      answers: fc.array(
        fc.record({
          nki: fc.record({ overall: fc.integer({ min: 1, max: 10 }), expectations: fc.integer({ min: 1, max: 10 }), ideal: fc.integer({ min: 1, max: 10 }) }),
          drivers: fc.record(Object.fromEntries(DRIVERS.map((d) => [d, fc.option(fc.integer({ min: 1, max: 10 }), { freq: 3 })])) as Record<Driver, fc.Arbitrary<number | null>>),
        }),
        { maxLength: 5 },
      ),
      unanswered: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 8 }), async (raw) => {
        const specs: Spec[] = raw.map((s, i) => ({ ...s, caseNumber: s.isCase ? `INK-${s.opened.slice(0, 4)}-${9100 + i}` : null }));
        await load(specs);
        const observed = await observeAll(specs);
        // The attacker's model of the groups is right: each figure's count is its surveys' answers.
        for (const o of observed) if (o.responses !== null) expect([o.label, o.responses]).toEqual([o.label, o.members.reduce((n, i) => n + specs[i].answers.length, 0)]);
        expect(recovered(specs, observed)).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // Each run releases its quarters and reads every report; on a shared machine that takes a while.
  }, 900_000);

  it('still shows everything when every group is large enough', async () => {
    const specs: Spec[] = [];
    for (const category of ['it-telekom', 'livsmedel']) for (const opened of ['2026-02-10', '2026-05-15']) {
      // Drivers vary between people: groups where all but one gave the same answer show only a band (issue 22).
      for (const n of [3, 4]) specs.push({ category, opened, caseNumber: `INK-2026-${9200 + specs.length}`, answers: Array.from({ length: n }, (_, k) => answers(5 + k, 6, 7 + (k % 3), Object.fromEntries(DRIVERS.map((d, j) => [d, 2 + ((k * 3 + j + n) % 9)])))), unanswered: 1 });
    }
    await load(specs);
    const observed = await observeAll(specs);
    expect(recovered(specs, observed)).toEqual([]);
    expect(observed.filter((o) => o.nki === null).map((o) => o.label)).toEqual([]);
    expect(observed.filter((o) => o.drivers && DRIVERS.some((d) => o.drivers![d] === null)).map((o) => o.label)).toEqual([]);
  });
});
