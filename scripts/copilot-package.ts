/**
 * The Microsoft 365 Copilot part of the Teams app package (called by scripts/package.ts): the declarative
 * agent the manifest names in copilotAgents, the API plugin its actions name, the OpenAPI file the plugin's
 * runtime names (built from the operations declared beside their routes, `copilot: true`), and the static
 * Adaptive Cards its response semantics name (built from our own templates in cards/). Each file is checked
 * against the schema of its version bundled in @microsoft/app-manifest, and every reference between the
 * files is resolved: file paths, functions ↔ operationIds ↔ runtimes, and each card's bindings against the
 * response it renders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CardTemplate } from '../src/cards/loader';
import { contractCardSchema } from '../src/contracts/operations';
import { copilotOpenApiDocument, copilotOperations } from '../src/http/openapi-copilot';
import { MODULES } from '../src/modules';
import { cardTemplateFiles } from '../src/cards/loader';

/** A card template's file, wherever its capability keeps it (src/<capability>/cards or cards/). */
function templateFile(name: string): string {
  const file = cardTemplateFiles().get(name);
  if (!file) throw new Error(`no card template named ${name}`);
  return file;
}

const COPILOT_OPERATIONS = copilotOperations(MODULES.flatMap((m) => (m.api ? [m.api] : [])));
import { policyCardSchema } from '../src/policy/answer';

type Json = Record<string, unknown>;
export type SchemaCheck = (doc: unknown, schema: object, label: string) => Promise<string[]>;

export const COPILOT_DEV_DEFAULTS = {
  COPILOT_OAUTH_REFERENCE_ID: 'inkopsassistenten-entra-dev',
  COPILOT_TENANT: 'organizations',
  INKOP_CONTACT_EMAIL: 'inkop@example.org',
} as const;

export interface CopilotValues {
  values: Record<string, string>;
  /** The OpenAPI file's options. */
  serverUrl: string;
  tenant: string;
  scope: string;
}

/**
 * Values for the Copilot files: the OAuthPluginVault registration id (COPILOT_OAUTH_REFERENCE_ID, from the
 * Teams Developer Portal), the tenant of the sign-in page (MicrosoftAppTenantId, else the first of
 * ALLOWED_TENANT_IDS), the scope (COPILOT_API_AUDIENCE's api:// URI or api://<MicrosoftAppId>, plus
 * COPILOT_API_SCOPE), Inköp's address. `botId` and `serverUrl` come from the Teams values.
 */
export function copilotValues(env: NodeJS.ProcessEnv, production: boolean, teams: { botId: string; serverUrl: string; privacyUrl: string; termsUrl: string }, defaulted: string[], problems: string[]): CopilotValues {
  const v = (name: string) => (env[name] ?? '').trim();
  const pick = (name: keyof typeof COPILOT_DEV_DEFAULTS, value: string, variable: string) => {
    if (value) return value;
    if (production) problems.push(`${variable} is required for a production package (${name})`);
    else defaulted.push(name);
    return COPILOT_DEV_DEFAULTS[name];
  };
  const referenceId = pick('COPILOT_OAUTH_REFERENCE_ID', v('COPILOT_OAUTH_REFERENCE_ID'), 'COPILOT_OAUTH_REFERENCE_ID');
  const tenant = pick('COPILOT_TENANT', v('MicrosoftAppTenantId') || v('ALLOWED_TENANT_IDS').split(',')[0].trim(), 'MicrosoftAppTenantId');
  const email = v('INKOP_CONTACT_EMAIL') || COPILOT_DEV_DEFAULTS.INKOP_CONTACT_EMAIL;
  const uri = v('COPILOT_API_AUDIENCE').split(',').map((s) => s.trim()).find((s) => s.startsWith('api://')) ?? `api://${teams.botId}`;
  const scopeName = v('COPILOT_API_SCOPE') || 'access_as_user';
  return {
    values: { COPILOT_OAUTH_REFERENCE_ID: referenceId, INKOP_CONTACT_EMAIL: email, PRIVACY_URL: teams.privacyUrl, TERMS_URL: teams.termsUrl },
    serverUrl: teams.serverUrl,
    tenant,
    scope: `${uri.replace(/\/+$/, '')}/${scopeName}`,
  };
}

