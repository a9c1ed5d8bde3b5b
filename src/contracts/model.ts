import { REGIONS } from '../core/vocabulary';
import { addDays, isRealDate } from '../core/dates';
import { Locale, t } from '../i18n';
import { z } from 'zod';
import { RenewalStatus } from '../core/renewal';

/**
 * Ordering methods and contract types the product knows (and names in both languages). An export may
 * use others: those are kept as the organisation wrote them and shown as written.
 */
export const ORDERING_METHODS = ['e-handel', 'avrop', 'beställningsuppdrag', 'varuförsörjningen', 'kontakta-inköp'] as const;
export type OrderingMethod = (typeof ORDERING_METHODS)[number];

export const CONTRACT_TYPES = ['avtal', 'ramavtal', 'externt-ramavtal'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const MAX_VOCABULARY_VALUE = 80;

/** How to order, in the reader's language; a method the product does not know is shown as written. */
export function orderingLabel(value: string, locale: Locale): string {
  return (ORDERING_METHODS as readonly string[]).includes(value) ? t(locale, `contracts.ordering.${value}`) : value;
}

/** A contract fact's label in the reader's language, as the contract cards show it (the intake's contract check uses it too). */
export function contractFactLabel(fact: 'supplier' | 'suppliers' | 'howToOrder' | 'contact', locale: Locale): string {
  return t(locale, `contracts.${fact}`);
}

/** The contract type, in the reader's language; a type the product does not know is shown as written. */
export function contractTypeLabel(value: string, locale: Locale): string {
  return (CONTRACT_TYPES as readonly string[]).includes(value) ? t(locale, `contracts.contractType.${value}`) : value;
}
export const CONTRACT_STATUSES = ['upcoming', 'active', 'expiring', 'expired'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const STATUS_FILTERS = ['active', 'expiring', 'expired', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** A contract counts as "expiring" when its current end date is this close. */
export const EXPIRING_WITHIN_DAYS = 90;

export const supplierSchema = z.object({
  name: z.string().min(1).max(200),
  orgNr: z
    .string()
    .regex(/^\d{6}-\d{4}$/)
    .optional(),
  rank: z.number().int().min(1).max(99).optional(),
});
export type Supplier = z.infer<typeof supplierSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'not a real calendar date');

export const cpvCodeSchema = z.string().regex(/^\d{8}(-\d)?$/, 'CPV code must be 8 digits, optionally -check digit');

/** The fields of a contract, each checkable on its own (an import drops a bad optional cell and says so). */
export const contractFields = z.object({
  contractId: z
    .string()
    .min(2)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ / - only'),
  title: z.string().min(2).max(200),
  description: z.string().max(4000).default(''),
  // A category slug from the categories table (an import adds the organisation's own first).
  category: z.string().min(1).max(60),
  suppliers: z.array(supplierSchema).max(50).default([]),
  keywords: z.array(z.string().min(1).max(60)).max(40).default([]),
  cpvCodes: z.array(cpvCodeSchema).max(20).default([]),
  validFrom: isoDate,
  validTo: isoDate,
  maxExtensionTo: isoDate.nullable().default(null),
  regions: z.array(z.enum(REGIONS)).min(1),
  orderingMethod: z.string().trim().min(1).max(MAX_VOCABULARY_VALUE),
  contactName: z.string().max(120).nullable().default(null),
  contactEmail: z.string().email().max(200).nullable().default(null),
  url: z
    .string()
    .url()
    .max(500)
    .refine((u) => /^https?:\/\//i.test(u), 'url must start with http:// or https://')
    .nullable()
    .default(null),
  contractType: z.string().trim().min(1).max(MAX_VOCABULARY_VALUE),
});

export const contractSchema = contractFields.superRefine((c, ctx) => {
  if (c.validTo < c.validFrom) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['validTo'], message: 'valid_to is before valid_from' });
  }
  if (c.maxExtensionTo && c.maxExtensionTo < c.validTo) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['maxExtensionTo'], message: 'max_extension_to is before valid_to' });
  }
});
export type Contract = z.infer<typeof contractSchema>;

export interface ContractView extends Contract {
  status: ContractStatus;
  categoryName: { sv: string; en: string };
  /** The open case that renews the contract (the kernel's renewal_status, read with the contract). */
  renewalCase?: string;
  /** A renewal under way or a final end near, on staff's views (src/contracts/renewal.ts). */
  renewal?: RenewalStatus;
}


export function contractStatus(c: Pick<Contract, 'validFrom' | 'validTo'>, today: string): ContractStatus {
  if (c.validTo < today) return 'expired';
  if (c.validFrom > today) return 'upcoming';
  if (c.validTo <= addDays(today, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return 'active';
}
