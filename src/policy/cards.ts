import { randomUUID } from 'node:crypto';
import { CardAttachment, cardAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate, formatSek } from '../i18n/format';
import { routeText } from '../intake/api';
import { Assessment } from '../rules/assess';
import { DatedFigure, documentationDue, withinDirectLimit } from '../rules/data';
import { Calculation } from './calculator';
import { MAX_QUESTION_LENGTH } from './query';
import { publishedCitation, publishedLine } from './published-cards';
import { PublishedAnswer } from './published-repository';
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

/**
 * Passages quoted briefly with their source, in the language the question was asked in (a Swedish
 * question from a client set to English gets a Swedish card); a passage from a document that exists
 * only in the other language is quoted as written, with a note. Below the threshold, an honest
 * "no reliable answer".
 */
export function policyAnswerCard(locale: Locale, r: Retrieval): CardAttachment {
  return cardAttachment('policy-answer', policyAnswerCardData(locale, r));
}

/** The data src/policy/cards/policy-answer.json is bound with (the REST API sends it too, for Copilot's card). */
export function policyAnswerCardData(locale: Locale, r: Retrieval) {
  const lang: Locale = r.language ?? locale;
  const reliable = r.reliable && r.passages.length > 0;
  const other = (p: Retrieval['passages'][number]) => (p.language ?? 'sv') !== lang;
  // The heading names where the quotes come from: the documents, officers' published answers, or both.
  const published = r.passages.filter((p) => publishedCitation(lang, p) !== null).length;
  const answerTitle = published === 0 ? 'policy.answerTitle' : published === r.passages.length ? 'policy.answerTitlePublished' : 'policy.answerTitleMixed';
  return {
    title: t(lang, reliable ? answerTitle : 'policy.noAnswerTitle'),
    intro: t(lang, reliable ? 'policy.answerIntro' : 'policy.noAnswerText'),
    passages: reliable
      ? r.passages.map((p) => ({
          section: p.section,
          excerpt: p.excerpt,
          url: p.url,
          // An officer's published answer is cited "Svar från Inköp, {datum}".
          sourceLine:
            (publishedCitation(lang, p) ??
              t(lang, 'policy.sourceLine', {
                document: p.sourceDocument || p.docTitle,
                section: p.section,
                number: p.documentNumber ? t(lang, 'policy.number', { number: p.documentNumber }) : '',
                valid: /^\d{4}-\d{2}-\d{2}$/.test(p.validFrom) ? t(lang, 'policy.valid', { date: formatDate(lang, p.validFrom) }) : '',
              })) + (other(p) ? t(lang, `policy.inLanguage.${p.language ?? 'sv'}`) : ''),
        }))
      : [],
    openSourceLabel: t(lang, 'policy.openSource'),
    note: reliable && r.passages.some(other) ? t(lang, 'policy.originalLanguageNote') : '',
    check: t(lang, 'policy.check'),
    ...otherPaths(lang, r.question),
  };
}

const numberFormat = (locale: Locale, digits = 0) => new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits });
const plainNumber = (locale: Locale, n: number, digits = 0) => numberFormat(locale, digits).format(n).replace(/[\u00a0\u202f]/g, ' ');

/**
 * An amount as the card shows it. A figure that is EUR × a rate, not a published amount, is rounded to
 * two significant digits in millions ("ca 2,3 mnkr"): seven digits on an estimate is false precision.
 */
function figureAmount(locale: Locale, f: DatedFigure): string {
  if (!f.approximation) return formatSek(locale, f.sek);
  const millions = f.sek / 1_000_000;
  const digits = millions >= 10 ? 0 : 1;
  return t(locale, 'policy.calc.approxMillions', { amount: plainNumber(locale, Number(millions.toPrecision(2)), digits) });
}

function sourceLines(locale: Locale, figures: readonly DatedFigure[]): string[] {
  const lines = figures.flatMap((f) => {
    const source = `${f.source.act}, ${f.source.reference}`;
    const line = t(locale, f.verified || f.approximation ? 'policy.calc.source' : 'policy.calc.sourceUnverified', { source });
    const rate = f.approximation;
    const rateLine = rate ? t(locale, 'policy.calc.rateSource', { rate: plainNumber(locale, rate.sekPerEur, 4), basis: rate.basis, source: rate.source.reference }) : null;
    return rateLine ? [line, rateLine] : [line];
  });
  return [...new Set(lines)];
}

const kindName = (locale: Locale, kind: string) => t(locale, `policy.calc.kind.${kind}`);

