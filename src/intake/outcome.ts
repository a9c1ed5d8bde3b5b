/**
 * How a case ended, as the officer records it: plain data and checks. The outcome sets the case's
 * final status; "appealed" (överprövad) is a flag with its own outcome, not an end state.
 */
import { z } from 'zod';
import { addDays, isRealDate } from '../core/dates';
import { daysBetween } from '../rules/assess';
import { coversBothRegions } from '../core/coordination';
import { CaseStatus } from './lifecycle';

export const CASE_OUTCOMES = ['upphandlad', 'befintligt-avtal', 'avbojd', 'atertagen', 'avbruten'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Why a procurement was cancelled (avbruten). */
export const CANCEL_CAUSES = ['inga-anbud', 'inga-godtagbara-anbud', 'over-budget', 'behov-andrat', 'fel-i-underlaget', 'overprovning', 'annat'] as const;
export type CancelCause = (typeof CANCEL_CAUSES)[number];

/** What came of an application for review (överprövning). */
export const APPEAL_OUTCOMES = ['pagar', 'avslogs', 'rattelse', 'gors-om', 'aterkallad'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/**
 * What the appeal was about (internal control 5 asks for the causes behind appeals, to act on shortcomings in
 * ways of working): qualification or exclusion, the evaluation, the tender documents or requirements, the award
 * decision or its reasons, a direct award challenged as unlawful, something else (with a note).
 */
export const APPEAL_CAUSES = ['kvalificering', 'utvardering', 'underlag', 'tilldelning', 'direktupphandling', 'annat'] as const;
export type AppealCause = (typeof APPEAL_CAUSES)[number];
/** The longest note beside an appeal's cause. */
export const APPEAL_NOTE_MAX = 300;

/** The status each outcome gives the case, and the statuses it may be recorded from. */
export const OUTCOME_RULES: Record<CaseOutcome, { status: CaseStatus; from: readonly CaseStatus[] }> = {
  upphandlad: { status: 'avtal-tecknat', from: ['upphandling-pagar'] },
  'befintligt-avtal': { status: 'avslutad', from: ['inkommen', 'under-bedomning', 'planerad'] },
  // Once a procurement is under way it ends procured or cancelled (a need withdrawn then is a cancellation).
  avbojd: { status: 'avbojd', from: ['inkommen', 'under-bedomning', 'planerad'] },
  atertagen: { status: 'atertagen', from: ['inkommen', 'under-bedomning', 'planerad'] },
  avbruten: { status: 'avbruten', from: ['upphandling-pagar'] },
};

/** The outcomes an officer may record on a case in this status. */
export function outcomesFrom(status: CaseStatus): CaseOutcome[] {
  return CASE_OUTCOMES.filter((o) => OUTCOME_RULES[o].from.includes(status));
}

/**
 * The outcome a plain status change implies: moving a case to "avtal tecknat" means it was procured; a case
 * declined or withdrawn after its procurement started was a cancelled procurement (its cause: the need changed).
 */
export function outcomeOfStatus(status: CaseStatus, procurementStarted = false): CaseOutcome | null {
  if (status === 'avtal-tecknat') return 'upphandlad';
  if ((status === 'avbojd' || status === 'atertagen') && procurementStarted) return 'avbruten';
  if (status === 'avbojd' || status === 'atertagen' || status === 'avbruten') return status;
  return null;
}

/** The outcome an outcome event's new status stands for (for the history line). */
export function outcomeOfEventStatus(status: CaseStatus | null): CaseOutcome | null {
  if (status === 'avslutad') return 'befintligt-avtal';
  return status ? outcomeOfStatus(status) : null;
}

/** Statuses at which an appeal can be noted: once a procurement has been under way. */
export const APPEALABLE: readonly CaseStatus[] = ['upphandling-pagar', 'avtal-tecknat', 'avslutad', 'avbruten'];

/** A contract id as the catalogue spells them (the same characters an import accepts). */
export const contractIdSchema = z
  .string()
  .trim()
  .min(2, 'contractId')
  .max(40, 'contractId')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'contractId');

const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, 'tooLong').optional());
const optionalDay = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'date').refine(isRealDate, 'date').optional(),
);
const optionalContractId = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), contractIdSchema.optional());

/** The outcome form on the case card (and the command that adds the contract later). */
export const outcomeInputSchema = z
  .object({
    outcome: z.enum(CASE_OUTCOMES, { errorMap: () => ({ message: 'choose' }) }),
    contractId: optionalContractId,
    actualStart: optionalDay,
    cause: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CANCEL_CAUSES, { errorMap: () => ({ message: 'choose' }) }).optional()),
    comment: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'avbruten' && !v.cause) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cause'], message: 'causeRequired' });
  });
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

export const contractDetailsSchema = z
  .object({ contractId: optionalContractId, actualStart: optionalDay })
  .refine((v) => v.contractId !== undefined || v.actualStart !== undefined, { message: 'nothing', path: ['contractId'] });
export type ContractDetails = z.infer<typeof contractDetailsSchema>;

export const appealInputSchema = z
  .object({
    appealed: z.preprocess((v) => v === true || v === 'true', z.boolean()),
    appealOutcome: z.preprocess((v) => (v === '' ? undefined : v), z.enum(APPEAL_OUTCOMES, { errorMap: () => ({ message: 'choose' }) }).optional()),
    appealCause: z.preprocess((v) => (v === '' ? undefined : v), z.enum(APPEAL_CAUSES, { errorMap: () => ({ message: 'choose' }) }).optional()),
    appealCauseNote: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(APPEAL_NOTE_MAX, 'noteTooLong').optional()),
  })
  .superRefine((v, ctx) => {
    // A note says more about a cause: it needs one (and "annat" is the cause for anything the list lacks).
    if (v.appealCauseNote !== undefined && v.appealCause === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['appealCause'], message: 'appealCauseRequired' });
  });
export type AppealInput = z.infer<typeof appealInputSchema>;

/** How far an actual start may lie from the submission and from today before it is taken for a typo. */
export const ACTUAL_START_MAX_DAYS_BEFORE_SUBMISSION = 365;
export const ACTUAL_START_MAX_DAYS_AHEAD = 3 * 365;

/** Why an actual start is not believable, or null: a year before the need was sent, or more than three years ahead. */
export function actualStartProblem(actualStart: string, submittedOn: string, today: string): 'tooEarly' | 'tooLate' | null {
  if (actualStart < addDays(submittedOn, -ACTUAL_START_MAX_DAYS_BEFORE_SUBMISSION)) return 'tooEarly';
  if (actualStart > addDays(today, ACTUAL_START_MAX_DAYS_AHEAD)) return 'tooLate';
  return null;
}

/** Days between the desired and the actual start (positive: later than desired). */
export function daysLate(c: { desiredStart: string; actualStart: string | null }): number {
  return c.actualStart ? daysBetween(c.desiredStart, c.actualStart) : 0;
}


/** The case ended as a coordinated procurement: procured, for both regions. */
export const endedCoordinated = (c: { outcome: string | null; need?: { regions?: readonly string[] } | null }): boolean =>
  c.outcome === 'upphandlad' && coversBothRegions(c.need?.regions ?? []);
