/**
 * The two regions of the joint procurement organisation. Contract categories are data (the
 * categories table, ./categories.ts), not code: an import may add the organisation's own.
 */
export const REGIONS = ['Sörmland', 'Västmanland'] as const;
export type Region = (typeof REGIONS)[number];
