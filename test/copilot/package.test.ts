import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import JSZip from 'jszip';
import { z } from 'zod';
import type { PackageResult } from '../../scripts/package';
import { contractCardSchema } from '../../src/contracts/operations';
import { policyCardSchema } from '../../src/policy/answer';
import { fromRoot } from '../../src/util/paths';
import { cardTemplateFiles } from '../../src/cards/loader';

/**
 * The Copilot part of the Teams app package, opened from the built zip: the app manifest, the declarative
 * agent and the API plugin against the schemas bundled in @microsoft/app-manifest; the OpenAPI file with
 * @microsoft/m365-spec-parser as a Copilot project; and every reference between the files.
 */
// @microsoft/app-manifest (also under the spec parser) requires strip-bom 5, an ES module Jest cannot load: the
// same one-line function stands in (see test/manifest/package.test.ts).
const appManifestDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
jest.doMock(require.resolve('strip-bom', { paths: [appManifestDir] }), () => ({ __esModule: true, default: (s: string) => s.replace(/^\uFEFF/, '') }));
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the mock above */
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
const { AppManifestUtils } = require('@microsoft/app-manifest') as typeof import('@microsoft/app-manifest');
const { SpecParser, ProjectType } = require('@microsoft/m365-spec-parser') as typeof import('@microsoft/m365-spec-parser');
const { buildAppPackage, PackageError } = require('../../scripts/package') as typeof import('../../scripts/package');
/* eslint-enable @typescript-eslint/no-require-imports */

type Json = Record<string, unknown>;
type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilotpkg-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const bundled = (...parts: string[]) => path.join(appManifestDir, 'build', 'json-schemas', ...parts);
const readSchema = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Schema;
/** The newest version folder of a bundled schema kind ("v1.8"). */
const newest = (dir: string) => fs.readdirSync(dir).sort((a, b) => a.slice(1).localeCompare(b.slice(1), undefined, { numeric: true })).pop()!;

let result: PackageResult;
let unpacked: string;
let files: Record<string, Json>;
let names: string[];
const validation: string[] = [];

beforeAll(async () => {
  result = await buildAppPackage({ env: {}, outFile: path.join(tmp, 'app.zip') });
  const zip = await JSZip.loadAsync(fs.readFileSync(result.file));
  names = Object.keys(zip.files).sort();
  unpacked = path.join(tmp, 'unpacked');
  fs.mkdirSync(unpacked);
  files = {};
  for (const n of names) {
    const data = await zip.file(n)!.async('nodebuffer');
    fs.writeFileSync(path.join(unpacked, n), data);
    if (n.endsWith('.json')) files[n] = JSON.parse(data.toString('utf8')) as Json;
  }
});
afterAll(() => console.log(`Copilot package ${path.basename(result.file)}: ${names.join(', ')}\n${validation.join('\n')}`));

const manifest = () => files['manifest.json'];
const agentFile = () => ((manifest().copilotAgents as Json).declarativeAgents as { file: string }[])[0].file;
const agent = () => files[agentFile()];
const pluginFile = () => (agent().actions as { file: string }[])[0].file;
const plugin = () => files[pluginFile()];
type Fn = { name: string; description: string; capabilities: { response_semantics: { data_path: string; static_template: { file: string }; properties: Record<string, string> } } };
const functions = () => plugin().functions as Fn[];
const runtime = () => (plugin().runtimes as { type: string; auth: Json; spec: { url: string }; run_for_functions: string[] }[])[0];

