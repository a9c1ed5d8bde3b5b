/**
 * npm run package — builds the Teams app package build/appPackage.zip and validates it offline.
 *
 * The zip holds manifest.json (manifest/manifest.template.json with its ${{NAME}} placeholders filled),
 * the localisation files it names (manifest/en-US.json) and the two icons, all at the zip's root.
 * Before writing, it checks:
 * - the manifest against the Teams JSON schema of its manifestVersion, and each localisation file
 *   against the matching localisation schema, both as bundled in @microsoft/app-manifest (no network);
 * - that every localisation key points at a string the manifest has, and that every bot command and
 *   message-extension text of the manifest is translated;
 * - the icons: color 192×192, outline 32×32 with only white pixels on a transparent background;
 * - that no placeholder is left, and that the values are plausible (GUIDs, a public https address).
 * Any problem: nothing is written, every problem is listed, exit code 1.
 *
 * Values: TEAMS_APP_ID, MicrosoftAppId (BOT_ID), PUBLIC_URL (BOT_DOMAIN is its host), TEAMS_WEBSITE_URL,
 * TEAMS_PRIVACY_URL, TEAMS_TERMS_URL from the environment (and from .env in the project folder, where
 * the environment has no value). Without them the dev defaults below are used and named in the output;
 * `npm run package -- --production` refuses dev defaults. `--out FILE` writes elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { commandMenus } from '../src/core/commands';
import { copilotFiles, copilotValues } from './copilot-package';
import { Locale, localeFrom } from '../src/i18n';
import { MODULES } from '../src/modules';
import { fromRoot } from '../src/util/paths';

/**
 * Dev defaults, for a package that validates but is not tied to a bot registration: fixed GUIDs that
 * are recognisably ours (they start with the accent colour 1f6f5c) and a host under example.org, a
 * domain reserved for documentation (RFC 2606). Not localhost: the Bot Connector cannot reach it, so a
 * package pointing there is useless in Teams.
 */
export const DEV_DEFAULTS = {
  TEAMS_APP_ID: '1f6f5c00-0de7-4000-8000-000000000001',
  BOT_ID: '1f6f5c00-0de7-4000-8000-000000000002',
  BOT_DOMAIN: 'inkopsassistenten.example.org',
  WEBSITE_URL: 'https://inkopsassistenten.example.org/',
  PRIVACY_URL: 'https://inkopsassistenten.example.org/privacy',
  TERMS_URL: 'https://inkopsassistenten.example.org/terms',
} as const;

/** The icon sizes Teams requires, in pixels. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

export interface PackageOptions {
  /** Where the values come from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Refuse dev defaults: every value must come from the environment. */
  production?: boolean;
  /** The folder with manifest.template.json, the localisation files and the icons. */
  sourceDir?: string;
  /** The zip to write; build/appPackage.zip by default. */
  outFile?: string;
}

export interface PackageResult {
  file: string;
  /** File names in the zip, in order. */
  entries: string[];
  manifest: Record<string, unknown>;
  /** Placeholders filled with a dev default (empty in production). */
  defaulted: string[];
  manifestVersion: string;
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

type Json = Record<string, unknown>;
type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

function schemaDir(manifestVersion: string): string {
  const pkg = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(pkg, 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
}

/**
 * The Teams schemas that @microsoft/app-manifest bundles for a manifest version. Passing the schema
 * to validateAgainstSchema keeps validation offline: without it the library may fetch the $schema URL.
 */
export function bundledSchemas(manifestVersion: string): { manifest: Schema; localization: Schema } | undefined {
  const dir = schemaDir(manifestVersion);
  const read = (name: string) => {
    // The same clean-up the library applies to schema text (\a and \v escapes are not JSON).
    const text = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    return JSON.parse(text) as Schema;
  };
  if (!fs.existsSync(path.join(dir, 'MicrosoftTeams.schema.json'))) return undefined;
  return { manifest: read('MicrosoftTeams.schema.json'), localization: read('MicrosoftTeams.Localization.schema.json') };
}

/** Validates a manifest with @microsoft/app-manifest against the bundled schema; returns readable problems. */
export async function validateManifest(manifest: unknown, schema: Schema, label = 'manifest.json'): Promise<string[]> {
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0], schema);
  return errors.map((e) => `${label}: ${e.trim()}`);
}

/**
 * Validates a localisation file. Not with AppManifestUtils: its Ajv compiles patterns with the
 * unicode flag, and the localisation schema's key patterns (e.g. `\b]`) are only valid without it.
 * Otherwise the same setup: JSON Schema draft-04, all errors, the uri/email/regex formats.
 */
