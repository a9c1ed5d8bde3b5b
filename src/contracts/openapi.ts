import type { ApiDescription, ApiRoute } from '../core/api-route';
import { REPORT_ERRORS, csvReport, problem, reportAccess, reportRoute, strictQuery } from '../http/openapi';
import { CONTRACT_OPERATIONS } from './operations';
import { categoryAdminRoutes } from './openapi-categories';
import { IMPORT_MEDIA_TYPES, importQuerySchema, importsQuerySchema, MAX_IMPORT_BYTES, noQuerySchema } from './routes';
import { unmetQuerySchema } from './unmet-routes';

/**
 * The contract service's part of the OpenAPI document (src/http/openapi.ts builds the document from every
 * module's description): search, one contract, categories, import, the unmet-searches report, and their schemas.
 */

const binary = { type: 'string', format: 'binary' };
/** The body of an import: the media types the route reads; CSV text or the raw bytes of an export. */
const importBody = Object.fromEntries(IMPORT_MEDIA_TYPES.map((type) => [type, { schema: type.startsWith('text/') ? { type: 'string' } : binary }]));

/** The contract service's routes besides search and one contract (declared in operations.ts): categories, import, the unmet-searches report. */
function contractRoutes(): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/categories',
      operationId: 'listCategories',
      summary: 'Categories with the number of contracts (all and active)',
      description: `Takes no query parameters. ${strictQuery}`,
      query: noQuerySchema,
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
                      properties: { slug: { type: 'string' }, name: { $ref: '#/components/schemas/LocalizedName' }, count: { type: 'integer' }, active: { type: 'integer' } },
                    },
                  },
                },
              },
            },
          },
        },
        '400': true,
        '429': true,
        '500': true,
      },
    },
    {
      method: 'get',
      path: '/api/contracts/imports',
      operationId: 'listImports',
      summary: 'The latest contract imports (applied and refused), newest first',
      description: `Admin key required. ${strictQuery}`,
      security: [{ adminKey: [] }],
      query: importsQuerySchema,
      parameterDescriptions: { limit: 'How many (1–100).' },
      responses: {
        '200': {
          description: 'Import log',
          content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ImportLogEntry' } } } } } },
        },
        ...REPORT_ERRORS,
      },
    },
    {
      method: 'post',
      path: '/api/contracts/import',
      operationId: 'importContracts',
      summary: 'Import a contract export (CSV with ";" or "," in UTF-8 or Windows-1252, or an .xlsx workbook)',
      description:
        'Adds and updates by contract id. Unknown categories are created, unknown ordering methods and contract types kept as written (warnings). ' +
        '`mode=full`: the file is the whole catalogue and contracts absent from it are removed (kept as history); refused with 409 when it would ' +
        `remove more than IMPORT_MAX_REMOVAL_PERCENT of the catalogue unless \`force=true\` with \`removals\` set to the number of removals the dry run reported (a different number is refused with 409). \`dryRun=true\` reports the same counts without saving. 403 when CONTRACTS_ADMIN_KEY is not configured. ${strictQuery}`,
      security: [{ adminKey: [] }],
      query: importQuerySchema,
      parameterDescriptions: {
        dryRun: 'Validate and report only; nothing is saved.',
        mode: 'update (default): add and change. full: also remove contracts absent from the file.',
        force: 'Apply a full export even when it removes more than the allowed share (only with removals).',
        removals: 'With force: the number of contracts the dry run said the full export removes; it must match.',
        sheet: 'The worksheet of an .xlsx to read (default: the first).',
        fileName: 'The file name, for the import log.',
      },
      rawBody: { description: `At most ${MAX_IMPORT_BYTES} bytes (more → 413).`, content: importBody },
      responses: {
        '200': { description: 'Import report', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } },
        ...REPORT_ERRORS,
        '413': true,
        '409': { ...problem, description: 'A full export that would remove too much was refused; the problem holds the report.' },
        '415': true,
        '422': { description: 'No valid row (dry run: the report; otherwise a problem holding it)', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } },
      },
    },
    ...categoryAdminRoutes(),
    reportRoute({
      path: '/api/reports/unmet-searches.csv',
      operationId: 'unmetSearchesReport',
      summary: 'What staff searched for without finding a contract, as CSV: columns query, searches, people',
      description:
        "Searches in chat, the message extension and GET /api/contracts (first page), grouped by the query's Swedish stems; a group is listed " +
        'only when at least UNMET_MIN_PEOPLE different people searched it in Teams without a hit in the period (REST searches add to ' +
        '`searches`, never to `people`), and not once it has found a contract since. Most people first. The period: `days` (default 90) ' +
        `or \`from\` and \`to\`. ${reportAccess}`,
      query: unmetQuerySchema,
      parameterDescriptions: { days: 'The last this many days, today included.', from: 'First day, with `to`.', to: 'Last day, with `from`.' },
      ok: csvReport('One row per group of queries'),
    }),
  ];
}

/** The contract schemas the paths refer to. */
function contractSchemas(): Record<string, unknown> {
  return {
    ImportReport: {
      type: 'object',
      properties: {
        dryRun: { type: 'boolean' },
        mode: { type: 'string', enum: ['update', 'full'] },
        format: { type: 'string', enum: ['csv', 'xlsx'] },
        fileName: { type: ['string', 'null'] },
        encoding: { type: ['string', 'null'] },
        delimiter: { type: ['string', 'null'] },
        sheet: { type: ['string', 'null'] },
        rows: { type: 'integer' },
        valid: { type: 'integer' },
        added: { type: 'integer' },
        updated: { type: 'integer' },
        removed: { type: 'integer' },
        removals: { type: 'array', items: { type: 'object', properties: { contractId: { type: 'string' }, title: { type: 'string' } } } },
        notes: {
          type: 'array',
          description: 'What was assumed or dropped on rows that were kept.',
          items: { type: 'object', properties: { line: { type: 'integer' }, contractId: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } } },
        },
        newCategories: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' }, rows: { type: 'integer' } } } },
        refusal: {
          type: ['object', 'null'],
          description: 'On a dry run: why a real run would be refused.',
          properties: { code: { type: 'string', enum: ['too-many-removals', 'nothing-valid'] }, message: { type: 'string' } },
        },
        importId: { type: ['integer', 'null'] },
        rejected: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              line: { type: 'integer' },
              contractId: { type: 'string' },
              problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
        warnings: { type: 'array', items: { type: 'string' } },
      },
    },
    ImportLogEntry: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        importedAt: { type: 'string', format: 'date-time' },
        source: { type: 'string', enum: ['cli', 'api', 'teams'] },
        actorId: { type: ['string', 'null'], description: 'The officer who imported from Teams; emptied after the retention period.' },
        actorName: { type: ['string', 'null'] },
        fileName: { type: ['string', 'null'] },
        format: { type: 'string', enum: ['csv', 'xlsx'] },
        mode: { type: 'string', enum: ['update', 'full'] },
        outcome: { type: 'string', enum: ['applied', 'refused'] },
        forced: { type: 'boolean' },
        rowsRead: { type: 'integer' },
        added: { type: 'integer' },
        updated: { type: 'integer' },
        removed: { type: 'integer' },
        rejected: { type: 'integer' },
        newCategories: { type: 'array', items: { type: 'string' } },
        reason: { type: ['string', 'null'] },
      },
    },
  };
}

export const contractsApi: ApiDescription = { operations: CONTRACT_OPERATIONS, routes: contractRoutes(), schemas: contractSchemas() };