describe('the package holds the agent, its plugin, the OpenAPI file and the cards', () => {
  it('lists them in the zip, at the root beside the manifest', () => {
    expect(names).toEqual(['ai-plugin.json', 'card-contract.json', 'card-policy-answer.json', 'color.png', 'declarativeAgent.json', 'en-US.json', 'manifest.json', 'openapi.json', 'outline.png']);
  });

  it('validates the app manifest against the bundled Teams schema of its version', async () => {
    const v = String(manifest().manifestVersion);
    const errors = await AppManifestUtils.validateAgainstSchema(manifest() as never, readSchema(bundled('teams', `v${v}`, 'MicrosoftTeams.schema.json')));
    validation.push(`manifest.json (Teams ${v}): ${errors.length} schema errors`);
    expect(errors).toEqual([]);
  });

  it('validates the declarative agent against the newest bundled schema, which it uses', async () => {
    const version = newest(bundled('copilot', 'declarative-agent'));
    expect(agent().version).toBe(version);
    const schema = readSchema(bundled('copilot', 'declarative-agent', version, 'schema.json'));
    const errors = await AppManifestUtils.validateAgainstSchema(agent() as never, schema);
    validation.push(`${agentFile()} (declarative agent ${version}): ${errors.length} schema errors`);
    expect(errors).toEqual([]);
    // The check can fail: an agent with too many conversation starters is refused.
    const starters = agent().conversation_starters as unknown[];
    expect(await AppManifestUtils.validateAgainstSchema({ ...agent(), conversation_starters: [...starters, ...starters] } as never, schema)).not.toEqual([]);
  });

  it('validates the API plugin against the newest bundled schema, which it uses', async () => {
    const version = newest(bundled('copilot', 'plugin'));
    expect(plugin().schema_version).toBe(version);
    const schema = readSchema(bundled('copilot', 'plugin', version, 'schema.json'));
    const errors = await AppManifestUtils.validateAgainstSchema(plugin() as never, schema);
    validation.push(`${pluginFile()} (API plugin ${version}): ${errors.length} schema errors`);
    expect(errors).toEqual([]);
    const noReference = { ...plugin(), runtimes: [{ ...runtime(), auth: { type: 'OAuthPluginVault' } }] };
    expect((await AppManifestUtils.validateAgainstSchema(noReference as never, schema)).join()).toMatch(/reference_id/);
  });

  it('validates the OpenAPI file with @microsoft/m365-spec-parser as a Copilot project: no errors, no warnings', async () => {
    const options = { projectType: ProjectType.Copilot, allowOauth2: true, allowBearerTokenAuth: true, allowAPIKeyAuth: true, allowMultipleParameters: true, allowConversationStarters: true, allowResponseSemantics: true, allowConfirmation: true };
    const parser = new SpecParser(path.join(unpacked, runtime().spec.url), options);
    const r = await parser.validate();
    validation.push(`${runtime().spec.url} (m365-spec-parser, Copilot): status ${r.status}, ${r.errors.length} errors, ${r.warnings.length} warnings${r.errors.length ? `: ${JSON.stringify(r.errors)}` : ''}`);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const apis = (await parser.list()).APIs.filter((a) => a.isValid).map((a) => a.operationId).sort();
    expect(apis).toEqual(['answerPolicyQuestion', 'getContract', 'searchContracts']);
    // And it can fail: the same file as OpenAPI 3.1 is refused.
    const as31 = new SpecParser({ ...(files[runtime().spec.url] as never as object), openapi: '3.1.0' } as never, options);
    expect((await as31.validate()).errors.map((e) => e.type)).toContain('spec-version-not-supported');
  });
});

