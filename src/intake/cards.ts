import { COORDINATION_REASONS } from '../core/coordination';
import { AdaptiveCardJson, CardAttachment, cardAttachment, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { ContractView, contractFactLabel, orderingLabel } from '../contracts/api';
import { Locale, t } from '../i18n';
import { formatDate, formatSek } from '../i18n/format';
import { Assessment } from '../rules/assess';
import { PURCHASE_KINDS } from '../rules/data';
import { CaseStatus, allowedNext, isTerminal } from './lifecycle';
import { NEED_FIELDS, NeedField, RECURRENCES, SPECIAL_REQUIREMENTS, SUSTAINABILITY_AREAS, TRIGGERS, YES_NO } from './model';
import { CaseEvent, CaseRecord } from './repository';
import { APPEAL_OUTCOMES, outcomeOfEventStatus, outcomeOfStatus } from './outcome';
import { CardProblem, outcomeFacts, outcomeForms } from './outcome-cards';
import { REGIONS } from '../core/vocabulary';
import { Category } from '../core/categories';

type Values = Partial<Record<NeedField, string>>;
type Kind = 'text' | 'date' | 'choice';

interface FieldSpec {
  kind: Kind;
  required: boolean;
  multiline?: boolean;
  maxLength?: number;
  multi?: boolean;
  expanded?: boolean;
  choices?: readonly string[];
  placeholder?: boolean;
}

const FIELD_SPECS: Record<NeedField, FieldSpec> = {
  title: { kind: 'text', required: true, maxLength: 120 },
  need: { kind: 'text', required: true, multiline: true, maxLength: 4000, placeholder: true },
  category: { kind: 'choice', required: true },
  purchaseKind: { kind: 'choice', required: true, choices: PURCHASE_KINDS, expanded: true },
  valuePerYear: { kind: 'text', required: true, maxLength: 20 },
  valueTotal: { kind: 'text', required: true, maxLength: 20 },
  recurrence: { kind: 'choice', required: true, choices: RECURRENCES, expanded: true },
  desiredStart: { kind: 'date', required: true },
  unit: { kind: 'text', required: true, maxLength: 120 },
  costCentre: { kind: 'text', required: true, maxLength: 40 },
  regions: { kind: 'choice', required: true, choices: REGIONS, multi: true, expanded: true },
  currentContract: { kind: 'text', required: false, maxLength: 200 },
  currentEnd: { kind: 'date', required: false },
  trigger: { kind: 'choice', required: true, choices: TRIGGERS },
  budgetDecided: { kind: 'choice', required: true, choices: YES_NO, expanded: true },
  referenceGroup: { kind: 'text', required: false, multiline: true, maxLength: 1000, placeholder: true },
  specialRequirements: { kind: 'choice', required: false, choices: SPECIAL_REQUIREMENTS, multi: true, expanded: true },
  sustainability: { kind: 'choice', required: false, choices: SUSTAINABILITY_AREAS },
  marketContacts: { kind: 'text', required: false, multiline: true, maxLength: 1000 },
  freeText: { kind: 'text', required: false, multiline: true, maxLength: 2000 },
};

function choiceTitle(locale: Locale, field: NeedField, value: string): string {
  if (field === 'regions') return `Region ${value}`;
  return t(locale, `intake.choices.${field}.${value}`);
}

/** The intake form; with values and errors it comes back after a failed submit, nothing typed lost. */
export function intakeFormCard(
  locale: Locale,
  formId: string,
  categories: readonly Category[],
  values: Values = {},
  errors: Partial<Record<NeedField, string>> = {},
): AdaptiveCardJson {
  const hasErrors = Object.keys(errors).length > 0;
  return renderCard('intake-form', {
    title: t(locale, 'intake.formTitle'),
    intro: t(locale, 'intake.formIntro'),
    errorSummary: hasErrors ? t(locale, 'intake.errors.summary') : '',
    verb: VERBS.intakeSubmit,
    submitLabel: t(locale, 'intake.submit'),
    formId,
    fields: NEED_FIELDS.map((id) => {
      const spec = FIELD_SPECS[id];
      return {
        id,
        kind: spec.kind,
        label: t(locale, `intake.fields.${id}`),
        required: spec.required,
        requiredText: t(locale, spec.kind === 'choice' ? 'intake.errors.choose' : 'intake.errors.required'),
        value: values[id] ?? '',
        placeholder: spec.placeholder ? t(locale, `intake.fields.${id}Placeholder`) : '',
        multiline: spec.multiline ?? false,
        maxLength: spec.maxLength ?? 200,
        multi: spec.multi ?? false,
        style: spec.expanded ? 'expanded' : 'compact',
        choices:
          id === 'category'
            ? categories.map((c) => ({ title: c.name[locale], value: c.slug }))
            : (spec.choices ?? []).map((v) => ({ title: choiceTitle(locale, id, v), value: v })),
        error: errors[id] ? t(locale, `intake.errors.${errors[id]}`) : '',
      };
    }),
  });
}

export function routeText(locale: Locale, a: Pick<Assessment, 'route' | 'leadTime'>): { route: string; leadTime: string } {
  const { minDays, maxDays } = a.leadTime;
  const leadTime =
    maxDays < 60
      ? t(locale, 'intake.leadTimeDays', { min: minDays, max: maxDays })
      : t(locale, 'intake.leadTimeRange', { min: Math.round(minDays / 30.4), max: Math.round(maxDays / 30.4) });
  return { route: t(locale, `intake.routes.${a.route}`), leadTime };
}

export function riskReason(locale: Locale, a: Assessment, desiredStart: string): string {
  return t(locale, `intake.riskReason.${a.risk}`, {
    desired: formatDate(locale, desiredStart),
    realistic: formatDate(locale, a.realisticStart),
    earliest: formatDate(locale, a.earliestStart),
    slack: a.slackDays,
  });
}

export function confirmationCard(locale: Locale, c: CaseRecord): AdaptiveCardJson {
  const a = c.assessment;
  const { route, leadTime } = routeText(locale, a);
  return renderCard('intake-confirmation', {
    title: t(locale, 'intake.confirmation.title', { caseNumber: c.caseNumber }),
    lead: '',
    facts: [
      { title: t(locale, 'intake.confirmation.route'), value: route },
      { title: t(locale, 'intake.confirmation.leadTime'), value: leadTime },
      { title: t(locale, 'intake.confirmation.desiredStart'), value: formatDate(locale, c.desiredStart) },
      { title: t(locale, 'intake.confirmation.realisticStart'), value: formatDate(locale, a.realisticStart) },
      { title: t(locale, 'intake.confirmation.slack'), value: t(locale, 'intake.confirmation.slackDays', { days: a.slackDays }) },
      { title: t(locale, 'intake.confirmation.risk'), value: t(locale, `intake.risk.${a.risk}`) },
    ],
    riskReason: riskReason(locale, a, c.desiredStart),
    documentation: a.documentationDuty ? t(locale, 'intake.confirmation.documentation', { limit: formatSek(locale, a.thresholds.documentationLimit.sek) }) : '',
    nextTitle: t(locale, 'intake.confirmation.next'),
    nextSteps: t(locale, 'intake.confirmation.nextSteps'),
    final: t(locale, 'intake.confirmation.final'),
  });
}

export function usedContractCard(locale: Locale, c: CaseRecord, contract: ContractView | null): AdaptiveCardJson {
  const contractId = c.contractCheck.contractId ?? '';
  return renderCard('intake-confirmation', {
    title: t(locale, 'intake.confirmation.usedTitle', { contractId }),
    lead: t(locale, 'intake.confirmation.usedText', {
      howToOrder: contract ? orderingLabel(contract.orderingMethod, locale) : orderingLabel('kontakta-inköp', locale),
      caseNumber: c.caseNumber,
    }),
    facts: contract ? [{ title: contractFactLabel('contact', locale), value: [contract.contactName, contract.contactEmail].filter(Boolean).join(', ') }] : [],
    riskReason: '',
    documentation: '',
    nextTitle: '',
    nextSteps: '',
    final: t(locale, 'intake.confirmation.final'),
  });
}

export function contractCheckCard(locale: Locale, contracts: ContractView[], draft: string): AdaptiveCardJson {
  return renderCard('intake-contract-check', {
    title: t(locale, 'intake.contractCheck.title'),
    intro: t(locale, 'intake.contractCheck.intro'),
    contracts: contracts.map((c) => ({
      contractId: c.contractId,
      title: `${c.title} (${c.contractId})`,
      supplierLine: `${contractFactLabel(c.suppliers.length > 1 ? 'suppliers' : 'supplier', locale)}: ${c.suppliers.map((s) => s.name).join(', ')}`,
      howToOrder: `${contractFactLabel('howToOrder', locale)}: ${orderingLabel(c.orderingMethod, locale)}`,
      renewalLine: !c.renewal
        ? ''
        : c.renewal.kind === 'under-way'
          ? t(locale, 'intake.contractCheck.renewalUnderWay', { caseNumber: c.renewal.caseNumber })
          : t(locale, 'intake.contractCheck.renewalEnding', { date: formatDate(locale, c.renewal.end) }),
    })),
    useVerb: VERBS.intakeUseContract,
    useLabel: t(locale, 'intake.contractCheck.use'),
    sendVerb: VERBS.intakeSendAnyway,
    sendAnywayLabel: t(locale, 'intake.contractCheck.sendAnyway'),
    sendAnywayHint: t(locale, 'intake.contractCheck.sendAnywayHint'),
    draft,
  });
}

function eventLine(locale: Locale, e: CaseEvent): string {
  const at = formatDate(locale, e.at.slice(0, 10));
  const status = (s: CaseStatus | null) => (s ? t(locale, `intake.status.${s}`) : '');
  const params = { at, from: status(e.fromStatus), to: status(e.toStatus), actor: e.actor.name, comment: e.comment ?? '' };
  if (e.kind === 'outcome') {
    const outcome = outcomeOfEventStatus(e.toStatus);
    return t(locale, e.comment ? 'intake.event.outcomeComment' : 'intake.event.outcome', { ...params, outcome: outcome ? t(locale, `intake.outcome.${outcome}`) : params.to });
  }
  if (e.kind === 'appeal') {
    const known = (APPEAL_OUTCOMES as readonly string[]).includes(e.comment ?? '');
    return t(locale, known ? 'intake.event.appeal' : 'intake.event.appealRemoved', { ...params, comment: known ? t(locale, `intake.appealOutcome.${e.comment}`) : '' });
  }
  if (e.kind === 'coordination') {
    // The reason's code only (the officer's note is not in the history).
    const reason = (COORDINATION_REASONS as readonly string[]).includes(e.comment ?? '') ? t(locale, `intake.coordination.reason.${e.comment}`) : '';
    const key = reason ? 'intake.event.coordinationReason' : e.comment === 'unmarked' ? 'intake.event.coordinationUnmarked' : 'intake.event.coordinationMarked';
    return t(locale, key, { ...params, comment: reason });
  }
  return t(locale, `intake.event.${e.kind}`, params);
}

/** The case as officers see it in their channel, with the actions they may take. */
export function caseCard(locale: Locale, c: CaseRecord, events: CaseEvent[], refreshUserIds: string[], problem?: CardProblem): AdaptiveCardJson {
  const a = c.assessment;
  const { route, leadTime } = routeText(locale, a);
  const lastAnswer = [...events].reverse().find((e) => e.kind === 'answer');
  const qaText = c.pendingQuestion
    ? `${t(locale, 'intake.case.question')}: ${c.pendingQuestion}`
    : lastAnswer
      ? `${t(locale, 'intake.case.answer')}: ${lastAnswer.comment ?? ''}`
      : '';
  const check =
    c.contractCheck.choice === 'sent-anyway'
      ? t(locale, 'intake.case.contractCheckSentAnyway', { contracts: c.contractCheck.matches.join(', ') })
      : t(locale, 'intake.case.contractCheckNone');
  const n = c.need;
  const facts = [
    { title: t(locale, 'intake.case.submitter'), value: c.submitter.name },
    { title: t(locale, 'intake.case.unit'), value: `${n.unit} (${n.costCentre})` },
    { title: t(locale, 'intake.case.category'), value: c.categoryName?.[locale] ?? c.category },
    { title: t(locale, 'intake.case.valueTotal'), value: formatSek(locale, c.valueTotal) },
    { title: t(locale, 'intake.case.valuePerYear'), value: formatSek(locale, c.valuePerYear) },
    { title: t(locale, 'intake.case.regions'), value: n.regions.join(', ') },
    { title: t(locale, 'intake.case.desiredStart'), value: formatDate(locale, c.desiredStart) },
    { title: t(locale, 'intake.case.route'), value: `${route}, ${leadTime}` },
    { title: t(locale, 'intake.case.realisticStart'), value: formatDate(locale, a.realisticStart) },
    { title: t(locale, 'intake.case.slack'), value: t(locale, 'intake.confirmation.slackDays', { days: c.slackDays }) },
    { title: t(locale, 'intake.case.trigger'), value: t(locale, `intake.choices.trigger.${n.trigger}`) },
    { title: t(locale, 'intake.case.budget'), value: t(locale, `intake.choices.budgetDecided.${n.budgetDecided}`) },
    { title: t(locale, 'intake.case.submitted'), value: formatDate(locale, c.submittedOn) },
    { title: t(locale, 'intake.case.assignee'), value: c.assignee?.name ?? t(locale, 'intake.case.unassigned') },
    { title: t(locale, 'intake.case.contractCheck'), value: check },
  ];
  if (n.specialRequirements.length > 0) {
    facts.push({ title: t(locale, 'intake.case.special'), value: n.specialRequirements.map((s) => t(locale, `intake.choices.specialRequirements.${s}`)).join(', ') });
  }
  if (n.referenceGroup) facts.push({ title: t(locale, 'intake.case.reference'), value: n.referenceGroup });
  facts.push(...outcomeFacts(locale, c));
  const terminal = isTerminal(c.status);
  return renderCard('case-card', {
    caseNumber: c.caseNumber,
    refreshVerb: VERBS.caseRefresh,
    refreshUserIds,
    heading: `${c.caseNumber} — ${c.title}`,
    statusLine: `${t(locale, 'intake.case.status')}: ${t(locale, `intake.status.${c.status}`)} · ${t(locale, `intake.risk.${c.risk}`)}`,
    riskColor: c.risk === 'for-sent' ? 'Attention' : c.risk === 'knappt' ? 'Warning' : 'Good',
    facts,
    needLabel: t(locale, 'intake.case.need'),
    need: n.need,
    qaLabel: c.pendingQuestion ? t(locale, 'intake.case.question') : t(locale, 'intake.case.answer'),
    qaText,
    historyLabel: t(locale, 'intake.case.history'),
    history: events.slice(-6).map((e) => eventLine(locale, e)),
    canTake: !terminal && !c.assignee,
    takeVerb: VERBS.caseAssign,
    takeLabel: t(locale, 'intake.case.take'),
    // End statuses are reached by recording the outcome (with its contract, start or cause).
    statusChoices: allowedNext(c.status, 'officer')
      .filter((s) => !outcomeOfStatus(s))
      .map((s) => ({ title: t(locale, `intake.status.${s}`), value: s })),
    changeStatusLabel: t(locale, 'intake.case.changeStatus'),
    newStatusLabel: t(locale, 'intake.case.newStatus'),
    requiredText: t(locale, 'intake.errors.required'),
    commentLabel: t(locale, 'intake.case.comment'),
    statusVerb: VERBS.caseSetStatus,
    saveLabel: t(locale, 'intake.case.save'),
    canAsk: !terminal,
    askLabel: t(locale, 'intake.case.ask'),
    questionLabel: t(locale, 'intake.case.questionLabel'),
    askVerb: VERBS.caseAsk,
    sendLabel: t(locale, 'intake.case.send'),
    ...outcomeForms(locale, c, problem),
  });
}

export function questionCard(locale: Locale, c: CaseRecord, question: string, officer: string): CardAttachment {
  return cardAttachment('case-question', {
    title: t(locale, 'intake.notice.questionTitle', { caseNumber: c.caseNumber }),
    from: t(locale, 'intake.notice.questionFrom', { officer }),
    question,
    answerLabel: t(locale, 'intake.notice.answerLabel'),
    requiredText: t(locale, 'intake.errors.required'),
    verb: VERBS.caseAnswer,
    sendLabel: t(locale, 'intake.notice.answerSend'),
    caseNumber: c.caseNumber,
  });
}

export function caseListCard(
  locale: Locale,
  cases: CaseRecord[],
  opts: { officerView: boolean; undelivered: string[]; viewerAadId: string },
): AdaptiveCardJson {
  return renderCard('case-list', {
    title: t(locale, opts.officerView ? 'intake.mine.officerTitle' : 'intake.mine.title'),
    empty: t(locale, 'intake.mine.empty'),
    undelivered: opts.undelivered.length > 0 ? t(locale, 'intake.mine.undelivered', { count: opts.undelivered.length }) : '',
    undeliveredItems: opts.undelivered,
    cases: cases.map((c) => ({
      caseNumber: c.caseNumber,
      heading: `${c.caseNumber} — ${c.title}`,
      line: [
        t(locale, `intake.status.${c.status}`),
        t(locale, `intake.risk.${c.risk}`),
        `${t(locale, 'intake.case.desiredStart')} ${formatDate(locale, c.desiredStart)}`,
        opts.officerView ? `${t(locale, 'intake.case.assignee')}: ${c.assignee?.name ?? t(locale, 'intake.case.unassigned')}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      canWithdraw: c.submitter.aadId === opts.viewerAadId.toLowerCase() && allowedNext(c.status, 'submitter').includes('atertagen'),
    })),
    withdrawLabel: t(locale, 'intake.mine.withdraw'),
    withdrawCommentLabel: t(locale, 'intake.mine.withdrawComment'),
    withdrawConfirmLabel: t(locale, 'intake.mine.withdrawConfirm'),
    withdrawVerb: VERBS.caseWithdraw,
  });
}
