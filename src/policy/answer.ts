import { z } from 'zod';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { PURCHASE_KINDS, PurchaseKind, ROUTES, Route } from '../rules/data';
import { calculate, Calculation, isCalculatorQuestion } from './calculator';
import { calculatorCardData, policyAnswerCardData } from './cards';
import { MAX_QUESTION_LENGTH } from './query';
import { retrieve, Retrieval } from './retrieval';

/**
 * The deterministic policy answer, as the bot gives it without a language model: the rule calculator when
 * the question asks about buying for an amount, else the sentences of the regions' documents that answer it,
 * with their sources. The same functions, in the same order, as src/policy/teams.ts; no model is ever called
 * (in Microsoft 365 Copilot, Copilot is the model).
 */
export type DeterministicAnswer = { kind: 'calculation'; question: string; calculation: Calculation } | { kind: 'quote'; question: string; retrieval: Retrieval };

export async function deterministicAnswer(db: Db, question: string, opts: { locale: Locale; today: string }): Promise<DeterministicAnswer> {
  if (isCalculatorQuestion(question)) {
    const c = calculate(question, opts.today);
    if (c) return { kind: 'calculation', question, calculation: c };
  }
  return { kind: 'quote', question, retrieval: await retrieve(db, question, 3, { locale: opts.locale }) };
}

const figure = z.object({
  sek: z.number().describe('SEK excluding VAT'),
  eur: z.number().optional(),
  validFrom: z.string(),
  approximate: z.boolean().describe('true: EUR × a stated rate, not a published SEK amount ("ca").'),
  source: z.string().describe('The act and where it is published.'),
});

const calculationSchema = z.object({
  amount: z.number().describe('The amount read from the question, SEK excluding VAT.'),
  purchaseKind: z.enum(PURCHASE_KINDS as [PurchaseKind, ...PurchaseKind[]]),
  purchaseKindAssumed: z.boolean().describe('true: the question named no kind of purchase; goods and services were assumed.'),
  directProcurementAllowed: z.boolean().describe('The amount is below the direct procurement limit.'),
  directLimit: figure,
  documentationLimit: figure,
  euThreshold: figure,
  period: z.object({ from: z.string(), to: z.string().nullable(), beyondKnownPeriods: z.boolean() }).describe('The threshold period that applies.'),
  plannedAdvertisement: z.string().describe('The day the procurement would go out; it decides the period.'),
  route: z.enum(ROUTES as [Route, ...Route[]]),
  leadTime: z.object({ minDays: z.number().int(), maxDays: z.number().int() }),
});

const passageSchema = z.object({
  section: z.string(),
  quote: z.string().describe('Sentences quoted from the document, as written.'),
  source: z.string().describe('Document, section, number and date: cite it.'),
  url: z.string(),
  language: z.enum(['sv', 'en']),
});

const cardText = z.string();
/** What the assistant's cards (src/policy/cards/policy-calculator.json, src/policy/cards/policy-answer.json) show; Copilot renders it with the package's static copy. */
export const policyCardSchema = z.object({
  kind: z.enum(['calculation', 'quote']),
  title: cardText,
  verdict: cardText.optional(),
  verdictColor: z.enum(['Good', 'Attention', 'Default']).optional(),
  facts: z.array(z.object({ title: cardText, value: cardText })).optional(),
  addUp: cardText.optional(),
  final: cardText.optional(),
  sources: z.array(cardText).optional(),
  intro: cardText.optional(),
  passages: z.array(z.object({ section: cardText, excerpt: cardText, url: cardText, sourceLine: cardText })).optional(),
  openSourceLabel: cardText.optional(),
  note: cardText.optional(),
  check: cardText.optional(),
  hint: cardText,
});

export const policyAnswerResponseSchema = z.object({
  question: z.string(),
  language: z.enum(['sv', 'en']).describe('The language of the answer: the question\'s own, else `lang`.'),
  kind: z.enum(['calculation', 'quote', 'none']).describe('calculation: the rule calculator answered; quote: the documents did; none: no reliable answer.'),
  calculation: calculationSchema.nullable(),
  passages: z.array(passageSchema),
  askOfficer: z.string().describe('Where to take the question further; always show it.'),
  card: policyCardSchema,
});
export type PolicyAnswerJson = z.infer<typeof policyAnswerResponseSchema>;

function figureJson(f: Calculation['assessment']['thresholds']['directLimit']) {
  return { sek: f.sek, ...(f.eur !== undefined ? { eur: f.eur } : {}), validFrom: f.validFrom, approximate: Boolean(f.approximation), source: `${f.source.act}, ${f.source.reference}` };
}

/** The answer as the REST API sends it: the facts, the card's data, and the "ask an officer" hint. */
export function answerJson(a: DeterministicAnswer, locale: Locale, inkopEmail: string): PolicyAnswerJson {
  if (a.kind === 'calculation') {
    const c = a.calculation;
    const th = c.assessment.thresholds;
    const hint = t(locale, 'api.copilot.askOfficer', { email: inkopEmail });
    return {
      question: a.question,
      language: locale,
      kind: 'calculation',
      calculation: {
        amount: c.amount,
        purchaseKind: c.kind.kind,
        purchaseKindAssumed: !c.kind.chosen && c.kind.group === null,
        directProcurementAllowed: c.directAllowed,
        directLimit: figureJson(th.directLimit),
        documentationLimit: figureJson(th.documentationLimit),
        euThreshold: figureJson(th.euThreshold),
        period: { from: th.period.from, to: th.period.to ?? null, beyondKnownPeriods: th.beyondKnownPeriods },
        plannedAdvertisement: c.assessment.plannedAdvertisement,
        route: c.assessment.route,
        leadTime: c.assessment.leadTime,
      },
      passages: [],
      askOfficer: hint,
      card: policyCardSchema.parse({ ...calculatorCardData(locale, c, a.question), kind: 'calculation', hint }),
    };
  }
  const r = a.retrieval;
  const lang: Locale = r.language ?? locale;
  const data = policyAnswerCardData(lang, r);
  const hint = t(lang, 'api.copilot.askOfficer', { email: inkopEmail });
  return {
    question: a.question,
    language: lang,
    kind: data.passages.length > 0 ? 'quote' : 'none',
    calculation: null,
    passages: data.passages.map((p, i) => ({ section: p.section, quote: p.excerpt, source: p.sourceLine, url: p.url, language: r.passages[i].language ?? 'sv' })),
    askOfficer: hint,
    card: policyCardSchema.parse({ ...data, kind: 'quote', hint }),
  };
}

export const policyAnswerQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(MAX_QUESTION_LENGTH),
    lang: z.enum(['sv', 'en']).optional(),
  })
  .strict();