/** "sociala och andra särskilda tjänster enligt LOU bilaga 2 – antaget utifrån frågan (HVB, LSS …)". */
function kindText(locale: Locale, c: Calculation): string {
  const kind = kindName(locale, c.kind.kind);
  if (c.kind.chosen) return t(locale, 'policy.calc.kindChosen', { kind });
  if (!c.kind.group) return t(locale, 'policy.calc.kindDefault', { kind });
  const group = t(locale, `policy.calc.group.${c.kind.group}`);
  const others = c.kind.alsoPossible ?? [];
  const text = others.length
    ? t(locale, 'policy.calc.kindAssumedSame', { kind, group, others: others.map((k) => kindName(locale, k)).join(t(locale, 'policy.calc.or')) })
    : t(locale, 'policy.calc.kindAssumed', { kind, group });
  return c.kind.unverified ? `${text}${t(locale, 'policy.calc.kindUnverified')}` : text;
}

function thresholdText(locale: Locale, f: DatedFigure): string {
  const eur = plainNumber(locale, f.eur ?? 0);
  if (f.approximation) return t(locale, 'policy.calc.thresholdApprox', { eur, amount: figureAmount(locale, f), rate: plainNumber(locale, f.approximation.sekPerEur, 4), basis: f.approximation.basis });
  return t(locale, 'policy.calc.thresholdValue', { eur, amount: formatSek(locale, f.sek), verify: f.verified ? '' : t(locale, 'policy.calc.verify') });
}

/** "2026–2027 (annonsering planerad 2026-05)": which period's thresholds applied, and why. */
function periodText(locale: Locale, a: Assessment): string {
  const { period, beyondKnownPeriods } = a.thresholds;
  const years = `${period.from.slice(0, 4)}–${period.to ? period.to.slice(0, 4) : ''}`;
  const month = a.plannedAdvertisement.slice(0, 7);
  if (beyondKnownPeriods) return t(locale, 'policy.calc.periodBeyond', { period: years, month });
  const advertised = a.route === 'advertised-below' || a.route === 'open-above' || a.route === 'complex';
  return t(locale, advertised ? 'policy.calc.periodAdvertised' : 'policy.calc.periodPurchase', { period: years, month });
}

/**
 * The documentation line speaks only of the amount asked about: above the direct limit the duty is moot
 * (the purchase is procured and documented as such); below it, the bound as the law words it that day
 * ("minst" since 2022-02-01, "överstiger" before).
 */
export function documentationText(locale: Locale, c: Calculation): string {
  const limit = c.assessment.thresholds.documentationLimit;
  if (!c.directAllowed) return t(locale, 'policy.calc.documentationMoot');
  const values = { amount: formatSek(locale, c.amount), limit: formatSek(locale, limit.sek) };
  const over = limit.bound === 'over';
  if (documentationDue(c.amount, limit)) return t(locale, over ? 'policy.calc.documentationYesOver' : 'policy.calc.documentationYes', values);
  return t(locale, over ? 'policy.calc.documentationNoOver' : 'policy.calc.documentationNo', values);
}

/** The route in words; a bilaga 2 service follows 19 kap. whatever its value, with EU advertising above the threshold. */
function calcRouteText(locale: Locale, c: Calculation): { route: string; leadTime: string } {
  const a = c.assessment;
  const r = routeText(locale, a);
  if (c.kind.kind !== 'social-services' || a.route === 'direct' || a.route === 'existing-contract' || a.route === 'call-off') return r;
  const above = !withinDirectLimit(c.amount, a.thresholds.euThreshold) || a.thresholds.directLimitIsEuThreshold;
  return { ...r, route: t(locale, above ? 'policy.calc.routeSocialAbove' : 'policy.calc.routeSocialBelow') };
}

function limitText(locale: Locale, c: Calculation): string {
  const th = c.assessment.thresholds;
  const date = formatDate(locale, th.directLimit.validFrom);
  if (th.directLimitIsEuThreshold) return t(locale, 'policy.calc.limitEuValue', { amount: figureAmount(locale, th.directLimit), kind: kindName(locale, c.kind.kind), date });
  return t(locale, th.directLimit.bound === 'hogst' ? 'policy.calc.limitValueAtMost' : 'policy.calc.limitValue', { amount: figureAmount(locale, th.directLimit), date });
}

