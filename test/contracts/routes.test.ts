import iconv from 'iconv-lite';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from '../helpers/app';
import { createCategoryDirectory } from '../../src/core/category-repository';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${app.baseUrl}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
};

const HEADER =
  'contract_id;title;description;category;suppliers;keywords;cpv_codes;valid_from;valid_to;max_extension_to;regions;ordering_method;contact_name;contact_email;url;contract_type';

describe('GET /api/contracts', () => {
  it('searches and returns { total, items }', async () => {
    const { status, type, body } = await get('/api/contracts?q=handskar&limit=3');
    expect(status).toBe(200);
    expect(type).toMatch(/application\/json/);
    expect(body.total).toBeGreaterThan(0);
    const items = body.items as { title: string; status: string; category: { slug: string } }[];
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0].title).toMatch(/handskar/i);
    expect(['active', 'expiring', 'expired', 'upcoming']).toContain(items[0].status);
  });

  it('filters by category, region and status and pages', async () => {
    const { body } = await get('/api/contracts?category=it-telekom&region=V%C3%A4stmanland&status=active&limit=50');
    const items = body.items as { category: { slug: string }; regions: string[]; status: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) {
      expect(c.category.slug).toBe('it-telekom');
      expect(c.regions).toContain('Västmanland');
      expect(['active', 'expiring']).toContain(c.status);
    }
    const page2 = await get('/api/contracts?category=it-telekom&limit=5&offset=5');
    expect((page2.body.items as unknown[]).length).toBeGreaterThan(0);
    expect(page2.body.offset).toBe(5);
  });

  it.each([
    ['/api/contracts?foo=1', /Okänd parameter: foo/],
    ['/api/contracts?limit=51', /limit: högsta tillåtna värde är 50/],
    ['/api/contracts?limit=abc', /limit: ett tal behövs/],
    ['/api/contracts?offset=-1', /offset: minsta tillåtna värde är 0/],
    ['/api/contracts?status=gammal', /status: tillåtna värden är/],
    ['/api/contracts?category=leksaker', /Okänd kategori: leksaker. Kategorier: medicinteknik/],
    [`/api/contracts?q=${'a'.repeat(201)}`, /q/],
    ['/api/contracts?q=a&q=b', /q/],
  ])('rejects %s with 400 problem+json', async (path, detail) => {
    const { status, type, body } = await get(path);
    expect(status).toBe(400);
    expect(type).toMatch(/application\/problem\+json/);
    expect(body.status).toBe(400);
    expect(String(body.detail)).toMatch(detail);
  });

  it('explains errors in English for Accept-Language: en', async () => {
    const { body } = await get('/api/contracts?foo=1', { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(String(body.detail)).toMatch(/Unknown parameter: foo/);
    const typed = await get('/api/contracts?limit=abc', { 'Accept-Language': 'en' });
    expect(String(typed.body.detail)).toBe('Invalid value for limit: a number is needed');
  });

  it('never passes the validation library\'s own English messages to a Swedish caller', async () => {
    for (const path of ['/api/contracts?limit=abc', '/api/contracts?offset=-1', '/api/contracts?status=gammal', '/api/contracts?limit=1.5']) {
      const { body } = await get(path);
      expect(JSON.stringify(body)).not.toMatch(/Expected|received|Number must|Invalid enum/);
    }
  });
});

describe('GET /api/contracts/:id and /api/categories', () => {
  it('returns one contract, case-insensitively, and 404 problem+json for an unknown id', async () => {
    const list = await get('/api/contracts?q=tolk&limit=1');
    const id = (list.body.items as { contractId: string }[])[0].contractId;
    const one = await get(`/api/contracts/${encodeURIComponent(id.toLowerCase())}`);
    expect(one.status).toBe(200);
    expect(one.body.contractId).toBe(id);
    const missing = await get('/api/contracts/NOPE-1');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/problem\+json/);
  });

  it('lists categories with counts that add up', async () => {
    const { body } = await get('/api/categories');
    const items = body.items as { slug: string; count: number; active: number; name: { sv: string; en: string } }[];
    expect(items).toHaveLength(11);
    const total = (await get('/api/contracts?limit=1')).body.total as number;
    expect(items.reduce((s, c) => s + c.count, 0)).toBe(total);
    expect(items.find((c) => c.slug === 'lakemedel')?.name).toEqual({ sv: 'Läkemedel', en: 'Pharmaceuticals' });
  });

  it('describes itself with OpenAPI 3.1', async () => {
    const { body } = await get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining(['/api/contracts', '/api/contracts/{id}', '/api/categories', '/api/contracts/import']),
    );
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/problem\+json/);
  });

  it('reports health and readiness', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.database).toBe(app.db.kind);
  });
});

