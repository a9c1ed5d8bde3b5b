import { activityTenantIds, tenantAllowed } from '../../src/bot/teams';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestApp, TestApp } from '../helpers/app';
import { TENANT_ID, cardActionInvoke, messageActivity, messageExtensionQuery, postActivity } from '../helpers/teams';
import { dbFingerprint, expectCleanProblem } from './fixtures';

/**
 * ALLOWED_TENANT_IDS: activities from other tenants are dropped before any handler runs (403, no reply,
 * nothing stored), and logged at info with the tenant id.
 */
const OTHER_TENANT = '3c3c3c3c-0000-4000-8000-000000000003';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { ALLOWED_TENANT_IDS: ` ${TENANT_ID.toUpperCase()} , 5d5d5d5d-0000-4000-8000-000000000005` } });
});
afterAll(async () => {
  await app?.close();
});

/** The same activity, moved to another tenant in channelData, conversation, or both. */
function inTenant<T extends { channelData: object; conversation: object }>(a: T, where: 'both' | 'channelData' | 'conversation' | 'none', tenant = OTHER_TENANT): T {
  const channelData = { ...a.channelData, tenant: where === 'both' || where === 'channelData' ? { id: tenant } : (a.channelData as { tenant?: unknown }).tenant };
  const conversation = { ...a.conversation, tenantId: where === 'both' || where === 'conversation' ? tenant : (a.conversation as { tenantId?: string }).tenantId };
  if (where === 'none') {
    delete (channelData as { tenant?: unknown }).tenant;
    delete (conversation as { tenantId?: string }).tenantId;
  }
  return { ...a, channelData, conversation };
}

describe('an allowed tenant', () => {
  it('gets its reply (the list is case-insensitive and may hold several tenants)', async () => {
    const { status, body } = await postActivity(app.baseUrl, messageActivity('hjälp'));
    expect(status).toBe(200);
    expect((body as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
  });
});

describe('another tenant', () => {
  const cases: [string, () => object][] = [
    ['a message from another tenant', () => inTenant(messageActivity('hjälp', { user: { id: '29:x', aadObjectId: '77777777-0000-4000-8000-000000000007', name: 'Extern' } }), 'both')],
    ['a message whose conversation names another tenant', () => inTenant(messageActivity('anmäl behov'), 'conversation')],
    ['a message whose channelData names another tenant', () => inTenant(messageActivity('mina ärenden'), 'channelData')],
    ['a message naming no tenant at all', () => inTenant(messageActivity('hjälp'), 'none')],
    ['a card action from another tenant', () => inTenant(cardActionInvoke('case.assign', { caseNumber: 'INK-2026-0001' }), 'both')],
    ['a message extension query from another tenant', () => inTenant(messageExtensionQuery('handskar'), 'both')],
  ];
  for (const [name, make] of cases) {
    it(`${name}: 403, no reply, nothing stored, logged with the tenant id`, async () => {
      const before = await dbFingerprint(app.db);
      const logsBefore = app.logs.length;
      const res = await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(make()) });
      expect(res.status).toBe(403);
      const body = expectCleanProblem(await res.text());
      expect(body.title).toBe('Den här organisationen har inte tillgång till Inköpsassistenten.');
      expect(body).not.toHaveProperty('activities');
      expect(await dbFingerprint(app.db)).toEqual(before);
      const line = app.logs.slice(logsBefore).find((l) => l.includes('not allowed'));
      expect(line).toBeDefined();
      const entry = JSON.parse(line as string) as { level: number; tenantId: string | null };
      expect(entry.level).toBe(30);
      expect(entry.tenantId === null ? name.includes('no tenant') : entry.tenantId.includes(OTHER_TENANT)).toBe(true);
    });
  }
});

describe('the tenant rule on its own', () => {
  const a = (channelTenant?: string, convTenant?: string) =>
    ({
      channelData: channelTenant ? { tenant: { id: channelTenant } } : {},
      conversation: { id: 'c', ...(convTenant ? { tenantId: convTenant } : {}) },
    }) as never;
  it('allows everything when the list is empty', () => {
    expect(tenantAllowed([], a())).toBe(true);
    expect(tenantAllowed([], a(OTHER_TENANT, OTHER_TENANT))).toBe(true);
  });
  it('needs every named tenant on the list, and at least one named', () => {
    const allowed = [TENANT_ID];
    expect(tenantAllowed(allowed, a(TENANT_ID, TENANT_ID.toUpperCase()))).toBe(true);
    expect(tenantAllowed(allowed, a(TENANT_ID))).toBe(true);
    expect(tenantAllowed(allowed, a(TENANT_ID, OTHER_TENANT))).toBe(false);
    expect(tenantAllowed(allowed, a())).toBe(false);
    expect(activityTenantIds({ channelData: { tenant: { id: 42 } }, conversation: { id: 'c', tenantId: '' } } as never)).toEqual([]);
  });
  it('is parsed from the environment and refuses what is not a tenant id', () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: '' }).ALLOWED_TENANT_IDS).toEqual([]);
    expect(loadConfig({ ALLOWED_TENANT_IDS: `${TENANT_ID.toUpperCase()},${OTHER_TENANT}` }).ALLOWED_TENANT_IDS).toEqual([TENANT_ID, OTHER_TENANT]);
    expect(() => loadConfig({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' })).toThrow(/ALLOWED_TENANT_IDS/);
  });
});
