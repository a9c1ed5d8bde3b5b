import { COMMAND_SCOPES, CommandScope, findCommand } from '../../src/core/commands';
import { MODULES } from '../../src/modules';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import type { PackageResult } from '../../scripts/package';
import { Locale, t } from '../../src/i18n';
import { fromRoot } from '../../src/util/paths';
import { startTestApp, TestApp } from '../helpers/app';
import { FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { BOT_ID, cardText, messageActivity, Options, ReplyActivity, send, TeamsUser } from '../helpers/teams';

/**
 * The Teams app package: built by the same function as `npm run package`, opened as Teams would open
 * it, checked against the Teams schemas bundled in @microsoft/app-manifest (independently of the
 * packaging code), and every bot command it advertises is sent to the running bot.
 */
// @microsoft/app-manifest requires strip-bom 5, an ES module: Node 20.19+ loads it with require(), Jest's
// module loader cannot. Jest gets the same one-line function in its place (the library uses it only
// when it reads manifest files itself, which neither the packaging nor this test does).
const appManifestDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
jest.doMock(require.resolve('strip-bom', { paths: [appManifestDir] }), () => ({ __esModule: true, default: (s: string) => s.replace(/^\uFEFF/, '') }));
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the mock above */
const { AppManifestUtils } = require('@microsoft/app-manifest') as typeof import('@microsoft/app-manifest');
const { buildAppPackage, DEV_DEFAULTS, PackageError } = require('../../scripts/package') as typeof import('../../scripts/package');
/* eslint-enable @typescript-eslint/no-require-imports */

type Json = Record<string, unknown>;
type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
type PackageErrorType = InstanceType<typeof PackageError>;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apppkg-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function schemaFile(version: string, name: string): Schema {
  const dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${version}`);
  return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Schema;
}

interface Opened {
  result: PackageResult;
  names: string[];
  manifest: Json;
  loc: Json;
  color: PNG;
  outline: PNG;
  texts: string[];
}

async function open(result: PackageResult): Promise<Opened> {
  const zip = await JSZip.loadAsync(fs.readFileSync(result.file));
  const names = Object.keys(zip.files);
  const text = (n: string) => zip.file(n)!.async('string');
  const png = async (n: string) => PNG.sync.read(await zip.file(n)!.async('nodebuffer'));
  const texts = [await text('manifest.json'), await text('en-US.json')];
  return {
    result,
    names,
    manifest: JSON.parse(texts[0]) as Json,
    loc: JSON.parse(texts[1]) as Json,
    color: await png('color.png'),
    outline: await png('outline.png'),
    texts,
  };
}

// The commands the modules declare for each scope's menu (src/*/commands.ts): Swedish in the manifest,
// English in en-US.json, with the id each one must reach.
const DECLARED = MODULES.flatMap((m) => m.commands);
const EXPECTED: Record<CommandScope, [string, string, string][]> = Object.fromEntries(
  COMMAND_SCOPES.map((scope) => [
    scope,
    DECLARED.filter((c) => c.scopes.includes(scope)).map((c) => [t('sv', `commands.${c.id}.title`), t('en', `commands.${c.id}.title`), c.id]),
  ]),
) as Record<CommandScope, [string, string, string][]>;

interface CommandList {
  scopes: string[];
  commands: { title: string; description?: string }[];
}
const commandLists = (m: Json) => ((m.bots as Json[])[0].commandLists ?? []) as CommandList[];

describe('the package built with dev defaults', () => {
  let pkg: Opened;
  const realFetch = globalThis.fetch;
  const fetched: string[] = [];
  beforeAll(async () => {
    // Packaging must validate offline: any attempt to fetch a schema is recorded and fails.
    globalThis.fetch = (async (url: string | URL | Request) => {
      fetched.push(String(url));
      throw new Error('no network in this test');
    }) as typeof fetch;
    try {
      pkg = await open(await buildAppPackage({ env: {}, outFile: path.join(tmp, 'dev.zip') }));
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('is built without fetching anything', () => {
    expect(fetched).toEqual([]);
  });

  it('holds the manifest, its localisation file, the two icons and the Copilot agent\'s files, at the root', () => {
    // The declarative agent, its API plugin, the OpenAPI file and cards: test/copilot/package.test.ts.
    const copilot = ['ai-plugin.json', 'card-contract.json', 'card-policy-answer.json', 'declarativeAgent.json', 'openapi.json'];
    expect([...pkg.names].sort()).toEqual(['color.png', 'en-US.json', 'manifest.json', 'outline.png', ...copilot].sort());
    expect(pkg.result.defaulted).toEqual([...Object.keys(DEV_DEFAULTS), 'COPILOT_OAUTH_REFERENCE_ID', 'COPILOT_TENANT']);
  });

  it('has a manifest that validates against the Teams schema of its version (1.22 or newer)', async () => {
    const version = String(pkg.manifest.manifestVersion);
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(22);
    expect(version.split('.')[0]).toBe('1');
    expect(await AppManifestUtils.validateAgainstSchema(pkg.manifest as never, schemaFile(version, 'MicrosoftTeams.schema.json'))).toEqual([]);
  });

  it('rejects, by the same schema check, a manifest Teams would refuse (so the check above can fail)', async () => {
    const version = String(pkg.manifest.manifestVersion);
    const broken = { ...pkg.manifest, developer: { ...(pkg.manifest.developer as Json), name: 'Inköp Region Sörmland och Region Västmanland' } };
    const errors = await AppManifestUtils.validateAgainstSchema(broken as never, schemaFile(version, 'MicrosoftTeams.schema.json'));
    expect(errors.join('\n')).toMatch(/developer\/name/);
  });

  it('has an en-US localisation file that validates against the Teams localisation schema', () => {
    const version = String(pkg.manifest.manifestVersion);
    // The localisation schema's key patterns are only valid as non-unicode regular expressions.
    const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    const validate = ajv.compile(schemaFile(version, 'MicrosoftTeams.Localization.schema.json') as object);
    const valid = validate(pkg.loc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ ...pkg.loc, 'bots[0].commandLists[0].commands[99].title': 'x' })).toBe(false);
  });

  it('is Swedish by default with English as the additional language', () => {
    expect(pkg.manifest.localizationInfo).toEqual({ defaultLanguageTag: 'sv-SE', additionalLanguages: [{ languageTag: 'en-US', file: 'en-US.json' }] });
    expect(pkg.loc['name.short']).toBe((pkg.manifest.name as Json).short);
  });

  it('leaves no placeholder and uses the documented dev defaults', () => {
    for (const text of pkg.texts) expect(text).not.toMatch(/\$\{\{/);
    expect(pkg.manifest.id).toBe(DEV_DEFAULTS.TEAMS_APP_ID);
    expect((pkg.manifest.bots as Json[])[0].botId).toBe(DEV_DEFAULTS.BOT_ID);
    expect((pkg.manifest.composeExtensions as Json[])[0].botId).toBe(DEV_DEFAULTS.BOT_ID);
    expect(pkg.manifest.validDomains).toEqual([DEV_DEFAULTS.BOT_DOMAIN]);
  });

  it('has a 192×192 colour icon on the accent colour with a white glyph', () => {
    const { color } = pkg;
    expect([color.width, color.height]).toEqual([192, 192]);
    const at = (x: number, y: number) => [...color.data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
    expect(at(0, 0)).toEqual([0x1f, 0x6f, 0x5c, 255]);
    expect(at(191, 191)).toEqual([0x1f, 0x6f, 0x5c, 255]);
    let white = 0;
    let notOpaque = 0;
    for (let i = 0; i < color.data.length; i += 4) {
      if (color.data[i + 3] !== 255) notOpaque++;
      if (color.data[i] === 255 && color.data[i + 1] === 255 && color.data[i + 2] === 255) white++;
    }
    expect(notOpaque).toBe(0);
    expect(white / (192 * 192)).toBeGreaterThan(0.1);
  });

  it('has a 32×32 outline icon: white only, on a transparent background', () => {
    const { outline } = pkg;
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    let transparent = 0;
    const otherColours: string[] = [];
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        visible++;
        if (r !== 255 || g !== 255 || b !== 255) otherColours.push(`pixel ${i / 4}: ${r},${g},${b},${a}`);
      }
    }
    expect(otherColours).toEqual([]);
    expect(visible).toBeGreaterThan(80);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]]) expect(outline.data[(y * 32 + x) * 4 + 3]).toBe(0);
  });

  it('lists the commands per scope, and en-US translates each one in the same order', () => {
    const lists = commandLists(pkg.manifest);
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    lists.forEach((list, l) => {
      const scope = list.scopes[0] as keyof typeof EXPECTED;
      expect(list.commands.map((c) => c.title)).toEqual(EXPECTED[scope].map(([sv]) => sv));
      const locTitles = Object.keys(pkg.loc)
        .map((k) => new RegExp(`^bots\\[0\\]\\.commandLists\\[${l}\\]\\.commands\\[(\\d+)\\]\\.title$`).exec(k))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]));
      expect(locTitles).toEqual(list.commands.map((_, i) => i));
      expect(list.commands.map((_, i) => pkg.loc[`bots[0].commandLists[${l}].commands[${i}].title`])).toEqual(EXPECTED[scope].map(([, en]) => en));
      list.commands.forEach((c, i) => {
        expect(c.description).toBeTruthy();
        expect(pkg.loc[`bots[0].commandLists[${l}].commands[${i}].description`]).toBeTruthy();
      });
    });
    const bot = (pkg.manifest.bots as Json[])[0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  it('keeps the search message extension with its command id and parameter', () => {
    const [ext] = pkg.manifest.composeExtensions as { commands: Json[] }[];
    expect(ext.commands).toHaveLength(1);
    expect(ext.commands[0]).toMatchObject({ id: 'searchContracts', type: 'query', parameters: [{ name: 'queryText' }] });
    expect(pkg.loc['composeExtensions[0].commands[0].title']).toBe('Search contracts');
  });

  it('writes the same bytes for the same inputs', async () => {
    const again = await buildAppPackage({ env: {}, outFile: path.join(tmp, 'again.zip') });
    expect(fs.readFileSync(again.file).equals(fs.readFileSync(pkg.result.file))).toBe(true);
  });
});

describe('values from the environment', () => {
  const env = {
    TEAMS_APP_ID: '7d3e9b1a-2c4f-4e8a-9b6d-5a1c3e7f9b20',
    MicrosoftAppId: '3b2a1c0d-1111-4222-8333-444455556666',
    PUBLIC_URL: 'https://inkop-bot.regionsormland.example/api',
    TEAMS_WEBSITE_URL: 'https://intranat.example/inkop',
    TEAMS_PRIVACY_URL: 'https://intranat.example/personuppgifter',
    TEAMS_TERMS_URL: 'https://intranat.example/villkor',
    COPILOT_OAUTH_REFERENCE_ID: 'OTk4ZTQ3ZjMtYjY1Ni00NjBmLWE4NDAtYzQ4ZjhhZjdkNmRjIyNiZWE0',
    MicrosoftAppTenantId: '6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  };

  it('fills every placeholder, with the host of PUBLIC_URL as the bot domain, and passes --production', async () => {
    const pkg = await open(await buildAppPackage({ env, production: true, outFile: path.join(tmp, 'prod.zip') }));
    expect(pkg.result.defaulted).toEqual([]);
    expect(pkg.manifest.id).toBe(env.TEAMS_APP_ID);
    expect((pkg.manifest.bots as Json[])[0].botId).toBe(env.MicrosoftAppId);
    expect(pkg.manifest.validDomains).toEqual(['inkop-bot.regionsormland.example']);
    expect(pkg.manifest.developer).toMatchObject({ websiteUrl: env.TEAMS_WEBSITE_URL, privacyUrl: env.TEAMS_PRIVACY_URL, termsOfUseUrl: env.TEAMS_TERMS_URL });
    const pkgJson = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
    expect(pkg.manifest.version).toBe(pkgJson.version);
    // The Copilot plugin: its OAuth registration, the service's address and the tenant's sign-in page.
    const zip = await JSZip.loadAsync(fs.readFileSync(pkg.result.file));
    const plugin = JSON.parse(await zip.file('ai-plugin.json')!.async('string')) as { runtimes: { auth: Json }[] };
    expect(plugin.runtimes[0].auth).toEqual({ type: 'OAuthPluginVault', reference_id: env.COPILOT_OAUTH_REFERENCE_ID });
    const openapi = JSON.parse(await zip.file('openapi.json')!.async('string')) as { servers: { url: string }[]; components: Json };
    expect(openapi.servers).toEqual([{ url: env.PUBLIC_URL }]);
    expect(JSON.stringify(openapi.components)).toContain(`https://login.microsoftonline.com/${env.MicrosoftAppTenantId}/oauth2/v2.0/authorize`);
    expect(JSON.stringify(openapi.components)).toContain(`api://${env.MicrosoftAppId}/access_as_user`);
  });

  it('refuses dev defaults with --production and names each missing variable', async () => {
    const out = path.join(tmp, 'refused.zip');
    const err = await buildAppPackage({ env: { TEAMS_APP_ID: env.TEAMS_APP_ID }, production: true, outFile: out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackageError);
    const problems = (err as PackageErrorType).problems.join('\n');
    for (const name of ['MicrosoftAppId', 'PUBLIC_URL', 'TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL', 'COPILOT_OAUTH_REFERENCE_ID', 'MicrosoftAppTenantId']) expect(problems).toContain(name);
    expect(problems).not.toMatch(/TEAMS_APP_ID/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses values Teams cannot use: an id that is not a GUID, a local or plain-http address', async () => {
    const err = (await buildAppPackage({ env: { TEAMS_APP_ID: 'inkop', PUBLIC_URL: 'https://localhost:3978' }, outFile: path.join(tmp, 'x.zip') }).catch((e: unknown) => e)) as PackageErrorType;
    expect(err.problems.join('\n')).toMatch(/TEAMS_APP_ID must be a GUID/);
    expect(err.problems.join('\n')).toMatch(/PUBLIC_URL must be the public address/);
    const plain = (await buildAppPackage({ env: { PUBLIC_URL: 'http://bot.example.org' }, outFile: path.join(tmp, 'x.zip') }).catch((e: unknown) => e)) as PackageErrorType;
    expect(plain.problems.join('\n')).toMatch(/PUBLIC_URL must be an https:\/\/ URL/);
  });
});

