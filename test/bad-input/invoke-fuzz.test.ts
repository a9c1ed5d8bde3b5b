import fc from 'fast-check';
import { VERBS } from '../../src/cards/verbs';
import { startTestApp, TestApp } from '../helpers/app';
import { base, cardActionInvoke, messageActivity, Options, postActivity, send, TeamsUser } from '../helpers/teams';

/**
 * Issue 21, finding 7: every invoke name the bot handles (and the ones Teams may send that it does not),
 * with a value that is null, an array, a number, a huge string or deeply nested, and with values
 * fast-check makes up: a polite answer (a message, or a 4xx problem for an invoke with nowhere to show
 * one), never a 5xx and never a "turn failed" in the log.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const NOBODY: TeamsUser = { id: '29:nobody', aadObjectId: '99999999-0000-4000-8000-000000000009', name: 'Nils Nyfiken' };
const personal = (u: TeamsUser): Options => ({ user: u, conversationId: `a:1on1-${u.aadObjectId}` });

/** The invoke names routed in src/bot and the capabilities' teams.ts files, and the others Teams sends. */
const INVOKE_NAMES = [
  'adaptiveCard/action',
  'application/search',
  'composeExtension/query',
  'composeExtension/selectItem',
  'composeExtension/submitAction',
  'composeExtension/fetchTask',
  'composeExtension/queryLink',
  'composeExtension/anonymousQueryLink',
  'composeExtension/querySettingUrl',
  'composeExtension/setting',
  'message/submitAction',
  'task/fetch',
  'task/submit',
  'config/fetch',
  'config/submit',
  'tab/fetch',
  'tab/submit',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'handoff/action',
  'signin/verifyState',
  'signin/tokenExchange',
  'healthCheck',
];

/** Nested `depth` levels deep, in objects or arrays. */
function nested(depth: number, inArrays = false): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = inArrays ? [v] : { a: v };
  return v;
}

const SHAPES: [string, unknown][] = [
  ['null', null],
  ['an empty array', []],
  ['an array of junk', [null, 1, 'x', { action: null }]],
  ['a number', 42],
  ['NaN-like number', -1e308],
  ['a boolean', true],
  ['a string', 'case.assign'],
  ['a huge string', 'x'.repeat(200_000)],
  ['a huge array', Array.from({ length: 20_000 }, (_, i) => i)],
  ['nested 60 deep (under the edge limit)', nested(58)],
  ['nested 60 deep in arrays', nested(58, true)],
  ['nested 500 deep', nested(500)],
  ['an empty object', {}],
  ['an action that is null', { action: null, trigger: 'manual' }],
  ['an action with a numeric verb and array data', { action: { type: 'Action.Execute', verb: 7, data: [1, 2] } }],
  ['feedback without actionValue', { actionName: 'feedback' }],
  ['feedback with a null actionValue', { actionName: 'feedback', actionValue: null }],
  ['feedback with a nested actionValue', { actionName: 'feedback', actionValue: { reaction: nested(40), feedback: nested(40) } }],
  ['a search with a null query', { queryText: null, dataset: null, queryOptions: null }],
  ['a search with a numeric dataset', { queryText: 'a', dataset: 5, queryOptions: { top: 'x', skip: [] } }],
  ['a query with parameters that are null', { commandId: 'searchContracts', parameters: null, queryOptions: null }],
  ['a query with a parameter value that is an object', { commandId: 'searchContracts', parameters: [{ name: 'queryText', value: { a: 1 } }] }],
];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  for (const u of [OFFICER, NOBODY]) await send(app.baseUrl, messageActivity('hjälp', personal(u)));
});
afterAll(async () => {
  await app?.close();
});

const failures = () => app.logs.filter((l) => /turn failed|activity processing failed/.test(l));

/** Posts an invoke; returns the problem when the answer is not polite (undefined when it is). */
async function problemOf(name: string, value: unknown, user: TeamsUser): Promise<string | undefined> {
  const before = failures().length;
  const activity = { ...base('invoke', personal(user)), name, value, deliveryMode: undefined };
  const { status, body } = await postActivity(app.baseUrl, activity);
  const text = JSON.stringify(body ?? '');
  if (status >= 500) return `status ${status}: ${text.slice(0, 300)}`;
  if (/Något gick fel hos mig|Something went wrong on my side/.test(text)) return `a failed turn: ${text.slice(0, 300)}`;
  const logged = failures().slice(before);
  if (logged.length > 0) return `logged: ${logged[0].slice(0, 400)}`;
  // A 4xx is a problem+json with a title in the user's language, not an empty or a stack trace.
  if (status >= 400 && !(body && typeof (body as { title?: unknown }).title === 'string')) return `status ${status} without a title`;
  if (/\bat [\w.<>]+ \(.*:\d+:\d+\)/.test(text)) return `a stack trace: ${text.slice(0, 300)}`;
  return undefined;
}

describe.each(INVOKE_NAMES)('%s', (name) => {
  it.each(SHAPES)('with %s: a polite answer', async (_shape, value) => {
    expect(await problemOf(name, value, NOBODY)).toBeUndefined();
  });
});

describe('every card verb as an Action.Execute with odd data', () => {
  it.each(Object.values(VERBS))('%s', async (verb) => {
    for (const [, data] of SHAPES) {
      const activity = cardActionInvoke(verb, {}, personal(OFFICER));
      activity.value.action.data = data as never;
      const before = failures().length;
      const { status, body } = await postActivity(app.baseUrl, activity);
      expect({ verb, status: status >= 500 ? status : 'ok' }).toEqual({ verb, status: 'ok' });
      expect({ verb, body: /Något gick fel hos mig/.test(JSON.stringify(body ?? '')) ? body : 'ok' }).toEqual({ verb, body: 'ok' });
      expect(failures().slice(before)).toEqual([]);
    }
  });
});

describe('made-up values (fast-check)', () => {
  const value = fc.oneof(
    fc.anything({ maxDepth: 6, maxKeys: 6, withNullPrototype: true, withBigInt: false, withDate: false }),
    fc.record({ action: fc.anything({ maxDepth: 4 }), trigger: fc.anything({ maxDepth: 1 }) }),
    fc.record({ actionName: fc.constantFrom('feedback', 'x'), actionValue: fc.anything({ maxDepth: 4 }) }),
    fc.record({ commandId: fc.anything({ maxDepth: 1 }), parameters: fc.anything({ maxDepth: 3 }), queryOptions: fc.anything({ maxDepth: 2 }) }),
    fc.record({ dataset: fc.anything({ maxDepth: 1 }), queryText: fc.anything({ maxDepth: 1 }), queryOptions: fc.anything({ maxDepth: 2 }) }),
  );
  it('never fail a turn, whatever the invoke name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INVOKE_NAMES), value, async (name, v) => {
        // JSON has no undefined, and Teams sends JSON.
        const sent = JSON.parse(JSON.stringify({ v }) ?? '{}').v as unknown;
        expect(await problemOf(name, sent, NOBODY)).toBeUndefined();
      }),
      { numRuns: 100, seed: 21 },
    );
  });
});
