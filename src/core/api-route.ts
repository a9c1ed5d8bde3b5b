import type { z } from 'zod';

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
  /** OpenAPI response objects by status; a status given as true is the shared problem+json response. */
  responses: Record<string, object | true>;
}

/**
 * What a capability adds to the OpenAPI document: routes declared with their schemas, and (for routes
 * described by hand) ready path items and component schemas.
 */
export interface ApiDescription {
  routes?: readonly ApiRoute[];
  paths?: Record<string, Record<string, unknown>>;
  schemas?: Record<string, unknown>;
}