/** Which cards of cards/ a static Copilot card is built from, and the schema of the data it is bound to. */
export const COPILOT_CARDS: Record<string, { templates: { name: CardTemplate; when?: string }[]; data: z.AnyZodObject; hint?: string }> = {
  'card-contract.json': { templates: [{ name: 'contract-card' }], data: contractCardSchema },
  'card-policy-answer.json': {
    templates: [
      { name: 'policy-calculator', when: "${kind == 'calculation'}" },
      { name: 'policy-answer', when: "${kind == 'quote'}" },
    ],
    data: policyCardSchema,
    hint: 'hint',
  },
};

const POSTBACK = new Set(['Action.Submit', 'Action.Execute']);
const IDENT = /\$\{\s*([A-Za-z_]\w*)(?!\w*\s*\()/g;

/** The names a template element binds from its data, leaving out what a nested `$data` scope binds. */
export function bindings(node: unknown, out = new Set<string>()): Set<string> {
  if (typeof node === 'string') for (const m of node.matchAll(IDENT)) out.add(m[1]);
  else if (Array.isArray(node)) node.forEach((n) => bindings(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.$data === 'string') bindings(o.$data, out);
    else for (const v of Object.values(o)) bindings(v, out);
  }
  return out;
}

/** Copilot cannot post back to the bot: Action.Submit/Execute go, and an ActionSet left empty with them. */
function withoutPostbacks(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node
      .filter((n) => !(n && typeof n === 'object' && POSTBACK.has(String((n as Json).type))))
      .map(withoutPostbacks)
      .filter((n) => !(n && typeof n === 'object' && (n as Json).type === 'ActionSet' && ((n as Json).actions as unknown[]).length === 0));
  }
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, withoutPostbacks(v)]));
  return node;
}

/**
 * A static card for Copilot from our templates: their bodies without postback buttons (several templates:
 * each in a Container shown `when` its kind), elements whose data the response does not carry left out,
 * and the hint line at the end.
 */
