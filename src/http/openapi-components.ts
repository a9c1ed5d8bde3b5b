
/** The OpenAPI document's shared parts: the problem+json response, security schemes, the shared schemas (capabilities add theirs, see core/api-route.ts). */
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
    },
  };
}