describe('a broken source is not packaged', () => {
  /** A copy of manifest/ with one file changed. */
  function sourceWith(change: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'src-'));
    for (const f of fs.readdirSync(fromRoot('manifest'))) fs.copyFileSync(fromRoot('manifest', f), path.join(dir, f));
    change(dir);
    return dir;
  }
  const editJson = (dir: string, file: string, edit: (j: Json) => void) => {
    const j = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;
    edit(j);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(j));
  };
  async function problemsOf(sourceDir: string): Promise<string> {
    const out = path.join(sourceDir, 'out.zip');
    const err = await buildAppPackage({ env: {}, sourceDir, outFile: out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackageError);
    expect(fs.existsSync(out)).toBe(false);
    return (err as PackageErrorType).problems.join('\n');
  }

  it('fails on a placeholder nobody fills', async () => {
    const dir = sourceWith((d) => editJson(d, 'manifest.template.json', (m) => ((m.developer as Json).mpnId = '${{MPN_ID}}')));
    expect(await problemsOf(dir)).toMatch(/placeholder \$\{\{MPN_ID\}\} has no value/);
  });

  it('fails on a string that is not translated, and on a translation of something the manifest lacks', async () => {
    // (The command menus' translations come from the locale files, so they cannot be missing here.)
    const dir = sourceWith((d) =>
      editJson(d, 'en-US.json', (loc) => {
        delete loc['composeExtensions[0].commands[0].title'];
        loc['composeExtensions[0].commands[5].title'] = 'Nothing here';
      }),
    );
    const problems = await problemsOf(dir);
    expect(problems).toMatch(/"composeExtensions\[0\]\.commands\[0\]\.title" is not translated/);
    expect(problems).toMatch(/"composeExtensions\[0\]\.commands\[5\]\.title" has no counterpart/);
  });

  it('fails on a manifest the schema rejects, and on an outline icon that is not white', async () => {
    const dir = sourceWith((d) => {
      editJson(d, 'manifest.template.json', (m) => ((m.name as Json).short = 'Inköpsassistenten för Region Sörmland och Västmanland'));
      const png = PNG.sync.read(fs.readFileSync(path.join(d, 'outline.png')));
      png.data[(16 * 32 + 16) * 4] = 0; // one visible pixel turns cyan-ish
      png.data[(16 * 32 + 16) * 4 + 3] = 255;
      fs.writeFileSync(path.join(d, 'outline.png'), PNG.sync.write(png));
    });
    const problems = await problemsOf(dir);
    expect(problems).toMatch(/manifest\.json: \/name\/short must NOT have more than 30 characters/);
    expect(problems).toMatch(/outline\.png: must be white/);
  });
});

