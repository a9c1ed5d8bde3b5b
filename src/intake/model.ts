import { z } from 'zod';
import { isRealDate } from '../core/dates';
import { PURCHASE_KINDS } from '../rules/data';
import { REGIONS } from '../core/vocabulary';

export const RECURRENCES = ['engang', 'aterkommande'] as const;
export const TRIGGERS = ['avtal-loper-ut', 'ny-verksamhet', 'lagkrav', 'investeringsbeslut', 'annat'] as const;
export const YES_NO = ['ja', 'nej'] as const;
export const SPECIAL_REQUIREMENTS = ['mdr', 'informationssakerhet', 'gdpr', 'kemikalier'] as const;
/**
 * Environment-priority procurement areas as the regions' supplier page "Miljökrav" lists them
 * (knowledge/miljokrav.md cites it), plus "none" and "another area" (the page says others occur).
 */
/**
 * The eight environment-priority procurement areas of the current version of the regions' supplier page
 * "Miljökrav" (restated with the page as source in knowledge/miljokrav.md). Cases stored with the older
 * 13-area list (avfall, bygg, energi, drivmedel, livsmedel, mobler, stad, resor, textil) keep their labels
 * in the locale files; the form offers only these.
 */
export const SUSTAINABILITY_AREAS = [
  'ingen',
  'fastigheter',
  'fordon',
  'it',
  'lakemedel',
  'medicinteknik',
  'transporter',
  'vardmaterial',
  'allmant-material',
  'annat',
] as const;

/** Labels of an earlier list that stored cases may carry: shown, never offered. */
export const FORMER_SUSTAINABILITY_AREAS = ['avfall', 'bygg', 'energi', 'drivmedel', 'livsmedel', 'mobler', 'stad', 'resor', 'textil'] as const;

/** Every field of the intake form, in the order the card shows them. */
export const NEED_FIELDS = [
  'title',
  'need',
  'category',
  'purchaseKind',
  'valuePerYear',
  'valueTotal',
  'recurrence',
  'desiredStart',
  'unit',
  'costCentre',
  'regions',
  'currentContract',
  'currentEnd',
  'trigger',
  'budgetDecided',
  'referenceGroup',
  'specialRequirements',
  'sustainability',
  'marketContacts',
  'freeText',
] as const;
export type NeedField = (typeof NEED_FIELDS)[number];

/** Amounts as people type them: "400 000", "400000", "1 250 000 kr", "2,5 mkr" is not accepted here (the calculator reads that). */
const amount = z.preprocess(
  (v) => (typeof v === 'string' ? Number(v.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '').replace(/,00$/, '')) : v),
  z
    .number({ invalid_type_error: 'number', required_error: 'number' })
    .int('whole')
    .min(0, 'negative')
    .max(100_000_000_000, 'tooLarge'),
);

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(isRealDate, 'date');

/** A ChoiceSet with isMultiSelect sends "a,b,c". */
const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v === undefined || v === null ? [] : v),
    z.array(z.enum(values)),
  );

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, 'tooLong').optional());

export const needFormSchema = z
  .object({
    title: z.string({ required_error: 'required' }).trim().min(3, 'tooShort').max(120, 'tooLong'),
    need: z.string({ required_error: 'required' }).trim().min(10, 'tooShort').max(4000, 'tooLong'),
    // A slug of the categories table; the form flow checks it against the table.
    category: z.string({ required_error: 'choose' }).trim().min(1, 'choose').max(60, 'choose'),
    purchaseKind: z.enum(PURCHASE_KINDS as unknown as [string, ...string[]], { errorMap: () => ({ message: 'choose' }) }),
    valuePerYear: amount,
    valueTotal: amount,
    recurrence: z.enum(RECURRENCES, { errorMap: () => ({ message: 'choose' }) }),
    desiredStart: day,
    unit: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(120, 'tooLong'),
    costCentre: z.string({ required_error: 'required' }).trim().min(1, 'required').max(40, 'tooLong'),
    regions: multi(REGIONS).pipe(z.array(z.enum(REGIONS)).min(1, 'choose')),
    currentContract: optionalText(200),
    currentEnd: z.preprocess((v) => (v === '' ? undefined : v), day.optional()),
    trigger: z.enum(TRIGGERS, { errorMap: () => ({ message: 'choose' }) }),
    budgetDecided: z.enum(YES_NO, { errorMap: () => ({ message: 'choose' }) }),
    referenceGroup: optionalText(1000),
    specialRequirements: multi(SPECIAL_REQUIREMENTS),
    sustainability: z.preprocess((v) => (v === '' || v === undefined ? 'ingen' : v), z.enum(SUSTAINABILITY_AREAS)),
    marketContacts: optionalText(1000),
    freeText: optionalText(2000),
  })
  .superRefine((n, ctx) => {
    if (n.valueTotal < n.valuePerYear) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['valueTotal'], message: 'totalBelowYear' });
  });

export type NeedForm = z.infer<typeof needFormSchema>;

/** A field name → message key (intake.errors.<key>) for every problem, first problem per field. */
export function fieldErrors(error: z.ZodError): Partial<Record<NeedField, string>> {
  const out: Partial<Record<NeedField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as NeedField;
    if (!NEED_FIELDS.includes(field) || out[field]) continue;
    const key = ['required', 'tooShort', 'tooLong', 'choose', 'number', 'whole', 'negative', 'tooLarge', 'date', 'totalBelowYear', 'past'].includes(issue.message)
      ? issue.message
      : issue.code === 'invalid_type'
        ? 'required'
        : 'invalid';
    out[field] = key;
  }
  return out;
}

/** Medical technology under MDR, or an IT system with information-security requirements: the long route. */
export function isComplex(n: Pick<NeedForm, 'category' | 'specialRequirements'>): boolean {
  return (n.category === 'medicinteknik' && n.specialRequirements.includes('mdr')) ||
    (n.category === 'it-telekom' && n.specialRequirements.includes('informationssakerhet'));
}
