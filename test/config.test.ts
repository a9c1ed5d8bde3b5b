import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig, settingsOf, settingsSchema } from '../src/config';
import { MODULES } from '../src/modules';

describe('loadConfig', () => {
  it('starts in local mode on the embedded database with defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SEED_SAMPLE_DATA).toBe(true);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.localMode).toBe(true);
  });

  it('treats an empty MicrosoftAppId as local mode', () => {
    expect(loadConfig({ MicrosoftAppId: '  ' }).localMode).toBe(true);
  });

  it('reads Teams credentials and leaves local mode', () => {
    const c = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      SEARCH_LOG_SECRET: 's'.repeat(32),
    });
    expect(c.localMode).toBe(false);
    expect(c.MicrosoftAppType).toBe('SingleTenant');
  });

  it.each([
    ['false', false],
    ['0', false],
    ['nej', false],
    ['TRUE', true],
    ['', true],
  ])('parses SEED_SAMPLE_DATA=%p as %p', (value, expected) => {
    expect(loadConfig({ SEED_SAMPLE_DATA: value }).SEED_SAMPLE_DATA).toBe(expected);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        SEED_SAMPLE_DATA: 'maybe',
        LOG_LEVEL: 'loud',
        CONTRACTS_ADMIN_KEY: 'short',
        MicrosoftAppId: 'app',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'SEED_SAMPLE_DATA', 'LOG_LEVEL', 'CONTRACTS_ADMIN_KEY', 'MicrosoftAppPassword', 'MicrosoftAppTenantId']) {
      expect(text).toContain(name);
    }
  });

  it('requires SEARCH_LOG_SECRET (32 characters or more) with an app id, unless the search log is off', () => {
    const prod = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' };
    expect(() => loadConfig(prod)).toThrow(/SEARCH_LOG_SECRET is required when MicrosoftAppId is set/);
    expect(() => loadConfig({ ...prod, SEARCH_LOG_SECRET: 'short' })).toThrow(/SEARCH_LOG_SECRET/);
    expect(loadConfig({ ...prod, SEARCH_LOG_SECRET: 'x'.repeat(32) }).SEARCH_LOG_SECRET).toBe('x'.repeat(32));
    expect(loadConfig({ ...prod, SEARCH_LOG: 'false' }).SEARCH_LOG).toBe(false);
    expect(loadConfig({}).SEARCH_LOG_SECRET).toBeUndefined();
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});

describe('.env.example', () => {
  // Variables of the packaging script (scripts/package.ts), read there and not by the app.
  const PACKAGING = ['TEAMS_APP_ID', 'TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL', 'COPILOT_OAUTH_REFERENCE_ID'];
  const documented = (text: string) => [...text.matchAll(/^#?\s*([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);

  it('documents every setting of the kernel and of each module\'s fragment, and nothing else', () => {
    const text = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
    const keys = Object.keys(settingsSchema(MODULES).shape);
    expect(keys.filter((k) => !documented(text).includes(k))).toEqual([]);
    expect(documented(text).filter((k) => !keys.includes(k) && !PACKAGING.includes(k))).toEqual([]);
  });

  it('takes a module\'s fragment into the config: validated with the rest, values by module', () => {
    const owner = { name: 'sample', settings: z.object({ SAMPLE_DAYS: z.coerce.number().int().min(1).default(7) }) };
    expect(settingsOf(loadConfig({ SAMPLE_DAYS: '3' }, [owner]), owner)).toEqual({ SAMPLE_DAYS: 3 });
    expect(settingsOf(loadConfig({}, [owner]), owner)).toEqual({ SAMPLE_DAYS: 7 });
    expect(() => loadConfig({ SAMPLE_DAYS: '0', PORT: 'x' }, [owner])).toThrow(/SAMPLE_DAYS.*PORT|PORT.*SAMPLE_DAYS/);
    expect(() => settingsSchema([{ name: 'clash', settings: z.object({ PORT: z.string() }) }])).toThrow(/PORT is declared by both the kernel/);
  });
});