export function copilotCard(spec: (typeof COPILOT_CARDS)[string]): Json {
  const keys = new Set(Object.keys(spec.data.shape));
  const parts = spec.templates.map(({ name, when }) => {
    const tpl = JSON.parse(fs.readFileSync(templateFile(name), 'utf8')) as Json;
    const clean = withoutPostbacks(tpl) as Json;
    const body = ((clean.body ?? []) as unknown[]).filter((el) => [...bindings(el)].every((b) => keys.has(b)));
    return { body, actions: (clean.actions ?? []) as unknown[], when };
  });
  const single = parts.length === 1 && !parts[0].when;
  const body = single ? parts[0].body : parts.map((p) => ({ type: 'Container', $when: p.when, items: p.body }));
  if (spec.hint) body.push({ type: 'TextBlock', text: `\${${spec.hint}}`, wrap: true, isSubtle: true, size: 'Small', separator: true });
  const actions = parts.flatMap((p) => p.actions);
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

function schemaFile(kind: 'declarative-agent' | 'plugin', version: string): object | undefined {
  const dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'copilot', kind, version);
  const file = path.join(dir, 'schema.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as object) : undefined;
}

/** The source of a file the package holds: `name.template.json` when there is one, else the file itself. */
function readSource(sourceDir: string, name: string): string | undefined {
  const template = path.join(sourceDir, name.replace(/\.json$/, '.template.json'));
  if (fs.existsSync(template)) return fs.readFileSync(template, 'utf8');
  const plain = path.join(sourceDir, name);
  return fs.existsSync(plain) ? fs.readFileSync(plain, 'utf8') : undefined;
}

export interface CopilotFilesInput {
  manifest: Json;
  sourceDir: string;
  copilot: CopilotValues;
  fill: (text: string, values: Record<string, string>, label: string) => string;
  check: SchemaCheck;
  problems: string[];
}

/** The Copilot files the manifest names, built and checked; problems are added to `problems`. */
export async function copilotFiles(input: CopilotFilesInput): Promise<{ name: string; data: Buffer }[]> {
  const { manifest, sourceDir, copilot, fill, check, problems } = input;
  const files: { name: string; data: Buffer }[] = [];
  const add = (name: string, doc: unknown) => files.push({ name, data: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`) });
  const parse = (text: string, label: string): Json | undefined => {
    try {
      return JSON.parse(text) as Json;
    } catch (err) {
      problems.push(`${label}: not valid JSON (${(err as Error).message})`);
      return undefined;
    }
  };
  const agents = ((manifest.copilotAgents as Json | undefined)?.declarativeAgents ?? []) as { file: string }[];
  const instructionsFile = path.join(sourceDir, 'agent-instructions.md');
  const instructions = fs.existsSync(instructionsFile) ? fs.readFileSync(instructionsFile, 'utf8').trim() : '';
  for (const { file } of agents) {
    const text = readSource(sourceDir, file);
    if (text === undefined) {
      problems.push(`${file}: named in copilotAgents but missing from ${path.basename(sourceDir)}/`);
      continue;
    }
    const agent = parse(fill(text, { ...copilot.values, AGENT_INSTRUCTIONS: instructions }, file), file);
    if (!agent) continue;
    const schema = schemaFile('declarative-agent', String(agent.version));
    if (!schema) problems.push(`${file}: version ${String(agent.version)} has no schema bundled in @microsoft/app-manifest`);
    else problems.push(...(await check(agent, schema, file)));
    add(file, agent);
    for (const action of (agent.actions ?? []) as { file: string }[]) files.push(...(await pluginFiles(action.file, input, parse)));
  }
  return files;
}

async function pluginFiles(file: string, input: CopilotFilesInput, parse: (text: string, label: string) => Json | undefined) {
  const { sourceDir, copilot, fill, check, problems } = input;
  const files: { name: string; data: Buffer }[] = [];
  const text = readSource(sourceDir, file);
  if (text === undefined) {
    problems.push(`${file}: named as an action but missing from ${path.basename(sourceDir)}/`);
    return files;
  }
  const plugin = parse(fill(text, copilot.values, file), file);
  if (!plugin) return files;
  const functions = (plugin.functions ?? []) as { name: string; description?: string; capabilities?: { response_semantics?: { static_template?: { file?: string } } } }[];
  const ops = new Map(COPILOT_OPERATIONS.map((op) => [op.operationId, op]));
  for (const f of functions) {
    const op = ops.get(f.name);
    if (!op) problems.push(`${file}: function ${f.name} is no operation declared for Copilot (${[...ops.keys()].join(', ')})`);
    // The model reads the route's own description.
    else f.description = `${op.summary}. ${op.description}`;
  }
  for (const op of ops.keys()) if (!functions.some((f) => f.name === op)) problems.push(`${file}: operation ${op} has no function`);
  const schema = schemaFile('plugin', String(plugin.schema_version));
  if (!schema) problems.push(`${file}: schema_version ${String(plugin.schema_version)} has no schema bundled in @microsoft/app-manifest`);
  else problems.push(...(await check(plugin, schema, file)));
  files.push({ name: file, data: Buffer.from(`${JSON.stringify(plugin, null, 2)}\n`) });

  for (const runtime of (plugin.runtimes ?? []) as { type: string; spec?: { url?: string }; run_for_functions?: string[] }[]) {
    for (const name of runtime.run_for_functions ?? []) if (!functions.some((f) => f.name === name)) problems.push(`${file}: runtime runs ${name}, which is no function`);
    const url = runtime.spec?.url;
    if (runtime.type !== 'OpenApi' || !url) continue;
    if (/^[a-z]+:/i.test(url)) problems.push(`${file}: the OpenAPI file must be in the package, not at ${url}`);
    else if (!files.some((f) => f.name === url)) files.push({ name: url, data: Buffer.from(`${JSON.stringify(copilotOpenApiDocument(copilot, COPILOT_OPERATIONS), null, 2)}\n`) });
  }
  for (const f of functions) {
    const card = f.capabilities?.response_semantics?.static_template?.file;
    if (!card || files.some((x) => x.name === card)) continue;
    const spec = COPILOT_CARDS[card];
    if (!spec) problems.push(`${file}: ${f.name}'s card ${card} is built from none of our templates (${Object.keys(COPILOT_CARDS).join(', ')})`);
    else files.push({ name: card, data: Buffer.from(`${JSON.stringify(copilotCard(spec), null, 2)}\n`) });
  }
  return files;
}