describe('every reference between the files resolves', () => {
  it('manifest → agent → plugin → OpenAPI file and cards: each named file is in the zip', () => {
    const named = [agentFile(), pluginFile(), runtime().spec.url, ...functions().map((f) => f.capabilities.response_semantics.static_template.file)];
    for (const n of named) expect([n, names.includes(n)]).toEqual([n, true]);
  });

  it('functions, the runtime and the OpenAPI operationIds name the same three operations', () => {
    const openapi = files[runtime().spec.url] as { paths: Record<string, Record<string, { operationId: string; parameters: { example?: unknown; description?: string }[]; security?: unknown }>>; security: { entraId: string[] }[] };
    const operationIds = Object.values(openapi.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId)).sort();
    expect(functions().map((f) => f.name).sort()).toEqual(operationIds);
    expect([...runtime().run_for_functions].sort()).toEqual(operationIds);
    expect(operationIds).toEqual(['answerPolicyQuestion', 'getContract', 'searchContracts']);
    for (const ops of Object.values(openapi.paths)) for (const op of Object.values(ops)) for (const p of op.parameters) expect([op.operationId, p.description && p.example !== undefined]).toEqual([op.operationId, true]);
    for (const f of functions()) expect(f.description.length).toBeGreaterThan(200);
  });

  it('signs in with Entra ID: the plugin uses OAuthPluginVault, the OpenAPI file the authorisation code flow with the scope', () => {
    expect(runtime().auth).toEqual({ type: 'OAuthPluginVault', reference_id: 'inkopsassistenten-entra-dev' });
    const openapi = files[runtime().spec.url] as { security: { entraId: string[] }[]; components: { securitySchemes: { entraId: { flows: { authorizationCode: { authorizationUrl: string; scopes: Record<string, string> } } } } } };
    const flow = openapi.components.securitySchemes.entraId.flows.authorizationCode;
    expect(flow.authorizationUrl).toMatch(/^https:\/\/login\.microsoftonline\.com\/organizations\/oauth2\/v2\.0\/authorize$/);
    expect(Object.keys(flow.scopes)).toEqual([`api://${(manifest().bots as { botId: string }[])[0].botId}/access_as_user`]);
    expect(openapi.security).toEqual([{ entraId: Object.keys(flow.scopes) }]);
  });

  it('each card is a valid Adaptive Card built from our template, with no postback button, binding only what its response carries', () => {
    const schemas: Record<string, z.AnyZodObject> = { 'card-contract.json': contractCardSchema, 'card-policy-answer.json': policyCardSchema };
    const facts = [{ title: 'Avtals-id', value: 'RS-2025-0101' }];
    const samples: Record<string, Json[]> = {
      'card-contract.json': [{ title: 'Infusionspumpar', statusText: '✔ Gäller', statusColor: 'Good', renewalText: '', supplierLine: 'Leverantör: A AB', facts, openLabel: 'Öppna avtalet', url: 'https://avtal.example.org/1' }],
      'card-policy-answer.json': [
        { kind: 'calculation', title: 'Direktupphandling för 900 000 kr?', verdict: '✖ Nej', verdictColor: 'Attention', facts, addUp: 'a', final: 'b', sources: ['Källa: LOU'], hint: 'Fråga en inköpare' },
        { kind: 'quote', title: 'Svar', intro: 'i', passages: [{ section: 's', excerpt: 'e', url: 'https://x.example.org', sourceLine: 'Källa' }], openSourceLabel: 'Öppna', note: '', check: 'c', hint: 'Fråga en inköpare' },
      ],
    };
    for (const f of functions()) {
      const file = f.capabilities.response_semantics.static_template.file;
      const text = JSON.stringify(files[file]);
      expect(text).not.toMatch(/Action\.(Submit|Execute)/);
      // Every top-level ${name} is a field of the card data at data_path (or of an item inside it).
      const top = [...text.matchAll(/\$\{([A-Za-z_]\w*)/g)].map((m) => m[1]);
      const fields = new Set([...Object.keys(schemas[file].shape), 'value', 'section', 'excerpt', 'url', 'sourceLine']);
      for (const b of top) expect([file, b, fields.has(b)]).toEqual([file, b, true]);
      for (const data of samples[file]) {
        expect(schemas[file].safeParse(data).success).toBe(true);
        const card = new ACData.Template(files[file]).expand({ $root: data }) as Json;
        expect(JSON.stringify(card)).not.toMatch(/\$\{/);
        const ctx = new AC.SerializationContext();
        const parsed = new AC.AdaptiveCard();
        parsed.parse(card, ctx);
        expect(Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message)).toEqual([]);
        expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
        expect(parsed.getItemCount()).toBeGreaterThan(0);
      }
    }
    const contract = JSON.stringify(files['card-contract.json']);
    const ours = JSON.parse(fs.readFileSync(cardTemplateFiles().get('contract-card') ?? '', 'utf8')) as Json;
    expect(contract).toContain(JSON.stringify((ours.body as unknown[])[0]));
    expect(functions().find((f) => f.name === 'searchContracts')?.capabilities.response_semantics.data_path).toBe('$.items[*].card');
  });

  it('makes the message extension a Copilot skill: its search command and parameter carry semantic descriptions', () => {
    const [cmd] = (manifest().composeExtensions as { commands: Json[] }[])[0].commands;
    expect(String(cmd.semanticDescription)).toMatch(/contract/i);
    expect(String((cmd.parameters as Json[])[0].semanticDescription)).toMatch(/Swedish/);
  });

  it('gives the agent instructions in Swedish and English, conversation starters in both, and the plugin as its action', () => {
    const instructions = String(agent().instructions);
    expect(instructions).toMatch(/Sök alltid i avtalskatalogen med searchContracts/);
    expect(instructions).toMatch(/Always search the catalogue with searchContracts/);
    expect(instructions).toMatch(/answerPolicyQuestion/);
    expect(instructions).toMatch(/never your own figures/);
    const starters = (agent().conversation_starters as { text: string }[]).map((s) => s.text);
    expect(starters.some((s) => /^Har vi avtal/.test(s)) && starters.some((s) => /^Do we have/.test(s))).toBe(true);
    expect(agent().actions).toEqual([{ id: 'inkopsassistenten', file: 'ai-plugin.json' }]);
  });
});

