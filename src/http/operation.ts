import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { ApiOperation } from '../core/api-route';

export type { ApiOperation };


export type OpenApiTarget = '3.1' | '3.0';
type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a zod schema: for OpenAPI 3.1 plain JSON Schema, for 3.0 its OpenAPI dialect (nullable
 * instead of type arrays). Inputs are described as accepted (before preprocessing), outputs as sent.
 */
export function schemaOf(schema: z.ZodTypeAny, target: OpenApiTarget, io: 'input' | 'output' = 'input'): JsonSchema {
  const out = zodToJsonSchema(schema, {
    target: target === '3.0' ? 'openApi3' : 'jsonSchema2019-09',
    $refStrategy: 'none',
    effectStrategy: 'input',
    pipeStrategy: io,
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** The OpenAPI parameters of an operation: one per key of its path and query schemas, each with its description and example. */
export function operationParameters(op: ApiOperation, target: OpenApiTarget) {
  const from = (where: 'path' | 'query', schema: z.AnyZodObject | undefined) => {
    if (!schema) return [];
    const json = schemaOf(schema, target) as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, s]) => {
      const meta = op.params[name];
      if (!meta) throw new Error(`${op.operationId}: parameter ${name} has no description and example`);
      return {
        name,
        in: where,
        ...(where === 'path' || json.required?.includes(name) ? { required: true } : {}),
        description: meta.description,
        schema: s,
        example: meta.example,
      };
    });
  };
  return [...from('path', op.pathParams), ...from('query', op.query)];
}

/** The OpenAPI operation object; `problem` is the response object errors refer to. */
export function operationObject(op: ApiOperation, target: OpenApiTarget, problem: object, extra: Record<string, unknown> = {}) {
  const errors = Object.fromEntries(Object.entries(op.problems).map(([status, description]) => [status, description ? { ...problem, description } : problem]));
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    ...extra,
    parameters: operationParameters(op, target),
    responses: {
      '200': { description: op.response.description, content: { 'application/json': { schema: schemaOf(op.response.schema, target, 'output') } } },
      ...errors,
    },
  };
}

/** Paths for a list of operations, merged by path. */
export function operationPaths(ops: readonly ApiOperation[], build: (op: ApiOperation) => object): Record<string, Record<string, object>> {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of ops) (paths[op.path] ??= {})[op.method] = build(op);
  return paths;
}
