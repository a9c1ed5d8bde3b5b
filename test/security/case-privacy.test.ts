import { startTestApp, TestApp } from '../helpers/app';
import { TENANT_ID, TeamsUser, cardActionInvoke, cardText, invoke, messageActivity, Options, postActivity, send } from '../helpers/teams';
import { FORM_INPUT } from '../intake/fixtures';
import { VERBS } from '../../src/cards/verbs';

/**
 * Issue 21, finding 1: the case verbs check the role before they read or render a case. Every case verb,
 * with valid and with invalid data, sent by a clinician who is not an officer and by a user of a second
 * allowed tenant, answers politely without any field of the case, and answers a case that exists exactly
 * as it answers one that does not (nobody can list which cases exist).
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const SUBMITTER: TeamsUser = { id: '29:submitter', aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'Karin Sjuksköterska' };
const OTHER: TeamsUser = { id: '29:other', aadObjectId: '99999999-0000-4000-8000-000000000009', name: 'Nils Nyfiken' };
const STRANGER: TeamsUser = { id: '29:stranger', aadObjectId: '77777777-0000-4000-8000-000000000007', name: 'Sara Grannregion' };
const SECOND_TENANT = '5e5e5e5e-0000-4000-8000-000000000005';
const TEAM = { teamId: '19:team-inkop@thread.tacv2', channelId: '19:behov@thread.tacv2' };

const NEED = 'Patienten Bertil Blom behöver en specialanpassad rullstol före utskrivningen.';
const UNIT = 'Avdelning 12 Kirurgi Västerås';
const QUESTION = 'Vilken sittbredd mätte arbetsterapeuten upp?';
const TITLE = 'Specialrullstol till avdelning 12';
const COMMENT = 'Prioriteras, internt: leverantören har brustit förut';
/** Every field of the case a reply could leak: submitter, unit, need, title, the officer's question, the history. */
const SECRETS = [SUBMITTER.name, UNIT, NEED, 'Bertil Blom', TITLE, QUESTION, COMMENT, OFFICER.name, 'Under bedömning', 'Historik', 'History'];
const MISSING = 'INK-2026-9876';

let app: TestApp;
let caseNumber = '';

const personal = (u: TeamsUser): Options => ({ user: u, conversationId: `a:1on1-${u.aadObjectId}` });
const channel = (u: TeamsUser): Options => ({ user: u, conversationType: 'channel', conversationId: `${TEAM.channelId};messageid=1`, team: TEAM });
/** The same activity as a user signed in to the second allowed tenant would send it. */
function inSecondTenant<T extends { channelData: object; conversation: object }>(a: T): T {
  return { ...a, channelData: { ...a.channelData, tenant: { id: SECOND_TENANT } }, conversation: { ...a.conversation, tenantId: SECOND_TENANT } };
}

beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, ALLOWED_TENANT_IDS: `${TENANT_ID},${SECOND_TENANT}` } });
  const form = await send(app.baseUrl, messageActivity('anmäl behov', personal(SUBMITTER)));
  const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form[0].attachments?.[0].content))?.[1] as string;
  const fields = { ...FORM_INPUT, title: TITLE, need: NEED, unit: UNIT, category: 'tjanster', specialRequirements: '' };
  const submitted = await invoke(app.baseUrl, cardActionInvoke('intake.submit', { formId, ...fields }, personal(SUBMITTER)));
  caseNumber = /INK-\d{4}-\d{4}/.exec(cardText(submitted.value))?.[0] ?? '';
  await invoke(app.baseUrl, cardActionInvoke('case.assign', { caseNumber }, channel(OFFICER)));
  await invoke(app.baseUrl, cardActionInvoke('case.setStatus', { caseNumber, status: 'planerad', comment: COMMENT }, channel(OFFICER)));
  const asked = await invoke(app.baseUrl, cardActionInvoke('case.ask', { caseNumber, question: QUESTION }, channel(OFFICER)));
  // The officer sees every field: the test's secrets are really on the officers' card.
  for (const s of [SUBMITTER.name, UNIT, QUESTION]) expect(cardText(asked.value)).toContain(s);
});
afterAll(async () => {
  await app?.close();
});

