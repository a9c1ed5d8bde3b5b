
/** The OpenAPI document's shared parts: the problem+json response, security schemes, the contract schemas. */
/** Response and schema components shared by the paths. */
export function components() {
  return {
    // 429 (API_RATE_LIMIT per client and minute, on /api/ except /api/messages) comes with Retry-After.
    securitySchemes: {
      adminKey: { type: 'http', scheme: 'bearer', description: 'CONTRACTS_ADMIN_KEY' },
      reportsKey: { type: 'http', scheme: 'bearer', description: 'REPORTS_KEY' },
      metricsKey: { type: 'http', scheme: 'bearer', description: 'METRICS_KEY (optional)' },
      botFramework: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Bot Framework token (Bot Connector / Teams channel)' },
      entraId: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A Microsoft Entra ID access token for COPILOT_API_AUDIENCE with the scope COPILOT_API_SCOPE, from a tenant in ALLOWED_TENANT_IDS (COPILOT_AUTH=entra)',
      },
    },
    responses: {
      Problem: { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
    schemas: {
      Activity: {
        type: 'object',
        description: 'A Bot Framework activity; only the fields the bot reads are checked.',
        externalDocs: { url: 'https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md' },
        properties: { type: { type: 'string' }, channelId: { const: 'msteams' }, serviceUrl: { type: 'string', format: 'uri' } },
        required: ['type', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation'],
      },
      LocalizedName: { type: 'object', properties: { sv: { type: 'string' }, en: { type: 'string' } } },
      Problem: {
        type: 'object',
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
        required: ['title', 'status'],
      },
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
    },
  };
}