export function validateLocalization(loc: unknown, schema: Schema, label: string): string[] {
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema as object);
  if (validate(loc)) return [];
  return (validate.errors ?? []).map((e) => `${label}: ${e.instancePath || '/'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`.trim());
}

function loadDotEnv(): NodeJS.ProcessEnv {
  const file = fromRoot('.env');
  return fs.existsSync(file) ? (parseEnv(fs.readFileSync(file, 'utf8')) as NodeJS.ProcessEnv) : {};
}

/** Placeholder values from the environment, dev defaults where allowed, and problems with bad values. */
export function resolveValues(env: NodeJS.ProcessEnv, production: boolean): { values: Record<string, string>; defaulted: string[]; problems: string[] } {
  const v = (name: string) => (env[name] ?? '').trim();
  const problems: string[] = [];
  const defaulted: string[] = [];
  const values: Record<string, string> = {};
  const take = (placeholder: keyof typeof DEV_DEFAULTS, variable: string, value: string, check?: (s: string) => string | undefined) => {
    if (!value) {
      if (production) problems.push(`${variable} is required for a production package (${placeholder})`);
      else defaulted.push(placeholder);
      values[placeholder] = DEV_DEFAULTS[placeholder];
      return;
    }
    const problem = check?.(value);
    if (problem) problems.push(`${variable} ${problem}`);
    values[placeholder] = value;
  };
  const guid = (s: string) => (GUID.test(s) ? undefined : `must be a GUID (got "${s.slice(0, 60)}")`);
  const https = (s: string) => {
    try {
      return new URL(s).protocol === 'https:' ? undefined : `must be an https:// URL (got "${s.slice(0, 100)}")`;
    } catch {
      return `must be an https:// URL (got "${s.slice(0, 100)}")`;
    }
  };

  take('TEAMS_APP_ID', 'TEAMS_APP_ID', v('TEAMS_APP_ID'), guid);
  take('BOT_ID', 'MicrosoftAppId', v('MicrosoftAppId'), guid);

  let domain = '';
  const publicUrl = v('PUBLIC_URL');
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'https:') problems.push(`PUBLIC_URL must be an https:// URL: Teams only calls bots over https (got "${publicUrl.slice(0, 100)}")`);
      else if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(url.hostname) || url.hostname.endsWith('.localhost')) {
        problems.push('PUBLIC_URL must be the public address Teams reaches the bot at (e.g. a dev tunnel), not this machine');
      } else domain = url.hostname;
    } catch {
      problems.push(`PUBLIC_URL must be an https:// URL (got "${publicUrl.slice(0, 100)}")`);
    }
  }
  take('BOT_DOMAIN', 'PUBLIC_URL', domain || (publicUrl ? DEV_DEFAULTS.BOT_DOMAIN : ''));
  take('WEBSITE_URL', 'TEAMS_WEBSITE_URL', v('TEAMS_WEBSITE_URL'), https);
  take('PRIVACY_URL', 'TEAMS_PRIVACY_URL', v('TEAMS_PRIVACY_URL'), https);
  take('TERMS_URL', 'TEAMS_TERMS_URL', v('TEAMS_TERMS_URL'), https);

  const pkg = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
  values.APP_VERSION = pkg.version;
  return { values, defaulted, problems };
}

/** Fills ${{NAME}} placeholders inside JSON text; values are escaped for a JSON string. */
export function fillPlaceholders(text: string, values: Record<string, string>, label: string, problems: string[]): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in values)) {
      problems.push(`${label}: placeholder ${whole} has no value (known: ${Object.keys(values).join(', ')})`);
      return whole;
    }
    return JSON.stringify(values[name]).slice(1, -1);
  });
}

/**
 * The bot's command menus per scope, from the commands the modules declare (src/modules.ts), in the
 * manifest's language: nobody keeps the manifest, the help card and the router in step by hand.
 */
export function withCommandMenus(manifest: Json, locale: Locale): void {
  const bots = (manifest.bots ?? []) as Json[];
  if (bots[0]) bots[0].commandLists = commandMenus(MODULES.flatMap((m) => m.commands), locale);
}

/** The localisation entries for the command menus (bots[0].commandLists[l].commands[c].title/description). */
export function commandMenuTranslations(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  commandMenus(MODULES.flatMap((m) => m.commands), locale).forEach((list, l) =>
    list.commands.forEach((c, i) => {
      out[`bots[0].commandLists[${l}].commands[${i}].title`] = c.title;
      out[`bots[0].commandLists[${l}].commands[${i}].description`] = c.description;
    }),
  );
  return out;
}

