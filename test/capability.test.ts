import { migrationFoldersOf } from '../src/app';
import { loadConfig } from '../src/config';
import { Db, migrate } from '../src/db';
import { allMigrations } from '../src/db/migrate';
import { MODULES } from '../src/modules';
import { startTestApp, TestApp } from './helpers/app';
import { createEmptyTestDb } from './helpers/db';
import { cardSubmitActivity, cardText, messageActivity, send } from './helpers/teams';
import { greetingModule } from './fixtures/capability/greeting/module';

/**
 * Adding a capability is one folder and one line: the fixture capability in test/fixtures/capability/greeting
 * joins a test build of the module list by the line below, and its command, card, table, setting and route
 * work without a change anywhere else. (docs/architecture.md, "Add a capability", follows this test.)
 */
const modules = [...MODULES, greetingModule];

let db: Db;
let app: TestApp;
let applied: string[];
beforeAll(async () => {
  db = await createEmptyTestDb();
  applied = await migrate(db, allMigrations(migrationFoldersOf(modules)));
  app = await startTestApp({ db, modules, seed: false, env: { GREETING_EXCLAMATIONS: '2' } });
});
afterAll(async () => {
  await app.close();
});

it('runs its migration with the others, by its own identity', async () => {
  expect(applied).toContain('greeting/001_greetings');
  expect(applied.indexOf('greeting/001_greetings')).toBeGreaterThan(applied.indexOf('001_contracts'));
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM applied_migrations WHERE id = 'greeting/001_greetings'");
  expect(row.n).toBe(1);
});

it('answers its command in Swedish and in English, with its card and its setting', async () => {
  const sv = await send(app.baseUrl, messageActivity('vinka', { locale: 'sv-SE' }));
  expect(sv[0].text).toBe('Hej på dig!! Du har vinkat 1 gång(er).');
  expect(cardText(sv[0].attachments?.[0]?.content)).toContain('Vinkkortet');
  const en = await send(app.baseUrl, messageActivity('wave', { locale: 'en-US' }));
  // Its table counts: the second wave of the same person.
  expect(en[0].text).toBe('Hello there!! You have waved 2 time(s).');
  expect(cardText(en[0].attachments?.[0]?.content)).toContain('Wave again');
  const card = en[0].attachments?.[0]?.content as { version: string; actions: { data: { verb: string } }[] };
  expect(card.version).toBe('1.5');
  expect(card.actions[0].data.verb).toBe('greeting.again');
});

it('validates its setting with the rest of the configuration', () => {
  expect(() => loadConfig({ GREETING_EXCLAMATIONS: '9' }, modules)).toThrow(/GREETING_EXCLAMATIONS/);
  expect(loadConfig({}, modules).settings?.greeting).toEqual({ GREETING_EXCLAMATIONS: 1 });
});

it('serves its route, and describes it in /api/openapi.json from its zod schema', async () => {
  const res = await fetch(`${app.baseUrl}/api/greeting?name=Ada`, { headers: { 'Accept-Language': 'en' } });
  expect(await res.json()).toEqual({ greeting: 'Hello Ada!!' });
  expect((await fetch(`${app.baseUrl}/api/greeting?name=`)).status).toBe(400);
  const doc = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, { get?: { operationId: string; parameters: { name: string; in: string; required?: boolean; description?: string; schema: { maxLength?: number } }[] } }> };
  const op = doc.paths['/api/greeting'].get!;
  expect(op.operationId).toBe('greeting');
  expect(op.parameters).toEqual([{ name: 'name', in: 'query', required: true, description: 'Who to greet.', schema: expect.objectContaining({ type: 'string', minLength: 1, maxLength: 40 }) }]);
  // The capabilities of src/ are still described.
  expect(doc.paths['/api/contracts']).toBeDefined();
});

it('is listed on the help card and its verb has a handler', async () => {
  const help = await send(app.baseUrl, messageActivity('help', { locale: 'en-US' }));
  expect(cardText(help[0].attachments?.[0]?.content)).toContain('Type **wave**.');
  const again = await send(app.baseUrl, cardSubmitActivity({ verb: 'greeting.again' }, { locale: 'sv-SE' }));
  expect(again[0].text).toBe('Hej på dig!! Du har vinkat ? gång(er).');
});
