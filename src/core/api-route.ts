import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { Locale } from '../i18n';

/**
 * A REST route as its capability describes it, for the OpenAPI document (src/http/openapi.ts builds the
 * document from these). The zod schemas are the ones the route validates with, so the description cannot
 * drift from what the route accepts. A capability lists its routes in its module (`api`).
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, parameters in braces: /api/contracts/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Security requirement names of the document's securitySchemes (adminKey, reportsKey, …). */
  security?: Record<string, string[]>[];
  params?: z.AnyZodObject;
  query?: z.AnyZodObject;
  /** Descriptions of parameters, by name. */
  parameterDescriptions?: Record<string, string>;
  /** A JSON body, validated with this schema. */
  body?: z.ZodTypeAny;
  /** A body that is not JSON (a file): its media types and their OpenAPI schemas, and what to know about it. */
  rawBody?: { description?: string; content: Record<string, object> };
  /** A description of the JSON body where the schema alone does not say enough. */
  bodyDescription?: string;
  /** OpenAPI response objects by status; a status given as true is the shared problem+json response. */
  responses: Record<string, object | true>;
}

/**
 * A REST operation declared beside its route and zod schemas: the OpenAPI description (for people and for
 * the model in Microsoft 365 Copilot) is built from this, never kept by hand elsewhere. src/http/openapi.ts
 * puts it in the service's OpenAPI 3.1 document; src/http/openapi-copilot.ts puts the Copilot ones in the
 * OpenAPI 3.0 file of the app package's API plugin.
 */
export interface ApiOperation {
  method: 'get';
  /** The OpenAPI path, e.g. /api/contracts/{id}. */
  path: string;
  operationId: string;
  /** One line saying what it does. */
  summary: string;
  /** When to call it and what comes back, written so a language model can pick it. */
  description: string;
  query?: z.AnyZodObject;
  pathParams?: z.AnyZodObject;
  /** Every parameter: what it means and an example value. */
  params: Record<string, { description: string; example: string | number }>;
  response: { description: string; schema: z.ZodTypeAny };
  /** Error statuses answered (problem+json), with a description where the shared one is not enough. */
  problems: Record<string, string | null>;
  /** Called by the declarative agent in Microsoft 365 Copilot (protected by src/http/copilot-access.ts). */
  copilot?: boolean;
}

/**
 * What a capability adds to the OpenAPI document: routes declared with their schemas, operations declared
 * for people and for Microsoft 365 Copilot (ApiOperation), and the component schemas their responses refer
 * to. Every path a capability adds comes from `routes` or `operations`: there are no hand-written path items.
 */
export interface ApiDescription {
  routes?: readonly ApiRoute[];
  operations?: readonly ApiOperation[];
  schemas?: Record<string, unknown>;
}

/** Who may call the operations declared for Microsoft 365 Copilot (built by src/http/copilot-access.ts). */
export interface ApiAccess {
  readonly mode: 'entra' | 'none';
  /** Whether `entra` has what it needs (a tenant and an audience). */
  readonly configured: boolean;
  /** Throws the HttpProblem to answer when the request may not call the operation. */
  check(req: Request, res: Response, locale: Locale): Promise<void>;
}
