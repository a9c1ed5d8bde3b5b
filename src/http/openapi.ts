import { CATEGORY_SLUGS, CONTRACT_TYPES, ORDERING_METHODS, REGIONS, STATUS_FILTERS, CONTRACT_STATUSES } from '../contracts/model';
import { MAX_LIMIT, MAX_OFFSET } from '../contracts/routes';
import { MAX_QUERY_LENGTH } from '../contracts/search-query';

const problem = { $ref: '#/components/responses/Problem' };

/** OpenAPI 3.1 description of the contract-lookup service, built from the same constants the code validates with. */
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
    paths: {
      '/api/contracts': {
        get: {
          operationId: 'searchContracts',
          summary: 'Search contracts',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: MAX_QUERY_LENGTH }, description: 'Free text in Swedish, or a contract id.' },
            { name: 'category', in: 'query', schema: { type: 'string', enum: [...CATEGORY_SLUGS] } },
            { name: 'region', in: 'query', schema: { type: 'string', enum: [...REGIONS] } },
            { name: 'supplier', in: 'query', schema: { type: 'string', maxLength: 100 }, description: 'Part of a supplier name.' },
            { name: 'status', in: 'query', schema: { type: 'string', enum: [...STATUS_FILTERS], default: 'all' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 10 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 } },
          ],
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
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 40 } }],
          responses: {
            '200': { description: 'The contract', content: { 'application/json': { schema: { $ref: '#/components/schemas/Contract' } } } },
            '404': problem,
            '429': problem,
          },
        },
      },
      '/api/categories': {
        get: {
          operationId: 'listCategories',
          summary: 'Categories with the number of contracts (all and active)',
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
                            slug: { type: 'string', enum: [...CATEGORY_SLUGS] },
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
          },
        },
      },
      '/api/contracts/import': {
        post: {
          operationId: 'importContracts',
          summary: 'Import a contract export (CSV; ";" or ","; UTF-8 or Windows-1252)',
          security: [{ adminKey: [] }],
          parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }],
          requestBody: {
            required: true,
            content: { 'text/csv': { schema: { type: 'string' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          responses: {
            '200': { description: 'Import report', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } },
            '400': problem,
            '401': problem,
            '403': problem,
            '413': problem,
            '415': problem,
            '429': problem,
            '422': { description: 'No valid row; the report lists every rejected row', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } },
          },
        },
      },
      '/healthz': { get: { operationId: 'health', summary: 'Liveness', responses: { '200': { description: 'Alive' } } } },
      '/readyz': { get: { operationId: 'ready', summary: 'Readiness (database answers)', responses: { '200': { description: 'Ready' }, '503': problem } } },
    },
    components: {
      // 429 (API_RATE_LIMIT per client and minute) comes with Retry-After.
      securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'CONTRACTS_ADMIN_KEY' } },
      responses: {
        Problem: { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      schemas: {
        LocalizedName: { type: 'object', properties: { sv: { type: 'string' }, en: { type: 'string' } } },
        Problem: {
          type: 'object',
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
          required: ['title', 'status'],
        },
        Supplier: {
          type: 'object',
          properties: { name: { type: 'string' }, orgNr: { type: 'string' }, rank: { type: 'integer' } },
          required: ['name'],
        },
        Contract: {
          type: 'object',
          properties: {
            contractId: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            category: { type: 'object', properties: { slug: { type: 'string', enum: [...CATEGORY_SLUGS] }, name: { $ref: '#/components/schemas/LocalizedName' } } },
            suppliers: { type: 'array', items: { $ref: '#/components/schemas/Supplier' } },
            keywords: { type: 'array', items: { type: 'string' } },
            cpvCodes: { type: 'array', items: { type: 'string' } },
            validFrom: { type: 'string', format: 'date' },
            validTo: { type: 'string', format: 'date' },
            maxExtensionTo: { type: ['string', 'null'], format: 'date' },
            regions: { type: 'array', items: { type: 'string', enum: [...REGIONS] } },
            orderingMethod: { type: 'string', enum: [...ORDERING_METHODS] },
            contractType: { type: 'string', enum: [...CONTRACT_TYPES] },
            contact: { type: 'object', properties: { name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } } },
            url: { type: ['string', 'null'] },
            status: { type: 'string', enum: [...CONTRACT_STATUSES] },
          },
          required: ['contractId', 'title', 'category', 'suppliers', 'validFrom', 'validTo', 'regions', 'orderingMethod', 'contractType', 'status'],
        },
        SearchResult: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
            items: { type: 'array', items: { $ref: '#/components/schemas/Contract' } },
          },
          required: ['total', 'items'],
        },
        ImportReport: {
          type: 'object',
          properties: {
            dryRun: { type: 'boolean' },
            encoding: { type: 'string' },
            delimiter: { type: 'string' },
            rows: { type: 'integer' },
            valid: { type: 'integer' },
            inserted: { type: 'integer' },
            updated: { type: 'integer' },
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
      },
    },
  };
}
