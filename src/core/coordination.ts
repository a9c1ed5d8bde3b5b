/**
 * "Ska samordnas" (business plan, internal control 1, second half): an officer marks a plan item or a case
 * as one that should be procured for both regions together and, when it was not, records why. The
 * reasons are a short list plus an officer's free text. Plain data and checks, shared by intake (cases),
 * plan (contracts in the plan) and control (the report).
 */
import { z } from 'zod';
import { REGIONS } from './vocabulary';

/** Why a procurement that should have been coordinated was not. */
export const COORDINATION_REASONS = ['avtalsperioder', 'en-regions-behov', 'tidplan', 'leverantorsmarknad', 'annat'] as const;
export type CoordinationReason = (typeof COORDINATION_REASONS)[number];

/** The longest note an officer may write beside a reason, and how much of it a report shows. */
export const COORDINATION_NOTE_MAX = 300;
export const REPORT_NOTE_MAX = 120;

/** A mark as stored: whether it should be coordinated and, when it was not, why (the day the reason was recorded). */
export interface CoordinationMark {
  marked: boolean;
  reason: CoordinationReason | null;
  note: string | null;
  /** When the reason was recorded (ISO timestamp), or null. */
  reasonAt: string | null;
}

export const NO_MARK: CoordinationMark = { marked: false, reason: null, note: null, reasonAt: null };

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * What an officer sends: the toggle, and optionally a reason with a note. A note needs a reason; a reason
 * needs the mark (unmarking forgets the reason).
 */
export const coordinationInputSchema = z
  .object({
    marked: z.preprocess((v) => v === true || v === 'true', z.boolean()),
    reason: z.preprocess(blankToUndefined, z.enum(COORDINATION_REASONS, { errorMap: () => ({ message: 'choose' }) }).optional()),
    note: z.preprocess(blankToUndefined, z.string().trim().max(COORDINATION_NOTE_MAX, 'noteTooLong').optional()),
  })
  .superRefine((v, ctx) => {
    if (v.note !== undefined && v.reason === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: 'reasonRequired' });
    if (v.reason !== undefined && !v.marked) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['marked'], message: 'notMarked' });
  });
export type CoordinationInput = z.infer<typeof coordinationInputSchema>;

/** The messages the check may give, under <namespace>.coordination.errors.<key>. */
export const COORDINATION_ERRORS = ['choose', 'noteTooLong', 'reasonRequired', 'notMarked'] as const;

/** The first message of a failed check, one of COORDINATION_ERRORS ('choose' for anything else). */
export function coordinationError(error: z.ZodError): (typeof COORDINATION_ERRORS)[number] {
  const m = error.issues[0]?.message;
  return (COORDINATION_ERRORS as readonly string[]).includes(m) ? (m as (typeof COORDINATION_ERRORS)[number]) : 'choose';
}

/** The mark after an input: unmarking clears the reason; marking without a reason keeps a reason recorded before. */
export function applyCoordination(before: CoordinationMark, input: CoordinationInput, now: string): CoordinationMark {
  if (!input.marked) return NO_MARK;
  if (input.reason === undefined) return { ...before, marked: true };
  return { marked: true, reason: input.reason, note: input.note ?? null, reasonAt: now };
}

/** A procurement is coordinated when it was procured for both regions. */
export const coversBothRegions = (regions: readonly string[]): boolean => REGIONS.every((r) => regions.includes(r));

/** An officer's note as a report shows it: one line, at most REPORT_NOTE_MAX characters. */
export function reportNote(note: string | null): string {
  if (!note) return '';
  const line = note.replace(/\s+/g, ' ').trim();
  return line.length > REPORT_NOTE_MAX ? `${line.slice(0, REPORT_NOTE_MAX - 1).trimEnd()}…` : line;
}
