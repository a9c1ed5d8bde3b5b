/**
 * The OpenAPI description of renaming, merging and removing categories (routes.ts, admin
 * key). Part of the contract service's description (openapi.ts).
 */
export function categoryAdminPaths(problem: object) {
  return {
    '/api/categories/{slug}': {
      patch: {
        operationId: 'renameCategory',
        summary: 'Rename a category (admin key); the old names stay as aliases',
        description: 'Body: {"name": {"sv": "…", "en": "…"}}. 409 when another category has the name (merge instead).',
        security: [{ adminKey: [] }],
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { $ref: '#/components/schemas/LocalizedName' } } } } } },
        responses: { '200': { description: 'Renamed' }, '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '429': problem, '500': problem },
      },
      delete: {
        operationId: 'removeCategory',
        summary: 'Remove a category no contract belongs to (admin key)',
        description: '409 when a contract (current, expired or removed) still belongs to it: merge it instead.',
        security: [{ adminKey: [] }],
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Removed' }, '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '429': problem, '500': problem },
      },
    },
    '/api/categories/{slug}/merge': {
      post: {
        operationId: 'mergeCategory',
        summary: 'Merge a category into another (admin key): its contracts move, its names become aliases, it is removed',
        description: 'Body: {"into": "slug"}.',
        security: [{ adminKey: [] }],
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { into: { type: 'string' } }, required: ['into'] } } } },
        responses: { '200': { description: 'Merged; moved is the number of contracts moved' }, '400': problem, '401': problem, '403': problem, '404': problem, '429': problem, '500': problem },
      },
    },
  };
}
