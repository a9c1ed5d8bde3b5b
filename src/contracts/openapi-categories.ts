import { z } from 'zod';
import type { ApiRoute } from '../core/api-route';
import { categoryMergeSchema, categoryRenameSchema } from './routes';

/** The category a route acts on, by its slug. */
const slugPath = z.object({ slug: z.string() });
const adminErrors = { '400': true, '401': true, '403': true, '404': true, '429': true, '500': true } as const;

/**
 * Renaming, merging and removing categories (routes.ts, admin key), declared with the bodies the routes
 * validate. Part of the contract service's description (openapi.ts).
 */
export function categoryAdminRoutes(): ApiRoute[] {
  return [
    {
      method: 'patch',
      path: '/api/categories/{slug}',
      operationId: 'renameCategory',
      summary: 'Rename a category (admin key); the old names stay as aliases',
      description: 'Body: {"name": {"sv": "…", "en": "…"}}. 409 when another category has the name (merge instead).',
      security: [{ adminKey: [] }],
      params: slugPath,
      body: categoryRenameSchema,
      responses: { '200': { description: 'Renamed' }, ...adminErrors, '409': true },
    },
    {
      method: 'delete',
      path: '/api/categories/{slug}',
      operationId: 'removeCategory',
      summary: 'Remove a category no contract belongs to (admin key)',
      description: '409 when a contract (current, expired or removed) still belongs to it: merge it instead.',
      security: [{ adminKey: [] }],
      params: slugPath,
      responses: { '200': { description: 'Removed' }, ...adminErrors, '409': true },
    },
    {
      method: 'post',
      path: '/api/categories/{slug}/merge',
      operationId: 'mergeCategory',
      summary: 'Merge a category into another (admin key): its contracts move, its names become aliases, it is removed',
      description: 'Body: {"into": "slug"}.',
      security: [{ adminKey: [] }],
      params: slugPath,
      body: categoryMergeSchema,
      responses: { '200': { description: 'Merged; moved is the number of contracts moved' }, ...adminErrors },
    },
  ];
}
