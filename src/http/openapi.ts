import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { contractPathSchema, contractQuerySchema, IMPORT_MEDIA_TYPES, importQuerySchema, importsQuerySchema, MAX_IMPORT_BYTES, noQuerySchema } from '../contracts/routes';
import { unmetQuerySchema } from '../contracts/unmet-routes';
import { metricsQuery } from '../ops/routes';
import { MAX_ACTIVITY_BYTES } from './body';
import { components } from './openapi-components';
import { internalControlPaths } from './openapi-control';
import { reportQuery } from './report-access';

const problem = { $ref: '#/components/responses/Problem' };

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
function parametersOf<S extends z.AnyZodObject>(where: 'query' | 'path', schema: S, descriptions: Partial<Record<keyof S['shape'] & string, string>> = {}) {
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

const binary = { type: 'string', format: 'binary' };
/** The body of an import: the media types the route reads; CSV text or the raw bytes of an export. */
const importBody = Object.fromEntries(IMPORT_MEDIA_TYPES.map((type) => [type, { schema: type.startsWith('text/') ? { type: 'string' } : binary }]));
const csvReport = (description: string) => ({
  description,
  headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="…"' } },
  content: { 'text/csv': { schema: { type: 'string' }, example: '\ufeffcolumn;…\r\n' } },
});
const strictQuery = 'An unknown query parameter is refused with 400.';

/** The contract service: search, one contract, categories, import. */
function contractPaths() {
  return {
    '/api/contracts': {
      get: {
        operationId: 'searchContracts',
        summary: 'Search contracts',
        description: strictQuery,
        parameters: parametersOf('query', contractQuerySchema, {
          q: 'Free text in Swedish, or a contract id.',
          region: 'A region, with or without "Region ", in any case and with or without å/ä/ö.',
          supplier: 'Part of a supplier name.',
          status: '`expiring`: ends within 90 days; `active` includes `expiring`.',
        }),
        responses: {
          '200': {
            description: 'Matching contracts, best first: exact id, then title, keywords, supplier, description; active before expired.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } },
          },
          '400': problem,
          '429': problem,
          '500': problem,
        },
      },
    },
    '/api/contracts/{id}': {
      get: {
        operationId: 'getContract',
        summary: 'One contract by id (case-insensitive)',
        description: `Takes no query parameters. ${strictQuery}`,
        parameters: [...parametersOf('path', contractPathSchema), ...parametersOf('query', noQuerySchema)],
        responses: {
          '200': { description: 'The contract', content: { 'application/json': { schema: { $ref: '#/components/schemas/Contract' } } } },
          '400': problem,
          '404': problem,
          '410': { ...problem, description: 'A full export removed the contract: the problem names it and says when (removedAt).' },
          '429': problem,
          '500': problem,
        },
      },
    },
    '/api/categories': {
      get: {
        operationId: 'listCategories',
        summary: 'Categories with the number of contracts (all and active)',
        description: `Takes no query parameters. ${strictQuery}`,
        parameters: parametersOf('query', noQuerySchema),
        responses: {
          '200': {
            description: 'Categories',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          slug: { type: 'string' },
                          name: { $ref: '#/components/schemas/LocalizedName' },
                          count: { type: 'integer' },
                          active: { type: 'integer' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '400': problem,
          '429': problem,
          '500': problem,
        },
      },
    },
    '/api/contracts/imports': {
      get: {
        operationId: 'listImports',
        summary: 'The latest contract imports (applied and refused), newest first',
        description: `Admin key required. ${strictQuery}`,
        security: [{ adminKey: [] }],
        parameters: parametersOf('query', importsQuerySchema, { limit: 'How many (1–100).' }),
        responses: {
          '200': {
            description: 'Import log',
            content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ImportLogEntry' } } } } } },
          },
          '400': problem,
          '401': problem,
          '403': problem,
          '429': problem,
          '500': problem,
        },
      },
    },
    '/api/contracts/import': {
      post: {
        operationId: 'importContracts',
        summary: 'Import a contract export (CSV with ";" or "," in UTF-8 or Windows-1252, or an .xlsx workbook)',
        description:
          'Adds and updates by contract id. Unknown categories are created, unknown ordering methods and contract types kept as written (warnings). ' +
          '`mode=full`: the file is the whole catalogue and contracts absent from it are removed (kept as history); refused with 409 when it would ' +
          `remove more than IMPORT_MAX_REMOVAL_PERCENT of the catalogue unless \`force=true\`. \`dryRun=true\` reports the same counts without saving. 403 when CONTRACTS_ADMIN_KEY is not configured. ${strictQuery}`,
        security: [{ adminKey: [] }],
        parameters: parametersOf('query', importQuerySchema, {
          dryRun: 'Validate and report only; nothing is saved.',
          mode: 'update (default): add and change. full: also remove contracts absent from the file.',
          force: 'Apply a full export even when it removes more than the allowed share.',
          sheet: 'The worksheet of an .xlsx to read (default: the first).',
          fileName: 'The file name, for the import log.',
        }),
        requestBody: {
          required: true,
          description: `At most ${MAX_IMPORT_BYTES} bytes (more → 413).`,
          content: importBody,
        },
        responses: {
          '200': { description: 'Import report', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } },
          '400': problem,
          '401': problem,
          '403': problem,
          '413': problem,
          '409': { ...problem, description: 'A full export that would remove too much was refused; the problem holds the report.' },
          '415': problem,
          '422': { description: 'No valid row (dry run: the report; otherwise a problem holding it)', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } },
          '429': problem,
          '500': problem,
        },
      },
    },
  };
}

/** The CSV reports for internal control and NKI. */
function reportPaths() {
  return {
    '/api/reports/intake.csv': {
      get: {
        operationId: 'intakeReport',
        summary: 'Submitted purchase needs as CSV, one row per case (";"-separated, UTF-8 with BOM)',
        description: `403 when neither REPORTS_KEY nor CONTRACTS_ADMIN_KEY is configured. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', reportQuery, { year: 'Only cases submitted in this year.' }),
        responses: { '200': csvReport('The cases, oldest first'), '400': problem, '401': problem, '403': problem, '429': problem, '500': problem },
      },
    },
    '/api/reports/nki.csv': {
      get: {
        operationId: 'nkiReport',
        summary: 'Customer satisfaction (NKI) aggregates as CSV: all responses, then per quarter and per category',
        description:
          'Aggregates only; a group with fewer than NKI_MIN_RESPONSES responses shows its counts and nothing else, and a group ' +
          'whose figures could be worked out from the other rows (all minus the shown parts) is hidden too (complementary suppression). ' +
          `403 when neither REPORTS_KEY nor CONTRACTS_ADMIN_KEY is configured. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', reportQuery, { year: 'Only surveys opened in this year.' }),
        responses: { '200': csvReport('One row per group'), '400': problem, '401': problem, '403': problem, '429': problem, '500': problem },
      },
    },
    '/api/public/plan.json': {
      get: {
        operationId: 'publicPlan',
        summary: 'The procurement plan outside the regions: only the items an officer published (no key)',
        description:
          'Each published plan item with its public title, category, regions, expected advertisement quarter (YYYY-Qn), kind of procedure ' +
          "and Inköp's contact. No values, internal notes or staff names. The same list as the page GET /plan (HTML, ?lang=sv|en).",
        parameters: [{ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['sv', 'en'] } }],
        responses: {
          '200': {
            description: 'The published items',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    language: { type: 'string', enum: ['sv', 'en'] },
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          title: { type: 'string' },
                          category: { type: 'string' },
                          regions: { type: 'array', items: { type: 'string' } },
                          expectedQuarter: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' },
                          procedure: { type: 'string' },
                          contact: { type: 'string' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '400': problem,
          '429': problem,
          '500': problem,
        },
      },
    },
    '/api/reports/plan.csv': {
      get: {
        operationId: 'planReport',
        summary: 'The procurement plan (upphandlingsplan) as CSV: contracts whose final end falls within PLAN_HORIZON_MONTHS, and open cases',
        description:
          'One row per contract (final end = the last extension date, else the current end) and per open case not shown on its contract, ' +
          'sorted by latest start (the day the new procurement must start: final end, or the case\'s desired start, minus the route\'s ' +
          'longest lead time plus PLAN_IMPLEMENTATION_DAYS). Columns contract_id, title, category, final_end, extension_decision_by (current end minus PLAN_NOTICE_MONTHS, ' +
          'or latest_start_if_not_extended when that is earlier, when an option remains), latest_start (if every option is used), case_number, then kind, case_status, contract_type, current_end, extension_remaining, ' +
          'extension_status, extension_decided_to, needed_by, route, lead_time_min_days, lead_time_max_days, status ' +
          '(open, overdue, started, no-procurement, unknown), overdue, no_procurement_reason, problem (no-end-date, extension-before-end, ' +
          `no-route, no-desired-start), latest_start_if_not_extended (current end minus the same lead time; equal to latest_start without an option), ` +
          `implementation_days (the margin between signing and contract start counted in both). No personal names. 403 when neither REPORTS_KEY nor CONTRACTS_ADMIN_KEY is configured. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', reportQuery, { year: 'Only items needed in this year (final end, or desired start for a case).' }),
        responses: { '200': csvReport('One row per contract or case, latest start first'), '400': problem, '401': problem, '403': problem, '429': problem, '500': problem },
      },
    },
    '/api/reports/unmet-searches.csv': {
      get: {
        operationId: 'unmetSearchesReport',
        summary: 'What staff searched for without finding a contract, as CSV: columns query, searches, people',
        description:
          "Searches in chat, the message extension and GET /api/contracts (first page), grouped by the query's Swedish stems; a group is listed " +
          'only when at least UNMET_MIN_PEOPLE different people searched it in Teams without a hit in the period (REST searches add to ' +
          '`searches`, never to `people`), and not once it has found a contract since. Most people first. The period: `days` (default 90) ' +
          `or \`from\` and \`to\`. 403 when neither REPORTS_KEY nor CONTRACTS_ADMIN_KEY is configured. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', unmetQuerySchema, { days: 'The last this many days, today included.', from: 'First day, with `to`.', to: 'Last day, with `from`.' }),
        responses: { '200': csvReport('One row per group of queries'), '400': problem, '401': problem, '403': problem, '429': problem, '500': problem },
      },
    },
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
    '/plan': {
      get: {
        operationId: 'publicPlanPage',
        summary: 'The published procurement plan as a plain, accessible HTML page in Swedish or English (no key)',
        parameters: [{ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['sv', 'en'] } }],
        responses: { '200': { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } }, '400': problem, '429': problem, '500': problem },
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

/** OpenAPI 3.1 description of every REST route, its parameters built from the zod schemas the routes validate with. */
export function openApiDocument(serverUrl?: string) {
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
    paths: { ...contractPaths(), ...reportPaths(), ...internalControlPaths({ problem, csvReport, strictQuery, query: parametersOf('query', reportQuery) }), ...servicePaths() },
    components: components(),
  };
}