describe('a broken reference is not packaged', () => {
  function sourceWith(change: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'src-'));
    for (const f of fs.readdirSync(fromRoot('manifest'))) fs.copyFileSync(fromRoot('manifest', f), path.join(dir, f));
    change(dir);
    return dir;
  }
  const edit = (dir: string, file: string, change: (j: Json) => void) => {
    const j = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;
    change(j);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(j));
  };

  it('refuses a function that is no declared operation, a card built from no template, and a runtime naming an unknown function', async () => {
    const dir = sourceWith((d) =>
      edit(d, 'ai-plugin.template.json', (p) => {
        const fns = p.functions as Fn[];
        fns[0].name = 'deleteContract';
        fns[1].capabilities.response_semantics.static_template.file = 'card-elsewhere.json';
      }),
    );
    const out = path.join(dir, 'out.zip');
    const err = await buildAppPackage({ env: {}, sourceDir: dir, outFile: out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackageError);
    const problems = (err as InstanceType<typeof PackageError>).problems.join('\n');
    expect(problems).toMatch(/function deleteContract is no operation declared for Copilot/);
    expect(problems).toMatch(/operation searchContracts has no function/);
    expect(problems).toMatch(/runtime runs searchContracts, which is no function/);
    expect(problems).toMatch(/card-elsewhere\.json is built from none of our templates/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an agent the schema rejects and a missing plugin file', async () => {
    const dir = sourceWith((d) => {
      edit(d, 'declarativeAgent.template.json', (a) => ((a as Json).name = ''));
      fs.rmSync(path.join(d, 'ai-plugin.template.json'));
    });
    const err = await buildAppPackage({ env: {}, sourceDir: dir, outFile: path.join(dir, 'out.zip') }).catch((e: unknown) => e);
    const problems = (err as InstanceType<typeof PackageError>).problems.join('\n');
    expect(problems).toMatch(/declarativeAgent\.json: \/name must NOT have fewer than 1 characters/);
    expect(problems).toMatch(/ai-plugin\.json: named as an action but missing/);
  });
});