describe('POST /api/contracts/import', () => {
  const post = (body: Buffer | string, headers: Record<string, string> = {}, query = '') =>
    fetch(`${app.baseUrl}/api/contracts/import${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${TEST_ADMIN_KEY}`, ...headers },
      body,
    });

  it('needs the admin key', async () => {
    const res = await post('x', { Authorization: 'Bearer wrong-key-wrong-key' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const none = await fetch(`${app.baseUrl}/api/contracts/import`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/csv' } });
    expect(none.status).toBe(401);
  });

  it('imports a Windows-1252 file with one bad row: good rows saved, bad row reported by line', async () => {
    const csv = [
      HEADER,
      'RS-2026-9001;Sjukhussängar elektriska;Sängar;medicinteknik;Sängverket AB;säng;33192100-5;2026-01-01;2029-12-31;;Sörmland;kontakta-inköp;;;;avtal',
      'RS-2026-9002;Trasig rad;x;medicinteknik;Sängverket AB;;;2026-13-01;2029-12-31;;Sörmland;e-handel;;;;avtal',
    ].join('\r\n');
    const res = await post(iconv.encode(csv, 'win1252'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as { encoding: string; added: number; rejected: { line: number }[] };
    expect(report.encoding).toBe('windows-1252');
    expect(report.added).toBe(1);
    expect(report.rejected.map((r) => r.line)).toEqual([3]);
    const found = await get('/api/contracts?q=sjukhussangar');
    expect((found.body.items as { contractId: string; title: string }[])[0]).toMatchObject({
      contractId: 'RS-2026-9001',
      title: 'Sjukhussängar elektriska',
    });
  });

  it('changes nothing on a dry run', async () => {
    const csv = [HEADER, 'RS-2026-9100;Provkörning;x;tjanster;A AB;;;2026-01-01;2027-01-01;;Sörmland;avrop;;;;avtal'].join('\n');
    const res = await post(csv, {}, '?dryRun=true');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { dryRun: boolean; valid: number; added: number };
    expect(report).toMatchObject({ dryRun: true, valid: 1, added: 1 });
    expect((await get('/api/contracts/RS-2026-9100')).status).toBe(404);
  });

  it('refuses broken quoting as a whole with 400, and nothing is saved', async () => {
    const before = (await get('/api/contracts?limit=1')).body.total;
    const csv = [HEADER, 'RS-2026-9200;"Trasig;x;tjanster;A AB;;;2026-01-01;2027-01-01;;Sörmland;avrop;;;;avtal'].join('\n');
    const res = await post(csv);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/citattecken/);
    expect((await get('/api/contracts?limit=1')).body.total).toBe(before);
  });

  it('answers 422 when no row is valid, and 415 for a wrong content type', async () => {
    const csv = [HEADER, 'X;;;;;;;;;;;;;;;'].join('\n');
    expect((await post(csv)).status).toBe(422);
    expect((await post('{}', { 'Content-Type': 'application/json' })).status).toBe(415);
  });
});

describe('import disabled without a key', () => {
  it('answers 403', async () => {
    const other = await startTestApp({ seed: false, env: { CONTRACTS_ADMIN_KEY: '' } });
    try {
      const res = await fetch(`${other.baseUrl}/api/contracts/import`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/csv' } });
      expect(res.status).toBe(403);
      expect((await fetch(`${other.baseUrl}/api/contracts?limit=1`).then((r) => r.json()) as { total: number }).total).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('full exports, removed contracts and the import log over REST', () => {
  let own: TestApp;
  const auth = { Authorization: `Bearer ${TEST_ADMIN_KEY}` };
  const OWN_HEADER = 'Avtalsnummer;Benämning;Kategori;Leverantör;Startdatum;Slutdatum;Region;Beställningssätt;Avtalstyp';
  const exportOf = (n: number) =>
    [OWN_HEADER, ...Array.from({ length: n }, (_, i) => `FX-${100 + i};Skrivare modell ${i};Fastighet och service;Print AB;2025-01-01;2028-12-31;Sörmland;Leverantörsportal;Ramavtal`)].join('\r\n');
  const post = (body: string, query: string) =>
    fetch(`${own.baseUrl}/api/contracts/import${query}`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...auth }, body });
  const json = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${own.baseUrl}${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    own = await startTestApp({ seed: false });
    expect((await post(exportOf(20), '?fileName=avtal.csv')).status).toBe(200);
  });
  afterAll(async () => {
    await own.close();
  });

  it("filters by the organisation's own category, by slug or by name", async () => {
    const bySlug = await json('/api/contracts?category=fastighet-och-service&limit=50');
    const byName = await json(`/api/contracts?category=${encodeURIComponent('fastighet och SERVICE')}&limit=50`);
    expect(bySlug.body.total).toBe(20);
    expect(byName.body.total).toBe(20);
    const item = (bySlug.body.items as { category: { name: { sv: string } }; orderingMethod: string }[])[0];
    expect(item.category.name.sv).toBe('Fastighet och service');
    expect(item.orderingMethod).toBe('Leverantörsportal');
    const cats = (await json('/api/categories')).body.items as { slug: string; count: number }[];
    expect(cats.find((c) => c.slug === 'fastighet-och-service')?.count).toBe(20);
  });

  it('refuses a truncated full export with 409 problem+json that says how many would go', async () => {
    const res = await post(exportOf(10), '?mode=full');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await res.json()) as { detail: string; code: string; report: { removed: number } };
    expect(body.code).toBe('too-many-removals');
    expect(body.detail).toMatch(/ta bort 10 av 20 avtal/);
    expect(body.report.removed).toBe(10);
    expect((await json('/api/contracts?category=fastighet-och-service')).body.total).toBe(20);
  });

  it('a dry run of a full export shows the removals; forced, it applies them; a removed contract answers 410', async () => {
    const dry = await post(exportOf(15), '?mode=full&dryRun=true');
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as { removed: number; removals: { contractId: string }[]; refusal: { code: string } | null };
    expect(report.removed).toBe(5);
    expect(report.removals.map((r) => r.contractId)).toEqual(['FX-115', 'FX-116', 'FX-117', 'FX-118', 'FX-119']);
    expect(report.refusal?.code).toBe('too-many-removals');
    // force alone, or naming another number than the dry run's, is refused: nothing leaves.
    expect((await post(exportOf(15), '?mode=full&force=true')).status).toBe(409);
    expect((await post(exportOf(15), '?mode=full&force=true&removals=4')).status).toBe(409);
    expect((await json('/api/contracts/fx-119')).status).toBe(200);
    const forced = await post(exportOf(15), '?mode=full&force=true&removals=5&fileName=forced.csv');
    expect(forced.status).toBe(200);
    expect(((await forced.json()) as { removed: number }).removed).toBe(5);
    const gone = await json('/api/contracts/fx-119', { 'Accept-Language': 'en' });
    expect(gone.status).toBe(410);
    expect(gone.type).toMatch(/problem\+json/);
    expect(gone.body).toMatchObject({ contractId: 'FX-119', title: 'Skrivare modell 19' });
    expect(String(gone.body.detail)).toMatch(new RegExp(`removed on ${String(gone.body.removedAt).slice(0, 10)}`));
    expect((await json('/api/contracts/FX-999')).status).toBe(404);
    expect((await json('/api/contracts?q=skrivare&limit=50')).body.total).toBe(15);
  });

  it('lists the latest imports for the admin key only', async () => {
    expect((await json('/api/contracts/imports')).status).toBe(401);
    const { status, body } = await json('/api/contracts/imports?limit=3', auth);
    expect(status).toBe(200);
    const items = body.items as { source: string; fileName: string | null; mode: string; outcome: string; removed: number; forced: boolean }[];
    expect(items.map((i) => [i.fileName, i.mode, i.outcome, i.removed, i.forced])).toEqual([
      ['forced.csv', 'full', 'applied', 5, true],
      // force with another number than the dry run's, and force without one: refused, logged as asked.
      [null, 'full', 'refused', 5, true],
      [null, 'full', 'refused', 5, true],
    ]);
    expect(items.every((i) => i.source === 'api')).toBe(true);
    expect((await json('/api/contracts/imports?limit=0', auth)).status).toBe(400);
  });
});

describe('renaming, merging and removing categories over REST (admin key)', () => {
  let own: TestApp;
  const auth = { Authorization: `Bearer ${TEST_ADMIN_KEY}`, 'Content-Type': 'application/json' };
  const HEAD = 'Avtalsnummer;Benämning;Kategori;Leverantör;Startdatum;Slutdatum;Region;Beställningssätt;Avtalstyp';
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
    fetch(`${own.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const slugs = async () => ((await (await fetch(`${own.baseUrl}/api/categories`)).json()) as { items: { slug: string; count: number }[] }).items;

  beforeAll(async () => {
    own = await startTestApp({ seed: false });
    const rows = ['CA-1;Skrivare;Skrivare och toner;Print AB', 'CA-2;Toner;Toner och skrivare AB-typ;Print AB', 'CA-3;Papper;Papperr;Print AB'];
    const csv = [HEAD, ...rows.map((r) => `${r};2025-01-01;2028-12-31;Sörmland;E-handel;Ramavtal`)].join('\n');
    expect((await fetch(`${own.baseUrl}/api/contracts/import`, { method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: auth.Authorization }, body: csv })).status).toBe(200);
  });
  afterAll(async () => {
    await own.close();
  });

  it('checks the key before anything else, and answers a missing category with 404', async () => {
    for (const [method, path] of [['PATCH', '/api/categories/papperr'], ['POST', '/api/categories/papperr/merge'], ['DELETE', '/api/categories/papperr']]) {
      expect((await call(method, path, { into: 'x' }, { 'Content-Type': 'application/json' })).status).toBe(401);
      expect((await call(method, path, { into: 'x' }, { 'Content-Type': 'application/json', Authorization: 'Bearer wrong-key-wrong-key' })).status).toBe(401);
    }
    expect((await call('DELETE', '/api/categories/finns-inte')).status).toBe(404);
  });

  it('renames (old name kept as alias), merges (contracts move) and removes only an unused category', async () => {
    expect((await call('PATCH', '/api/categories/papperr', { name: { sv: 'Papper', en: 'Paper' } })).status).toBe(200);
    const cats = await createCategoryDirectory(own.db).list();
    const paper = cats.find((c) => c.slug === 'papperr')!;
    expect(paper.name).toEqual({ sv: 'Papper', en: 'Paper' });
    expect(paper.aliases).toContain('Papperr');
    expect((await call('PATCH', '/api/categories/papperr', { name: { sv: 'Skrivare och toner' } })).status).toBe(409);
    expect((await call('DELETE', '/api/categories/papperr')).status).toBe(409);
    const merged = await call('POST', '/api/categories/toner-och-skrivare-ab-typ/merge', { into: 'skrivare-och-toner' });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toEqual({ ok: true, moved: 1 });
    const items = await slugs();
    expect(items.map((i) => i.slug)).not.toContain('toner-och-skrivare-ab-typ');
    expect(items.find((i) => i.slug === 'skrivare-och-toner')?.count).toBe(2);
    expect((await call('POST', '/api/categories/papperr/merge', { into: 'papperr' })).status).toBe(400);
    expect((await call('POST', '/api/categories/papperr/merge', { into: 3 })).status).toBe(400);
    // A configured category without contracts can be removed.
    const unused = (await createCategoryDirectory(own.db).list()).find((c) => !items.some((i) => i.slug === c.slug && i.count > 0))!;
    expect((await call('DELETE', `/api/categories/${unused.slug}`)).status).toBe(200);
    expect((await createCategoryDirectory(own.db).list()).some((c) => c.slug === unused.slug)).toBe(false);
  });
});
