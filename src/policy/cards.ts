import { randomUUID } from 'node:crypto';
import { CardAttachment, cardAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate, formatSek } from '../i18n/format';
import { routeText } from '../intake/api';
import { Calculation } from './calculator';
import { Retrieval } from './retrieval';
import { Ticket } from './repository';

const otherPaths = (locale: Locale, question: string) => ({
  question,
  askId: randomUUID(),
  askLabel: t(locale, 'policy.askPerson'),
  askVerb: VERBS.policyAsk,
  searchLabel: t(locale, 'policy.searchInstead'),
  searchVerb: VERBS.contractsSearch,
});

/** Passages quoted briefly with their source; or, below the threshold, an honest "no reliable answer". */
export function policyAnswerCard(locale: Locale, r: Retrieval): CardAttachment {
  const reliable = r.reliable && r.passages.length > 0;
  return cardAttachment('policy-answer', {
    title: t(locale, reliable ? 'policy.answerTitle' : 'policy.noAnswerTitle'),
    intro: t(locale, reliable ? 'policy.answerIntro' : 'policy.noAnswerText'),
    passages: reliable
      ? r.passages.map((p) => ({
          section: p.section,
          excerpt: p.excerpt,
          url: p.url,
          sourceLine: t(locale, 'policy.sourceLine', {
            document: p.sourceDocument || p.docTitle,
            section: p.section,
            number: p.documentNumber ? t(locale, 'policy.number', { number: p.documentNumber }) : '',
            valid: /^\d{4}-\d{2}-\d{2}$/.test(p.validFrom) ? t(locale, 'policy.valid', { date: formatDate(locale, p.validFrom) }) : '',
          }),
        }))
      : [],
    openSourceLabel: t(locale, 'policy.openSource'),
    note: reliable && locale === 'en' ? t(locale, 'policy.englishNote') : '',
    check: t(locale, 'policy.check'),
    ...otherPaths(locale, r.question),
  });
}

export function calculatorCard(locale: Locale, c: Calculation, question: string): CardAttachment {
  const a = c.assessment;
  const th = a.thresholds;
  const { route, leadTime } = routeText(locale, a);
  return cardAttachment('policy-calculator', {
    title: t(locale, 'policy.calc.title', { amount: formatSek(locale, c.amount) }),
    verdict: t(locale, c.directAllowed ? 'policy.calc.yes' : 'policy.calc.no'),
    verdictColor: c.directAllowed ? 'Good' : 'Attention',
    facts: [
      { title: t(locale, 'policy.calc.amount'), value: formatSek(locale, c.amount) },
      { title: t(locale, 'policy.calc.limit'), value: t(locale, 'policy.calc.limitValue', { amount: formatSek(locale, th.directLimit.sek), date: formatDate(locale, th.directLimit.validFrom) }) },
      {
        title: t(locale, 'policy.calc.documentation'),
        value: t(locale, a.documentationDuty || (c.directAllowed && c.amount >= th.documentationLimit.sek) ? 'policy.calc.documentationYes' : 'policy.calc.documentationNo', {
          amount: formatSek(locale, th.documentationLimit.sek),
        }),
      },
      {
        title: t(locale, 'policy.calc.threshold', { kind: t(locale, `policy.calc.kind.${c.kind.kind}`) }),
        value: t(locale, 'policy.calc.thresholdValue', {
          eur: new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(th.euThreshold.eur ?? 0).replace(/[\u00a0\u202f]/g, ' '),
          amount: formatSek(locale, th.euThreshold.sek),
          verify: th.euThreshold.verify ? t(locale, 'policy.calc.verify') : '',
        }),
      },
      { title: t(locale, 'policy.calc.route'), value: route },
      { title: t(locale, 'policy.calc.leadTime'), value: leadTime },
    ],
    addUp: t(locale, 'policy.calc.addUp'),
    final: t(locale, 'policy.calc.final'),
    sources: [...new Set([th.directLimit.source, th.documentationLimit.source, th.euThreshold.source])].map((source) => t(locale, 'policy.calc.source', { source })),
    submitNeedLabel: t(locale, 'policy.calc.submitNeed'),
    submitNeedVerb: VERBS.menuIntake,
    needTitle: question.slice(0, 120),
    ...otherPaths(locale, question),
  });
}

export function ticketCard(locale: Locale, ticket: Ticket): CardAttachment {
  return cardAttachment('ticket-card', {
    title: t(locale, 'policy.ticket.cardTitle', { ticketNumber: ticket.ticketNumber }),
    from: t(locale, 'policy.ticket.from', { name: ticket.asker.name }),
    question: ticket.question,
    statusLine: `${t(locale, 'policy.ticket.status')}: ${t(locale, ticket.status === 'open' ? 'policy.ticket.open' : 'policy.ticket.answered')}`,
    answer: ticket.answer ?? '',
    answeredBy: ticket.answeredBy ? t(locale, 'policy.ticket.answeredBy', { name: ticket.answeredBy.name }) : '',
    kbFlag: ticket.kbSuggestion ? t(locale, 'policy.ticket.kbFlag') : '',
    open: ticket.status === 'open',
    answerButton: t(locale, 'policy.ticket.answerButton'),
    answerLabel: t(locale, 'policy.ticket.answerLabel'),
    requiredText: t(locale, 'intake.errors.required'),
    kbLabel: t(locale, 'policy.ticket.kbLabel'),
    verb: VERBS.ticketAnswer,
    sendLabel: t(locale, 'policy.ticket.send'),
    ticketNumber: ticket.ticketNumber,
  });
}