describe('every command the manifest lists reaches its own handler', () => {
  const OFFICER: TeamsUser = { id: '29:officer-pkg', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a0f1', name: 'Olle Officer' };
  const TEAM = { teamId: '19:team-inkop-pkg@thread.tacv2', channelId: '19:behov-pkg@thread.tacv2' };
  let app: TestApp;
  let connector: FakeConnector;
  let manifest: Json;
  let loc: Json;

  beforeAll(async () => {
    const pkg = await open(await buildAppPackage({ env: {}, outFile: path.join(tmp, 'handlers.zip') }));
    manifest = pkg.manifest;
    loc = pkg.loc;
    connector = await startFakeConnector();
    connector.members.push({ id: OFFICER.id, aadObjectId: OFFICER.aadObjectId, name: OFFICER.name });
    app = await startTestApp({ env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId } });
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  /** How Teams sends a command picked from the list: in a team or group chat it @mentions the bot first. */
  function activity(scope: string, title: string, locale: string) {
    const opts: Options = { locale, serviceUrl: connector.url, user: OFFICER };
    if (scope === 'personal') return messageActivity(title, { ...opts, conversationId: `a:1on1-${OFFICER.aadObjectId}` });
    const mention = { type: 'mention', text: '<at>Inköpsassistenten</at>', mentioned: { id: BOT_ID, name: 'Inköpsassistenten' } };
    const scoped: Options =
      scope === 'team'
        ? { ...opts, conversationType: 'channel', conversationId: `${TEAM.channelId};messageid=1`, team: TEAM }
        : { ...opts, conversationType: 'groupChat', conversationId: '19:gruppchatt-pkg@thread.v2' };
    const a = messageActivity(`<at>Inköpsassistenten</at> ${title}`, scoped);
    return { ...a, entities: [...a.entities, mention] };
  }

  /** Text of a translation with its {params} as wildcards. */
  const pattern = (locale: Locale, key: string) =>
    new RegExp(t(locale, key).split(/\{\w+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('.*'));

  function fellThrough(replies: ReplyActivity[], locale: Locale): string | undefined {
    for (const r of replies) {
      if (r.text?.trim() === t(locale, 'common.notUnderstood')) return 'the "not understood" answer';
      const text = cardText(r.attachments?.map((a) => a.content));
      if (pattern(locale, 'contracts.noHits.text').test(text)) return 'a contract search with no hits';
      if (pattern(locale, 'contracts.resultsCount').test(text) || pattern(locale, 'contracts.resultsCountOne').test(text)) {
        return 'a contract search for the command words';
      }
    }
    return undefined;
  }

  const cases = Object.entries(EXPECTED).flatMap(([scope, commands]) =>
    commands.flatMap(([sv, en, id]) => [
      { scope, title: sv, locale: 'sv-SE', id },
      { scope, title: en, locale: 'en-US', id },
    ]),
  );

  it('the cases cover every title in the built manifest and its localisation file', () => {
    const built = commandLists(manifest).flatMap((list, l) =>
      list.commands.flatMap((c, i) => [
        `${list.scopes[0]}|${c.title}`,
        `${list.scopes[0]}|${String(loc[`bots[0].commandLists[${l}].commands[${i}].title`])}`,
      ]),
    );
    expect(cases.map((c) => `${c.scope}|${c.title}`)).toEqual(built);
  });

  it.each(cases)('$scope: "$title" ($locale) → $id', async ({ scope, title, locale, id }) => {
    expect(findCommand(title, DECLARED)?.id).toBe(id);
    const replies = await send(app.baseUrl, activity(scope, title, locale));
    expect(replies.length).toBeGreaterThan(0);
    expect(fellThrough(replies, locale.startsWith('en') ? 'en' : 'sv')).toBeUndefined();
  });
});
