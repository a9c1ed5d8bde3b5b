import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { COORDINATION_NOTE_MAX, COORDINATION_REASONS } from '../core/coordination';
import { APPEALABLE, APPEAL_CAUSES, APPEAL_NOTE_MAX, APPEAL_OUTCOMES, CANCEL_CAUSES, daysLate, endedCoordinated, outcomesFrom } from './outcome';
import { CaseRecord } from './repository';

/** The dataset the case card's contract typeahead asks for (an application/search invoke). */
export const CONTRACT_DATASET = 'contracts';

/** What the officer typed in one of the outcome forms, kept when the input is refused. */
export type OutcomeFormValues = Partial<Record<'outcome' | 'contractPick' | 'contractTyped' | 'actualStart' | 'cause' | 'outcomeComment' | 'appealed' | 'appealOutcome' | 'appealCause' | 'appealCauseNote' | 'shouldCoordinate' | 'coordinationReason' | 'coordinationNote', string>>;

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
  if (c.appeal.appealed) {
    const outcome = t(locale, `intake.appealOutcome.${c.appeal.outcome ?? 'pagar'}`);
    const cause = c.appeal.cause ? t(locale, 'intake.case.appealCauseFact', { cause: t(locale, `intake.appealCause.${c.appeal.cause}`) }) : '';
    facts.push({ title: t(locale, 'intake.case.appeal'), value: cause ? `${outcome} · ${cause}` : outcome });
  }
  if (c.coordination.marked) {
    const m = c.coordination;
    const value = endedCoordinated(c)
      ? t(locale, 'intake.coordination.done')
      : m.reason
        ? t(locale, 'intake.coordination.notDone', { reason: t(locale, `intake.coordination.reason.${m.reason}`) })
        : t(locale, 'intake.coordination.marked');
    facts.push({ title: t(locale, 'intake.coordination.fact'), value });
  }
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
    appealCauseLabel: t(locale, 'intake.case.appealCauseLabel'),
    appealCauseChoices: choices(locale, 'intake.appealCause', APPEAL_CAUSES),
    appealCauseNoteLabel: t(locale, 'intake.case.appealCauseNoteLabel', { max: APPEAL_NOTE_MAX }),
    // "Ska samordnas": the toggle always; why it was not, unless it ended procured for both regions.
    coordinationLabel: t(locale, 'intake.coordination.action'),
    shouldCoordinateLabel: t(locale, 'intake.coordination.toggle'),
    canGiveReason: !endedCoordinated(c),
    coordinationReasonLabel: t(locale, 'intake.coordination.reasonLabel'),
    coordinationReasonChoices: choices(locale, 'intake.coordination.reason', COORDINATION_REASONS),
    coordinationNoteLabel: t(locale, 'intake.coordination.noteLabel', { max: COORDINATION_NOTE_MAX }),
    coordinationVerb: VERBS.caseCoordination,
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
      appealCause: v.appealCause ?? c.appeal.cause ?? '',
      appealCauseNote: v.appealCauseNote ?? c.appeal.causeNote ?? '',
      shouldCoordinate: v.shouldCoordinate ?? String(c.coordination.marked),
      coordinationReason: v.coordinationReason ?? c.coordination.reason ?? '',
      coordinationNote: v.coordinationNote ?? c.coordination.note ?? '',
    },
  };
}
