import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { contractPathSchema, contractQuerySchema, importQuerySchema } from '../../src/contracts/routes';
import { apiDocument as openApiDocument } from '../../src/app';
import { reportQuery } from '../../src/http/report-access';
import { startTestApp, TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
});
afterAll(async () => {
  await app.close();
});

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: { type?: string; enum?: unknown[]; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; default?: unknown };
}
type Operation = { parameters?: Parameter[]; responses: Record<string, unknown> };
type Paths = Record<string, Record<string, Operation>>;

const doc = () => openApiDocument(app.config.PUBLIC_URL) as unknown as { paths: Paths };
const operation = (path: string, method: string) => doc().paths[path]?.[method];
const queryParams = (path: string, method = 'get') => (operation(path, method)?.parameters ?? []).filter((p) => p.in === 'query');

/** Every route restify has, as "METHOD /openapi/{path}". */
function registeredRoutes(): string[] {
  const router = app.built.server.router as unknown as { getRoutes(): Record<string, { method: string; path: string }> };
  return Object.values(router.getRoutes()).map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
}

function documentedRoutes(): string[] {
  return Object.entries(doc().paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

/** The zod type under optional/default/preprocess wrappers, and the default when there is one. */
function unwrap(t: z.ZodTypeAny): { inner: z.ZodTypeAny; default?: unknown; optional: boolean } {
  let optional = false;
  let dflt: unknown;
  for (;;) {
    if (t instanceof z.ZodOptional) {
      optional = true;
      t = t.unwrap();
    } else if (t instanceof z.ZodDefault) {
      optional = true;
      dflt = t._def.defaultValue();
      t = t.removeDefault();
    } else if (t instanceof z.ZodEffects) {
      t = t.innerType();
    } else {
      return { inner: t, default: dflt, optional };
    }
  }
}

/** What the zod schema itself says about one key, read from zod's own definitions (not through the converter). */
function expectedFromZod(t: z.ZodTypeAny) {
  const { inner, default: dflt, optional } = unwrap(t);
  const out: Record<string, unknown> = {};
  if (inner instanceof z.ZodEnum) Object.assign(out, { type: 'string', enum: [...inner.options] });
  else if (inner instanceof z.ZodString) {
    out.type = 'string';
    if (inner.minLength !== null) out.minLength = inner.minLength;
    if (inner.maxLength !== null) out.maxLength = inner.maxLength;
  } else if (inner instanceof z.ZodNumber) {
    out.type = inner.isInt ? 'integer' : 'number';
    if (inner.minValue !== null) out.minimum = inner.minValue;
    if (inner.maxValue !== null) out.maximum = inner.maxValue;
  } else throw new Error(`no expectation for ${inner.constructor.name}`);
  if (dflt !== undefined) out.default = dflt;
  return { schema: out, required: !optional };
}

function expectParamsToMatch(params: Parameter[], schema: z.AnyZodObject) {
  expect(params.map((p) => p.name).sort()).toEqual(Object.keys(schema.shape).sort());
  for (const p of params) {
    const expected = expectedFromZod(schema.shape[p.name]);
    expect({ name: p.name, schema: p.schema }).toEqual({ name: p.name, schema: expected.schema });
    expect({ name: p.name, required: p.required ?? false }).toEqual({ name: p.name, required: p.in === 'path' || expected.required });
  }
}

describe('OpenAPI document', () => {
  it('describes exactly the routes the server registers', () => {
    const registered = registeredRoutes();
    expect(registered).toEqual(expect.arrayContaining(['GET /api/contracts/{id}', 'POST /api/messages', 'GET /api/reports/nki.csv', 'GET /metrics']));
    expect(documentedRoutes().sort()).toEqual([...new Set(registered)].sort());
  });

  it('lists the query parameters of /api/contracts exactly as its zod schema accepts them', () => {
    const params = queryParams('/api/contracts');
    expectParamsToMatch(params, contractQuerySchema);
    // Spot checks against the values the route is known to enforce (test/contracts/routes.test.ts).
    const byName = Object.fromEntries(params.map((p) => [p.name, p.schema]));
    expect(byName.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    expect(byName.status).toMatchObject({ enum: ['active', 'expiring', 'expired', 'all'], default: 'all' });
    expect(byName.region.enum).toEqual(['Sörmland', 'Västmanland']);
    expect(byName.q.maxLength).toBe(200);
  });

  it('takes the other parameters from the routes\' zod schemas too', () => {
    expectParamsToMatch(queryParams('/api/contracts/import', 'post'), importQuerySchema);
    expectParamsToMatch(queryParams('/api/reports/intake.csv'), reportQuery);
    expectParamsToMatch(queryParams('/api/reports/nki.csv'), reportQuery);
    const path = operation('/api/contracts/{id}', 'get')!.parameters!.filter((p) => p.in === 'path');
    expectParamsToMatch(path, contractPathSchema);
    for (const [p, m] of [['/api/contracts/{id}', 'get'], ['/api/categories', 'get'], ['/metrics', 'get']]) expect(queryParams(p, m)).toEqual([]);
  });

  it('declares each path parameter of a templated path, and every parameter schema is valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: true });
    for (const [path, ops] of Object.entries(doc().paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(names);
        for (const p of op.parameters ?? []) expect(() => ajv.compile(p.schema)).not.toThrow();
      }
    }
  });

  it('agrees with zod on what /api/contracts accepts', () => {
    const ajv = new Ajv2020({ strict: true });
    const schemas = Object.fromEntries(queryParams('/api/contracts').map((p) => [p.name, ajv.compile(p.schema)]));
    const asQuery = (name: string, v: number | string) => (schemas[name].schema as { type?: string }).type === 'integer' ? Number(v) : String(v);
    const samples: [string, string][] = [
      ['limit', '0'], ['limit', '1'], ['limit', '50'], ['limit', '51'], ['limit', '1.5'],
      ['offset', '-1'], ['offset', '0'], ['offset', '1000'], ['offset', '1001'],
      ['status', 'active'], ['status', 'gammal'], ['category', 'lakemedel'], ['category', 'leksaker'],
      ['supplier', ''], ['supplier', 'x'.repeat(100)], ['supplier', 'x'.repeat(101)], ['q', 'a'.repeat(200)], ['q', 'a'.repeat(201)],
    ];
    for (const [name, v] of samples) {
      const zodOk = contractQuerySchema.safeParse({ [name]: v }).success;
      expect({ name, v, ok: schemas[name](asQuery(name, v)) }).toEqual({ name, v, ok: zodOk });
    }
  });

  it('is what GET /api/openapi.json serves', async () => {
    const res = await fetch(`${app.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const served = (await res.json()) as { openapi: string; info: { title: string } };
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument(app.config.PUBLIC_URL))));
    expect(served.openapi).toBe('3.1.0');
    expect(served.info.title).toBe('Inköpsassistenten – avtalstjänst');
  });

  it('puts a server URL in only when PUBLIC_URL is set', () => {
    expect(openApiDocument()).not.toHaveProperty('servers');
    expect(openApiDocument('https://bot.example.se').servers).toEqual([{ url: 'https://bot.example.se' }]);
  });

  it('resolves every $ref', () => {
    const d = openApiDocument() as unknown as Record<string, unknown>;
    const refs = [...JSON.stringify(d).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const target = ref.split('/').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], d);
      expect({ ref, found: target !== undefined }).toEqual({ ref, found: true });
    }
  });
});
