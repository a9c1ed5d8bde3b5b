import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { ApiDescription, ApiRoute } from '../core/api-route';
import { metricsQuery } from '../ops/routes';
import { MAX_ACTIVITY_BYTES } from './body';
import { components } from './openapi-components';
import { operationObject } from './operation';
import { reportQuery } from './report-access';

export const problem = { $ref: '#/components/responses/Problem' };

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of what a zod schema accepts as input (OpenAPI 3.1 schemas are JSON Schema). Preprocessing
 * (numbers read from query strings, region names folded) is described by the schema it feeds.
 */
export function jsonSchemaOf(schema: z.ZodTypeAny): JsonSchema {
  const out = zodToJsonSchema(schema, { target: 'jsonSchema2019-09', $refStrategy: 'none', effectStrategy: 'input' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** One OpenAPI parameter per key of a zod object schema, with its schema, default and bounds; path parameters are always required. */
export function parametersOf<S extends z.AnyZodObject>(where: 'query' | 'path', schema: S, descriptions: Partial<Record<keyof S['shape'] & string, string>> = {}) {
  const json = jsonSchemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const description = (descriptions as Record<string, string | undefined>)[name];
    return {
      name,
      in: where,
      ...(where === 'path' || json.required?.includes(name) ? { required: true } : {}),
      ...(description ? { description } : {}),
      schema,
    };
  });
}

export const csvReport = (description: string) => ({
  description,
  headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="…"' } },
  content: { 'text/csv': { schema: { type: 'string' }, example: '\ufeffcolumn;…\r\n' } },
});
export const strictQuery = 'An unknown query parameter is refused with 400.';

/** The errors every report answers, as problem+json. */
export const REPORT_ERRORS = { '400': true, '401': true, '403': true, '429': true, '500': true } as const;
/** A report's callers: the reports key or the admin key (Bearer). */
export const REPORT_SECURITY: Record<string, string[]>[] = [{ reportsKey: [] }, { adminKey: [] }];
/** What every report says about its access and its query. */
export const reportAccess = `403 when neither REPORTS_KEY nor CONTRACTS_ADMIN_KEY is configured. ${strictQuery}`;

/**
 * A report route as its capability declares it: what openReport (src/http/report-access.ts) gives every
 * report (the keys, the year query unless another is named, the shared errors) and its own answer.
 */
export function reportRoute(r: Pick<ApiRoute, 'path' | 'operationId' | 'summary' | 'description' | 'parameterDescriptions'> & { query?: z.AnyZodObject; ok: object }): ApiRoute {
  return {
    method: 'get',
    path: r.path,
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    security: REPORT_SECURITY,
    query: r.query ?? reportQuery,
    ...(r.parameterDescriptions ? { parameterDescriptions: r.parameterDescriptions } : {}),
    responses: { '200': r.ok, ...REPORT_ERRORS },
  };
}

/** The API description itself, the Bot Framework endpoint, health and metrics. */
function servicePaths() {
  return {
    '/api/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This description',
        responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } }, '429': problem },
      },
    },
    '/api/messages': {
      post: {
        operationId: 'botMessages',
        summary: 'Bot Framework endpoint: Microsoft Teams sends activities here',
        description:
          'Takes one Bot Framework activity (channel msteams) and runs the turn. Authenticated with the JWT the Bot Framework ' +
          'issues (Authorization: Bearer); without MicrosoftAppId (local mode) tokens are not checked. Activities from a tenant ' +
          'outside ALLOWED_TENANT_IDS are refused. Not rate-limited.',
        security: [{ botFramework: [] }],
        requestBody: {
          required: true,
          description: `At most ${MAX_ACTIVITY_BYTES} bytes (more → 413).`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Activity' } } },
        },
        responses: {
          '200': { description: 'Turn handled; an invoke gets its response body', content: { 'application/json': { schema: { type: 'object' } } } },
          '400': problem,
          '401': problem,
          '403': problem,
          '413': problem,
          '415': problem,
          '500': problem,
          '503': problem,
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'Liveness',
        responses: { '200': { description: 'Alive', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } } } } } } },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        summary: 'Readiness (database answers)',
        responses: {
          '200': {
            description: 'Ready',
            content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ready' }, database: { type: 'string' } } } } },
          },
          '503': problem,
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Prometheus metrics (text exposition format)',
        description: `With METRICS_KEY set the scraper must send it as a Bearer token; without it the endpoint is open. Not rate-limited. ${strictQuery}`,
        security: [{ metricsKey: [] }, {}],
        parameters: parametersOf('query', metricsQuery),
        responses: {
          '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
          '400': problem,
          '401': problem,
          '500': problem,
        },
      },
    },
  };
}

/** The operations Microsoft 365 Copilot calls: an Entra ID token (COPILOT_AUTH=entra), the admin key, or nothing (COPILOT_AUTH=none). */
const COPILOT_SECURITY = [{ entraId: [] }, { adminKey: [] }, {}];

/** One declared route as an OpenAPI operation: parameters and body from its zod schemas. */
export function operationOf(route: ApiRoute): Record<string, unknown> {
  const parameters = [
    ...(route.params ? parametersOf('path', route.params, route.parameterDescriptions) : []),
    ...(route.query ? parametersOf('query', route.query, route.parameterDescriptions) : []),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.security ? { security: route.security } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, ...(route.bodyDescription ? { description: route.bodyDescription } : {}), content: { 'application/json': { schema: jsonSchemaOf(route.body) } } } }
      : {}),
    ...(route.rawBody ? { requestBody: { required: true, ...(route.rawBody.description ? { description: route.rawBody.description } : {}), content: route.rawBody.content } } : {}),
    responses: Object.fromEntries(Object.entries(route.responses).map(([status, r]) => [status, r === true ? problem : r])),
  };
}

/** The path items of the capabilities' descriptions: their declared routes and operations. Two operations on one path and method stop the start. */
export function pathsOf(described: readonly ApiDescription[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (path: string, method: string, operation: unknown) => {
    paths[path] ??= {};
    if (paths[path][method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is described twice`);
    paths[path][method] = operation;
  };
  for (const d of described) {
    for (const route of d.routes ?? []) add(route.path, route.method, operationOf(route));
    for (const op of d.operations ?? []) add(op.path, op.method, operationObject(op, '3.1', problem, op.copilot ? { security: COPILOT_SECURITY } : {}));
  }
  return paths;
}

/**
 * OpenAPI 3.1 description of every REST route, its parameters built from the zod schemas the routes validate
 * with. `described`: what the capabilities add (each module's `api`; src/app.ts passes them in list order).
 */
export function openApiDocument(serverUrl?: string, described: readonly ApiDescription[] = []) {
  const base = components();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inköpsassistenten – avtalstjänst',
      version: '1.0.0',
      description:
        'Contract lookup for Region Sörmland and Region Västmanland (Inköp). Search understands Swedish: stemming, compound words, ' +
        'missing å/ä/ö, small typos, prefixes, supplier names, keywords, CPV codes and exact contract ids. Errors are application/problem+json; ' +
        'messages follow Accept-Language (sv default, en).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths: { ...pathsOf(described), ...servicePaths() },
    components: { ...base, schemas: Object.assign({}, base.schemas, ...described.map((d) => d.schemas ?? {})) },
  };
}
