import { ApiOperation, operationObject, operationPaths } from './operation';
import { trimEndChars } from '../util/text';

/**
 * The OpenAPI file of the API plugin in the Teams app package: only the operations declared for Copilot
 * (`copilot: true` beside their routes), in OpenAPI 3.0.3 (what Copilot's API plugins and the spec parser
 * read), signed in with Microsoft Entra ID through OAuth 2.0 authorisation code (the plugin's
 * OAuthPluginVault registration holds the client).
 */
export interface CopilotOpenApiOptions {
  /** The service's public base URL (https). */
  serverUrl: string;
  /** The Entra tenant whose sign-in page is used (a GUID, or "organizations"). */
  tenant: string;
  /** The full scope the plugin asks for, e.g. api://<app id>/access_as_user. */
  scope: string;
}

/** The operations of every capability's API description that are declared for Copilot. */
export function copilotOperations(described: readonly { operations?: readonly ApiOperation[] }[]): ApiOperation[] {
  return described.flatMap((d) => d.operations ?? []).filter((op) => op.copilot);
}

const problemSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
  required: ['title', 'status'],
};

export function copilotOpenApiDocument(opts: CopilotOpenApiOptions, operations: readonly ApiOperation[]) {
  const login = `https://login.microsoftonline.com/${opts.tenant}/oauth2/v2.0`;
  const problem = { $ref: '#/components/responses/Problem' };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Inköpsassistenten',
      version: '1.0.0',
      description:
        "The contract catalogue and purchasing rules of Region Sörmland and Region Västmanland (Inköp), for Microsoft 365 Copilot. Errors are application/problem+json in the caller's language (Accept-Language: sv or en).",
    },
    servers: [{ url: trimEndChars(opts.serverUrl, '/') }],
    security: [{ entraId: [opts.scope] }],
    paths: operationPaths(operations, (op) => operationObject(op, '3.0', problem)),
    components: {
      securitySchemes: {
        entraId: {
          type: 'oauth2',
          description: 'Microsoft Entra ID sign-in of the person using Copilot (delegated).',
          flows: { authorizationCode: { authorizationUrl: `${login}/authorize`, tokenUrl: `${login}/token`, refreshUrl: `${login}/token`, scopes: { [opts.scope]: "Search the regions' contracts and read purchasing rules as the signed-in user" } } },
        },
      },
      responses: { Problem: { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: problemSchema } } } },
    },
  };
}