/** Valid and invalid data for each case verb (invalid: a value the verb's check refuses). */
const DATA: Record<string, { valid: Record<string, unknown>; invalid: Record<string, unknown>[] }> = {
  [VERBS.caseRefresh]: { valid: {}, invalid: [{ extra: 'x' }] },
  [VERBS.caseAssign]: { valid: {}, invalid: [{ caseNumber: 42 }] },
  [VERBS.caseSetStatus]: { valid: { status: 'upphandling-pagar' }, invalid: [{ status: 'x' }, { status: 'avbojd', comment: 'y'.repeat(5000) }] },
  [VERBS.caseAsk]: { valid: { question: 'Hur många behövs?' }, invalid: [{ question: '' }] },
  [VERBS.caseAnswer]: { valid: { answer: 'Femtio centimeter.' }, invalid: [{ answer: '' }] },
  [VERBS.caseWithdraw]: { valid: { comment: 'Behövs inte längre' }, invalid: [{ comment: 'z'.repeat(600) }] },
  [VERBS.caseOutcome]: { valid: { outcome: 'avbruten', cause: 'annat' }, invalid: [{ outcome: 'x' }, { outcome: 'upphandlad', actualStart: 'igår' }] },
  [VERBS.caseContract]: { valid: { contractTyped: 'RS-2026-0001', actualStart: '2027-01-01' }, invalid: [{ actualStart: 'x' }, { contractTyped: '<>' }] },
  [VERBS.caseAppeal]: { valid: { appealed: 'ja', appealOutcome: 'avslag' }, invalid: [{ appealed: 'kanske' }, {}] },
  [VERBS.caseCoordination]: { valid: { shouldCoordinate: 'true', coordinationReason: 'tidplan' }, invalid: [{ shouldCoordinate: 'true', coordinationReason: 'x' }, { coordinationNote: 'utan skäl' }] },
};
const CASE_VERBS = Object.values(VERBS).filter((v) => v.startsWith('case.'));

/** Every text the bot answered with: the invoke's message or card, as Teams would show it. */
async function answerText(activity: object): Promise<string> {
  const { status, body } = await postActivity(app.baseUrl, activity);
  expect(status).toBe(200);
  const b = body as { value?: unknown };
  return typeof b.value === 'string' ? b.value : `${cardText(b.value)}\n${JSON.stringify(b.value)}`;
}

it('covers every case verb', () => {
  expect(caseNumber).toMatch(/^INK-2026-\d{4}$/);
  expect(Object.keys(DATA).sort()).toEqual([...CASE_VERBS].sort());
});

const WHO: [string, (verb: string, data: Record<string, unknown>, conv: 'personal' | 'channel') => object][] = [
  ['a clinician who is not an officer', (verb, data, conv) => cardActionInvoke(verb, data, conv === 'channel' ? channel(OTHER) : personal(OTHER))],
  ['a user of a second allowed tenant', (verb, data, conv) => inSecondTenant(cardActionInvoke(verb, data, conv === 'channel' ? channel(STRANGER) : personal(STRANGER)))],
];

describe.each(WHO)('%s', (_who, activityOf) => {
  for (const verb of CASE_VERBS) {
    for (const [kind, sets] of [['valid', [DATA[verb].valid]], ['invalid', DATA[verb].invalid]] as const) {
      it(`${verb} with ${kind} data: no field of the case, and the same answer as for a case that does not exist`, async () => {
        for (const data of sets) {
          for (const conv of ['personal', 'channel'] as const) {
            const logsBefore = app.logs.length;
            const existing = await answerText(activityOf(verb, { ...data, caseNumber }, conv));
            const missing = await answerText(activityOf(verb, { ...data, caseNumber: MISSING }, conv));
            for (const secret of SECRETS) expect(existing).not.toContain(secret);
            expect(existing.replaceAll(caseNumber, '#')).toBe(missing.replaceAll(MISSING, '#'));
            expect(existing.length).toBeGreaterThan(10);
            expect(app.logs.slice(logsBefore).join('')).not.toMatch(/turn failed/);
          }
        }
      });
    }
  }
});

it('left the case as it was (the refusals changed nothing)', async () => {
  const rows = await app.db.query<{ status: string; pending_question: string | null }>('SELECT status, pending_question FROM cases WHERE case_number = $1', [caseNumber]);
  expect(rows).toEqual([{ status: 'planerad', pending_question: QUESTION }]);
});

it('an officer acting on a case that does not exist gets a message, and no "turn failed" is logged', async () => {
  const logsBefore = app.logs.length;
  const res = await invoke(app.baseUrl, cardActionInvoke(VERBS.caseOutcome, { caseNumber: MISSING, outcome: 'x' }, channel(OFFICER)));
  expect(res.value).toBe(`Ärendet ${MISSING} finns inte.`);
  const refresh = await invoke(app.baseUrl, cardActionInvoke(VERBS.caseRefresh, { caseNumber: MISSING }, channel(OFFICER)));
  expect(refresh.value).toBe(`Ärendet ${MISSING} finns inte.`);
  expect(app.logs.slice(logsBefore).join('')).not.toMatch(/turn failed/);
});

it('the submitter cannot reach the officers\' card through an officers\' verb', async () => {
  const text = await answerText(cardActionInvoke(VERBS.caseSetStatus, { caseNumber, status: 'atertagen' }, personal(SUBMITTER)));
  expect(text).toBe('Det här får bara inköpare göra.');
  for (const secret of [QUESTION, COMMENT, OFFICER.name]) expect(text).not.toContain(secret);
});
