/**
 * The organisation's shared vocabularies: the regions and the contract categories every capability
 * speaks of (the intake form, search filters, NKI per category, reports).
 */
export const CATEGORY_SLUGS = [
  'medicinteknik',
  'lakemedel',
  'vard-omsorgsmaterial',
  'laboratorium',
  'it-telekom',
  'konsulttjanster',
  'tjanster',
  'fastighet-bygg',
  'transporter-fordon',
  'livsmedel',
  'kontor-allmant',
] as const;
export type CategorySlug = (typeof CATEGORY_SLUGS)[number];

export const REGIONS = ['Sörmland', 'Västmanland'] as const;
export type Region = (typeof REGIONS)[number];
