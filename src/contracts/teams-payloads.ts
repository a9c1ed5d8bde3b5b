import { z } from 'zod';
import { REGIONS } from '../core/vocabulary';
import { numberInput } from '../util/input';
import { MAX_OFFSET, MAX_QUERY_LENGTH } from './search-query';

/** What the contract capability's cards and message extension send back, as the Teams handlers parse it. */
export const searchPayload = z.object({ q: z.string().max(MAX_QUERY_LENGTH).default('') });
export const morePayload = z.object({
  q: z.string().max(MAX_QUERY_LENGTH),
  region: z.union([z.enum(REGIONS), z.literal('')]).optional(),
  offset: numberInput(z.number().int().min(0).max(MAX_OFFSET)),
});
export const detailsPayload = z.object({ id: z.string().min(1).max(40) });
const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
export const applyPayload = z.object({
  token,
  mode: z.enum(['update', 'full']),
  force: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  /** The number of removals the forced button named; the import checks it against what it would remove. */
  removals: numberInput(z.number().int().min(0).max(10_000_000)).optional(),
  /** The number of new categories the preview confirmed (0 when under the limit). */
  categories: numberInput(z.number().int().min(0).max(1_000_000)).optional(),
});
export const cancelPayload = z.object({ token });
export const queryParams = z.object({
  queryText: z.string().max(MAX_QUERY_LENGTH * 2).optional(),
  initialRun: z.union([z.boolean(), z.string()]).optional(),
});

/** A category's slug as the categories table keeps them (folded letters, digits and dashes). */
const slug = z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/);
/** Slå ihop: the two categories and the numbers the confirmation card named (checked again on the server). */
export const categoryMergePayload = z.object({
  from: slug,
  into: slug,
  contracts: numberInput(z.number().int().min(0).max(10_000_000)),
  current: numberInput(z.number().int().min(0).max(10_000_000)),
});
/** Ta bort: offered only for a category without contracts, so the card's number is 0. */
export const categoryRemovePayload = z.object({ slug, contracts: numberInput(z.literal(0)) });
