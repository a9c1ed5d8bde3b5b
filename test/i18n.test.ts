import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { allKeys, capabilityTextFolders, localeFrom, localeFromAcceptLanguage, namespaceProblems, t, textFolders } from '../src/i18n';
import { formatDate, formatSek } from '../src/i18n/format';
import { capabilitiesOf } from '../scripts/structure';

describe('locales', () => {
  it('have the same keys in Swedish and English', () => {
    expect(allKeys('en').sort()).toEqual(allKeys('sv').sort());
  });

  it('merge the kernel\'s files and every capability\'s src/<capability>/locales', () => {
    expect(textFolders.map((f) => basename(dirname(f)))).toEqual(['i18n', ...capabilityTextFolders().map((f) => basename(dirname(f)))]);
  });

  it('keep a capability\'s texts in its own namespace, in both languages', () => {
    for (const folder of capabilityTextFolders()) {
      const capability = basename(dirname(folder));
      for (const locale of ['sv', 'en']) {
        const file = join(folder, `${locale}.json`);
        expect([file, existsSync(file)]).toEqual([file, true]);
        expect([file, namespaceProblems(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, capability)]).toEqual([file, []]);
      }
    }
    // The check itself: another capability's section, or another's command texts, is refused.
    expect(namespaceProblems({ plan: { a: 'x' }, intake: { b: 'y' }, commands: { plan: {}, help: {} } }, 'plan')).toEqual(['intake', 'commands.help']);
  });

  it('have no empty texts', () => {
    for (const locale of ['sv', 'en'] as const) {
      for (const key of allKeys(locale)) expect(t(locale, key).trim()).not.toBe('');
    }
  });

  it('fill placeholders', () => {
    expect(t('sv', 'contracts.noHits.title', { q: 'handskar' })).toBe('Inget avtal hittades för "handskar"');
    expect(t('en', 'contracts.noHits.title', { q: 'gloves' })).toBe('No contract found for "gloves"');
  });

  it('choose the language from Teams locales and Accept-Language', () => {
    expect(localeFrom('en-US')).toBe('en');
    expect(localeFrom('sv-SE')).toBe('sv');
    expect(localeFrom('fi-FI')).toBe('sv');
    expect(localeFrom(undefined)).toBe('sv');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('de-DE, en;q=0.5, sv;q=0.8')).toBe('sv');
    expect(localeFromAcceptLanguage(undefined)).toBe('sv');
  });
});

describe('formatting', () => {
  it('writes dates and amounts the Swedish way', () => {
    expect(formatDate('sv', '2026-12-31')).toBe('31 dec. 2026');
    expect(formatDate('en', '2026-12-31')).toBe('31 Dec 2026');
    expect(formatSek('sv', 1250000)).toBe('1 250 000 kr');
    expect(formatSek('en', 1250000)).toBe('SEK 1,250,000');
  });
});

describe('locale keys and the code', () => {
  const srcFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? srcFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const code = srcFiles(join(__dirname, '..', 'src'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  // Keys built at run time, e.g. t(locale, `intake.status.${status}`), use every key under their prefix.
  const dynamicPrefixes = [...new Set([...code.matchAll(/[`'"]([a-zA-Z0-9_.]+\.)\$\{/g)].map((m) => m[1]))];
  const literalKeys = [...new Set([...code.matchAll(/\bt\(\s*[a-zA-Z_.]+\s*,\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]))];

  it('use every key in the locale files somewhere in the code', () => {
    const unused = allKeys('sv').filter(
      (k) => !new RegExp(`['"\`]${k.replace(/\./g, '\\.')}['"\`]`).test(code) && !dynamicPrefixes.some((p) => k.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });

  it('look up only keys that exist in both languages', () => {
    expect(literalKeys.length).toBeGreaterThan(100);
    const sv = new Set(allKeys('sv'));
    const en = new Set(allKeys('en'));
    expect(literalKeys.filter((k) => !sv.has(k) || !en.has(k))).toEqual([]);
  });
});

/**
 * The other capabilities' text keys a source file names: a whole key ('intake.errorsApi.notYours') or the
 * start of keys built at run time (`plan.state.${x}`, 'plan.state.' + x). Strings that only look like keys
 * (service keys, event names) are not texts and pass.
 */
function foreignKeys(source: string, own: string, capabilities: readonly string[], keys: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/['"`]((?:commands\.)?([A-Za-z]+)\.[\w.\-åäöÅÄÖ]*)/g)) {
    const literal = m[1];
    const ns = literal.startsWith('commands.') ? literal.split('.')[1] : m[2];
    if (ns === own || !capabilities.includes(ns)) continue;
    const prefix = literal.endsWith('.') ? literal : `${literal}.`;
    if (keys.includes(literal) || keys.some((k) => k.startsWith(prefix))) found.push(literal);
  }
  return found;
}

describe('a capability\'s code and the texts', () => {
  const root = join(__dirname, '..');
  const capabilities = capabilitiesOf(root);
  const keys = allKeys('sv');
  const tsFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  it('use no key of another capability (shared words are the kernel\'s, in src/i18n/locales)', () => {
    expect(capabilities.length).toBeGreaterThan(5);
    const uses = capabilities.flatMap((cap) =>
      tsFiles(join(root, 'src', cap)).flatMap((file) => foreignKeys(readFileSync(file, 'utf8'), cap, capabilities, keys).map((k) => `${file.slice(root.length + 1)}: ${k}`)),
    );
    expect(uses).toEqual([]);
  });

  it('sees another capability\'s key, whole or built at run time (the check itself)', () => {
    const source = [
      "t(locale, 'intake.errorsApi.notYours');",
      't(locale, `plan.state.${state}`);',
      "t(locale, 'commands.help.help.title');",
      "t(locale, 'survey.title'); t(locale, 'errors.forbidden');",
      "services.find(INTAKE_SERVICE, 'intake.service'); events.emit('intake.case-status-changed');",
    ].join('\n');
    expect(foreignKeys(source, 'survey', capabilities, keys)).toEqual(['intake.errorsApi.notYours', 'plan.state.', 'commands.help.help.title']);
  });
});
