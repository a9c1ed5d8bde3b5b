import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { APPEALABLE, APPEAL_OUTCOMES, CANCEL_CAUSES, daysLate, outcomesFrom } from './outcome';
import { CaseRecord } from './repository';

/** The dataset the case card's contract typeahead asks for (an application/search invoke). */
export const CONTRACT_DATASET = 'contracts';

/** What the officer typed in one of the outcome forms, kept when the input is refused. */
export type OutcomeFormValues = Partial<Record<'outcome' | 'contractPick' | 'contractTyped' | 'actualStart' | 'cause' | 'outcomeComment' | 'appealed' | 'appealOutcome', string>>;

/** A refusal to show on the card, with what was typed. */
export interface CardProblem {
  message: string;
  values: OutcomeFormValues;
}

const choices = (locale: Locale, prefix: string, values: readonly string[]) => values.map((v) => ({ title: t(locale, `${prefix}.${v}`), value: v }));

/** The outcome lines of the case's facts: how it ended, the contract, its actual start, the cause, an appeal. */
export function outcomeFacts(locale: Locale, c: CaseRecord): { title: string; value: string }[] {
  const facts: { title: string; value: string }[] = [];
  if (c.outcome) facts.push({ title: t(locale, 'intake.case.outcome'), value: t(locale, `intake.outcome.${c.outcome}`) });
  if (c.cancelCause) facts.push({ title: t(locale, 'intake.case.cause'), value: t(locale, `intake.cancelCause.${c.cancelCause}`) });
  if (c.outcome === 'upphandlad' || c.contractId) {
    facts.push({ title: t(locale, 'intake.case.contract'), value: c.contractId ?? t(locale, 'intake.case.notYet') });
  }
  if (c.outcome === 'upphandlad') {
    const days = daysLate(c);
    const start = c.actualStart
      ? t(locale, days > 0 ? 'intake.case.actualStartLater' : days < 0 ? 'intake.case.actualStartEarlier' : 'intake.case.actualStartSame', {
          date: formatDate(locale, c.actualStart),
          days: Math.abs(days),
        })
      : t(locale, 'intake.case.notYet');
    facts.push({ title: t(locale, 'intake.case.actualStart'), value: start });
  }
  if (c.appeal.appealed) facts.push({ title: t(locale, 'intake.case.appeal'), value: t(locale, `intake.appealOutcome.${c.appeal.outcome ?? 'pagar'}`) });
  return facts;
}

/** The template fields of the outcome, contract and appeal forms on the officers' case card. */
export function outcomeForms(locale: Locale, c: CaseRecord, problem?: CardProblem) {
  const v = problem?.values ?? {};
  const outcomeChoices = c.outcome ? [] : choices(locale, 'intake.outcome', outcomesFrom(c.status));
  return {
    problem: problem?.message ?? '',
    outcomeChoices,
    outcomeLabel: t(locale, 'intake.case.recordOutcome'),
    outcomeFieldLabel: t(locale, 'intake.case.outcome'),
    outcomeVerb: VERBS.caseOutcome,
    contractDataset: CONTRACT_DATASET,
    contractPickLabel: t(locale, 'intake.case.contractPick'),
    contractTypedLabel: t(locale, 'intake.case.contractTyped'),
    actualStartLabel: t(locale, 'intake.case.actualStartLabel'),
    causeLabel: t(locale, 'intake.case.causeLabel'),
    causeChoices: choices(locale, 'intake.cancelCause', CANCEL_CAUSES),
    canSetContract: c.outcome === 'upphandlad',
    contractLabel: t(locale, 'intake.case.setContract'),
    contractVerb: VERBS.caseContract,
    canAppeal: APPEALABLE.includes(c.status) && c.wentToProcurement,
    appealLabel: t(locale, 'intake.case.appealLabel'),
    appealedLabel: t(locale, 'intake.case.appealed'),
    appealOutcomeLabel: t(locale, 'intake.case.appealOutcomeLabel'),
    appealChoices: choices(locale, 'intake.appealOutcome', APPEAL_OUTCOMES),
    appealVerb: VERBS.caseAppeal,
    values: {
      outcome: v.outcome ?? '',
      contractPick: v.contractPick ?? '',
      // Empty unless typed: a typed id wins over the picker, so a stored one here would hide a new pick.
      contractTyped: v.contractTyped ?? '',
      actualStart: v.actualStart ?? c.actualStart ?? '',
      cause: v.cause ?? '',
      outcomeComment: v.outcomeComment ?? '',
      appealed: v.appealed ?? String(c.appeal.appealed),
      appealOutcome: v.appealOutcome ?? c.appeal.outcome ?? '',
    },
  };
}