/** The value at a localisation key such as "bots[0].commandLists[1].commands[2].title". */
function atPath(doc: unknown, key: string): unknown {
  let node: unknown = doc;
  for (const part of key.split(/\.|(?=\[)/)) {
    if (node === null || typeof node !== 'object') return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    node = index ? (Array.isArray(node) ? node[Number(index[1])] : undefined) : (node as Json)[part];
  }
  return node;
}

/** The manifest's strings that must be translated: bot commands and message-extension texts. */
export function translatableKeys(manifest: Json): string[] {
  const keys: string[] = ['name.short', 'description.short', 'description.full'];
  if ((manifest.name as Json | undefined)?.full) keys.push('name.full');
  const bots = (manifest.bots ?? []) as { commandLists?: { commands: Json[] }[] }[];
  bots.forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) =>
      list.commands.forEach((cmd, c) => {
        keys.push(`bots[${b}].commandLists[${l}].commands[${c}].title`);
        if (cmd.description) keys.push(`bots[${b}].commandLists[${l}].commands[${c}].description`);
      }),
    ),
  );
  const extensions = (manifest.composeExtensions ?? []) as { commands?: { title?: string; description?: string; parameters?: Json[] }[] }[];
  extensions.forEach((ext, e) =>
    (ext.commands ?? []).forEach((cmd, c) => {
      const base = `composeExtensions[${e}].commands[${c}]`;
      if (cmd.title) keys.push(`${base}.title`);
      if (cmd.description) keys.push(`${base}.description`);
      (cmd.parameters ?? []).forEach((p, i) => {
        keys.push(`${base}.parameters[${i}].title`);
        if (p.description) keys.push(`${base}.parameters[${i}].description`);
      });
    }),
  );
  return keys;
}

/** Problems between a manifest and one of its localisation files, beyond what the schema checks. */
export function localizationProblems(manifest: Json, loc: Json, label: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(loc)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof atPath(manifest, key) !== 'string') problems.push(`${label}: "${key}" has no counterpart in the manifest`);
  }
  for (const key of translatableKeys(manifest)) {
    if (!(key in loc)) problems.push(`${label}: "${key}" is not translated`);
  }
  return problems;
}

