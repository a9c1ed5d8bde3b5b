/**
 * Every verb a card can send, in one place. test/cards/cards.test.ts checks that each one has a handler.
 */
export const VERBS = {
  contractsSearch: 'contracts.search',
  contractsMore: 'contracts.more',
  contractsDetails: 'contracts.details',
  contractsImportApply: 'contracts.importApply',
  contractsImportCancel: 'contracts.importCancel',
  contractsCategoryMerge: 'contracts.categoryMerge',
  contractsCategoryRemove: 'contracts.categoryRemove',
  contractsCategoryCancel: 'contracts.categoryCancel',
  menuIntake: 'menu.intake',
  menuPolicy: 'menu.policy',
  menuHelp: 'menu.help',
  intakeSubmit: 'intake.submit',
  intakeUseContract: 'intake.useContract',
  intakeSendAnyway: 'intake.sendAnyway',
  caseRefresh: 'case.refresh',
  caseAssign: 'case.assign',
  caseSetStatus: 'case.setStatus',
  caseAsk: 'case.ask',
  caseAnswer: 'case.answer',
  caseWithdraw: 'case.withdraw',
  caseOutcome: 'case.outcome',
  caseContract: 'case.contract',
  caseAppeal: 'case.appeal',
  caseCoordination: 'case.coordination',
  policyAsk: 'policy.ask',
  policyQuestion: 'policy.question',
  policyCalcKind: 'policy.calcKind',
  ticketAnswer: 'ticket.answer',
  ticketPublish: 'ticket.publish',
  kbWithdraw: 'kb.withdraw',
  surveySubmit: 'survey.submit',
  surveyEdit: 'survey.edit',
  surveyStart: 'survey.start',
  planShow: 'plan.show',
  planStart: 'plan.start',
  planExtend: 'plan.extend',
  planDecline: 'plan.decline',
  planPublishForm: 'plan.publishForm',
  planPublish: 'plan.publish',
  planUnpublish: 'plan.unpublish',
  planCoordinate: 'plan.coordinate',
  planCoordinationForm: 'plan.coordinationForm',
  planCoordinationReason: 'plan.coordinationReason',
  spendImportApply: 'spend.importApply',
  spendImportCancel: 'spend.importCancel',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** The verbs of VERBS that start with one of these prefixes ("case." …), for a module's `verbs`. */
export function verbsStartingWith(...prefixes: string[]): Verb[] {
  return Object.values(VERBS).filter((v) => prefixes.some((p) => v.startsWith(p)));
}