function calculatorFacts(locale: Locale, c: Calculation) {
  const a = c.assessment;
  const th = a.thresholds;
  const { route, leadTime } = calcRouteText(locale, c);
  if (c.askKinds) {
    return [
      { title: t(locale, 'policy.calc.amount'), value: formatSek(locale, c.amount) },
      { title: t(locale, 'policy.calc.kindFact'), value: t(locale, 'policy.calc.kindOpen', { kinds: c.askKinds.map((k) => kindName(locale, k)).join(t(locale, 'policy.calc.or')) }) },
    ];
  }
  return [
    { title: t(locale, 'policy.calc.amount'), value: formatSek(locale, c.amount) },
    { title: t(locale, 'policy.calc.kindFact'), value: kindText(locale, c) },
    { title: t(locale, 'policy.calc.limit'), value: limitText(locale, c) },
    { title: t(locale, 'policy.calc.documentation'), value: documentationText(locale, c) },
    { title: t(locale, 'policy.calc.threshold', { kind: kindName(locale, c.kind.kind) }), value: thresholdText(locale, th.euThreshold) },
    { title: t(locale, 'policy.calc.period'), value: periodText(locale, a) },
    { title: t(locale, 'policy.calc.route'), value: route },
    { title: t(locale, 'policy.calc.leadTime'), value: leadTime },
  ];
}

function verdictKey(c: Calculation): string {
  if (c.askKinds) return 'policy.calc.askKind';
  if (!c.directAllowed) return 'policy.calc.no';
  return c.assessment.thresholds.directLimitIsEuThreshold ? 'policy.calc.yesSocial' : 'policy.calc.yes';
}

/**
 * The calculator's answer: the verdict, the kind of purchase it assumed (with buttons that calculate the
 * same amount as each other kind), the figures in force in the period that applied, and their sources.
 * Where the words point to kinds whose answers differ, it asks instead, with those kinds as buttons.
 */
export function calculatorCard(locale: Locale, c: Calculation, question: string): CardAttachment {
  return cardAttachment('policy-calculator', calculatorCardData(locale, c, question));
}

/** The data src/policy/cards/policy-calculator.json is bound with (the REST API sends it too, for Copilot's card). */
export function calculatorCardData(locale: Locale, c: Calculation, question: string) {
  const th = c.assessment.thresholds;
  // A button press carries the question back; without one, the card's title stands in for it.
  const q = (question.trim() || t(locale, 'policy.calc.title', { amount: formatSek(locale, c.amount) })).slice(0, MAX_QUESTION_LENGTH);
  return {
    title: t(locale, 'policy.calc.title', { amount: formatSek(locale, c.amount) }),
    verdict: t(locale, verdictKey(c)),
    verdictColor: c.askKinds ? 'Default' : c.directAllowed ? 'Good' : 'Attention',
    facts: calculatorFacts(locale, c),
    otherKindsIntro: t(locale, c.askKinds ? 'policy.calc.askKindIntro' : 'policy.calc.otherKindsIntro'),
    otherKinds: c.otherKinds.map((kind) => ({
      title: t(locale, 'policy.calc.kindButton', { kind: kindName(locale, kind) }),
      verb: VERBS.policyCalcKind,
      amount: String(c.amount),
      kind,
      q,
    })),
    addUp: t(locale, 'policy.calc.addUp'),
    final: t(locale, 'policy.calc.final'),
    sources: c.askKinds ? [] : sourceLines(locale, [th.directLimit, th.documentationLimit, th.euThreshold]),
    submitNeedLabel: t(locale, 'policy.calc.submitNeed'),
    submitNeedVerb: VERBS.menuIntake,
    needTitle: q.slice(0, 120),
    ...otherPaths(locale, q),
  };
}

/** The officers' card for a question: answer it while open; once answered, publish it to the knowledge base. */
export function ticketCard(locale: Locale, ticket: Ticket, published: PublishedAnswer | null = null): CardAttachment {
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
    requiredText: t(locale, 'errors.required'),
    kbLabel: t(locale, 'policy.ticket.kbLabel'),
    verb: VERBS.ticketAnswer,
    sendLabel: t(locale, 'policy.ticket.send'),
    ticketNumber: ticket.ticketNumber,
    publishedLine: published ? publishedLine(locale, published) : '',
    canPublish: ticket.status === 'answered' && !published,
    publish: {
      button: t(locale, 'policy.publish.button'),
      intro: t(locale, 'policy.publish.intro'),
      questionLabel: t(locale, 'policy.publish.questionLabel'),
      question: ticket.question,
      answerLabel: t(locale, 'policy.publish.answerLabel'),
      answer: ticket.answer ?? '',
      verb: VERBS.ticketPublish,
      send: t(locale, 'policy.publish.send'),
    },
  });
}