/** Problems with an icon: its size, and for the outline icon anything but white on transparent. */
export function iconProblems(data: Buffer, kind: keyof typeof ICON_SIZES, label: string): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(data);
  } catch (err) {
    return [`${label}: not a readable PNG (${(err as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) problems.push(`${label}: must be ${size}×${size} pixels (is ${png.width}×${png.height})`);
  if (kind === 'outline') {
    let coloured = 0;
    let opaqueCorner = false;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] > 0 && (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255)) coloured++;
    }
    for (const [x, y] of [[0, 0], [png.width - 1, 0], [0, png.height - 1], [png.width - 1, png.height - 1]]) {
      if (png.data[(y * png.width + x) * 4 + 3] !== 0) opaqueCorner = true;
    }
    if (coloured > 0) problems.push(`${label}: must be white (#FFFFFF) only; ${coloured} visible pixels have another colour`);
    if (opaqueCorner) problems.push(`${label}: the background must be transparent`);
  }
  return problems;
}

/** Builds and validates the package; throws PackageError listing every problem, writes nothing then. */
export async function buildAppPackage(opts: PackageOptions = {}): Promise<PackageResult> {
  const env = opts.env ?? process.env;
  const sourceDir = opts.sourceDir ?? fromRoot('manifest');
  const outFile = opts.outFile ?? fromRoot('build', 'appPackage.zip');
  const { values, defaulted, problems } = resolveValues(env, opts.production ?? false);

  const templateText = fs.readFileSync(path.join(sourceDir, 'manifest.template.json'), 'utf8');
  const manifestText = fillPlaceholders(templateText, values, 'manifest.template.json', problems);
  let manifest: Json;
  try {
    manifest = JSON.parse(manifestText) as Json;
  } catch (err) {
    throw new PackageError([...problems, `manifest.template.json: not valid JSON (${(err as Error).message})`]);
  }

  withCommandMenus(manifest, 'sv');
  const manifestVersion = String(manifest.manifestVersion ?? '');
  const schemas = bundledSchemas(manifestVersion);
  if (!schemas) throw new PackageError([...problems, `manifestVersion "${manifestVersion}" has no schema bundled in @microsoft/app-manifest`]);
  const schemaUrl = String(manifest.$schema ?? '');
  if (!schemaUrl.endsWith(`/teams/v${manifestVersion}/MicrosoftTeams.schema.json`)) {
    problems.push(`manifest.json: $schema (${schemaUrl}) does not match manifestVersion ${manifestVersion}`);
  }
  problems.push(...(await validateManifest(manifest, schemas.manifest)));

  const files: { name: string; data: Buffer }[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }];

  const localization = (manifest.localizationInfo ?? {}) as { additionalLanguages?: { file: string; languageTag?: string }[] };
  for (const { file, languageTag } of localization.additionalLanguages ?? []) {
    const source = path.join(sourceDir, file);
    if (!fs.existsSync(source)) {
      problems.push(`${file}: named in localizationInfo but missing from ${path.basename(sourceDir)}/`);
      continue;
    }
    const text = fillPlaceholders(fs.readFileSync(source, 'utf8'), values, file, problems);
    let loc: Json;
    try {
      loc = JSON.parse(text) as Json;
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    Object.assign(loc, commandMenuTranslations(localeFrom(languageTag)));
    problems.push(...validateLocalization(loc, schemas.localization, file));
    problems.push(...localizationProblems(manifest, loc, file));
    files.push({ name: file, data: Buffer.from(`${JSON.stringify(loc, null, 2)}\n`) });
  }

  const icons = (manifest.icons ?? {}) as Partial<Record<keyof typeof ICON_SIZES, string>>;
  for (const kind of Object.keys(ICON_SIZES) as (keyof typeof ICON_SIZES)[]) {
    const name = icons[kind];
    if (!name) continue; // the schema has already said it is missing
    const source = path.join(sourceDir, name);
    if (!fs.existsSync(source)) {
      problems.push(`${name}: icon missing from ${path.basename(sourceDir)}/ (run npm run icons)`);
      continue;
    }
    const data = fs.readFileSync(source);
    problems.push(...iconProblems(data, kind, name));
    files.push({ name, data });
  }

  // Microsoft 365 Copilot: the declarative agent, its API plugin, the plugin's OpenAPI file and cards.
  const serverUrl = (env.PUBLIC_URL ?? '').trim() || `https://${values.BOT_DOMAIN}`;
  const copilot = copilotValues(env, opts.production ?? false, { botId: values.BOT_ID, serverUrl, privacyUrl: values.PRIVACY_URL, termsUrl: values.TERMS_URL }, defaulted, problems);
  files.push(
    ...(await copilotFiles({
      manifest,
      sourceDir,
      copilot,
      fill: (text, vals, label) => fillPlaceholders(text, vals, label, problems),
      check: async (doc, schema, label) => validateManifest(doc, schema as Schema, label),
      problems,
    })),
  );

  for (const f of files) {
    const left = f.data.toString('utf8').match(PLACEHOLDER);
    if (left && f.name.endsWith('.json')) problems.push(`${f.name}: placeholders left unfilled: ${[...new Set(left)].join(', ')}`);
  }
  if (problems.length > 0) throw new PackageError([...new Set(problems)]);

  // A fixed timestamp keeps the zip byte-for-byte the same for the same inputs.
  const zip = new JSZip();
  const date = new Date(Date.UTC(2026, 0, 1));
  for (const f of files) zip.file(f.name, f.data, { date });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, data);
  return { file: outFile, entries: files.map((f) => f.name), manifest, defaulted, manifestVersion };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outFile = outIndex >= 0 ? path.resolve(args[outIndex + 1] ?? '') : undefined;
  // The process environment wins over .env, as everywhere else.
  const env = { ...loadDotEnv(), ...process.env };
  try {
    const result = await buildAppPackage({ env, production: args.includes('--production'), outFile });
    const shown = path.relative(process.cwd(), result.file);
    console.log(`Teams app package: ${shown.startsWith('..') ? result.file : shown}`);
    console.log(`  ${result.entries.join(', ')}`);
    console.log(`  manifest ${result.manifestVersion}, localisation, declarative agent and API plugin validated offline against the schemas bundled in @microsoft/app-manifest; icons, OpenAPI operations and card references checked`);
    if (result.defaulted.length > 0) {
      console.log(`  dev defaults used for ${result.defaulted.join(', ')}: fine for validation, not for a real Teams install (see manifest/README.md)`);
    }
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
