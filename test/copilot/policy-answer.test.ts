import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { COPILOT_CARDS, copilotCard } from '../../scripts/copilot-package';
import { neutraliseLinks } from '../../src/cards/loader';
import { t } from '../../src/i18n';
import { policyAnswerResponseSchema } from '../../src/policy/answer';
import { isCalculatorQuestion } from '../../src/policy/calculator';
import { startTestApp, TestApp } from '../helpers/app';
import { messageActivity, send } from '../helpers/teams';
import { ENGLISH_QUESTIONS, SWEDISH_QUESTIONS } from '../policy/question-set';

/**
 * GET /api/policy/answer gives what the bot gives. The cases are the bot's own test set: every question of
 * test/policy/question-set.ts (quotes from the documents), and every amount question written in the
 * calculator's and the policy flow's tests (test/policy/*.test.ts). Each is asked in Teams ("Policyfråga …",
 * the bot's policy answer without a language model) and over REST; the card Copilot shows (our template's
 * static copy bound to the response's card data) must read exactly as the bot's card, line for line.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** The string literals of the bot's policy tests that the calculator answers. */
function calculatorCases(): string[] {
  const dir = path.join(__dirname, '..', 'policy');
  const literals = ['calculator.test.ts', 'calculator-buttons.test.ts', 'flow.test.ts'].flatMap((f) =>
    [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/'((?:[^'\\\n]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'")),
  );
  return [...new Set(literals.filter((s) => s.length >= 8 && s.length <= 300 && isCalculatorQuestion(s)))];
}

/** The lines a card shows: text blocks and facts, in order; buttons left out. */
function lines(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'ActionSet' || o.type?.toString().startsWith('Action.')) return;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    for (const [k, v] of Object.entries(o)) if (k !== 'actions') walk(v);
  };
  walk((card as { body?: unknown }).body);
  return out.filter((l) => l.trim() !== '');
}

const template = new ACData.Template(copilotCard(COPILOT_CARDS['card-policy-answer.json']));

async function compare(q: string, locale: 'sv' | 'en') {
  const prefix = locale === 'sv' ? 'Policyfråga' : 'Policy question';
  const replies = await send(app.baseUrl, messageActivity(`${prefix} ${q}`, { locale: locale === 'sv' ? 'sv-SE' : 'en-US' }));
  const botCard = replies[0]?.attachments?.[0]?.content;
  const res = await fetch(`${app.baseUrl}/api/policy/answer?q=${encodeURIComponent(q)}&lang=${locale}`, { headers: { 'Accept-Language': locale } });
  expect([q, res.status]).toEqual([q, 200]);
  const body = policyAnswerResponseSchema.parse(await res.json());
  const copilot = template.expand({ $root: body.card }) as object;
  neutraliseLinks(copilot);
  // The headings of the bot's kind buttons: Copilot's static card has no buttons to post back.
  const buttonHeadings = [t(locale, 'policy.calc.otherKindsIntro'), t(locale, 'policy.calc.askKindIntro')];
  return { body, bot: lines(botCard).filter((l) => !buttonHeadings.includes(l)), rest: lines(copilot).filter((l) => l !== body.card.hint) };
}

describe('the policy operation answers as the bot does', () => {
  const calc = calculatorCases();

  it('finds the calculator cases in the bot\'s tests', () => {
    expect(calc.length).toBeGreaterThanOrEqual(10);
  });

  it('every calculator case: the same card, and the calculation in the JSON', async () => {
    for (const q of calc) {
      const locale = /\b(may|can|we|buy|the|for sek)\b/i.test(q) && !/[åäö]/i.test(q) ? 'en' : 'sv';
      const { body, bot, rest } = await compare(q, locale);
      expect({ q, kind: body.kind }).toEqual({ q, kind: 'calculation' });
      expect({ q, lines: rest }).toEqual({ q, lines: bot });
      expect(bot.length).toBeGreaterThanOrEqual(5); // a question that asks which kind of purchase has the fewest lines
      expect(body.calculation?.amount).toBeGreaterThanOrEqual(0);
    }
    console.log(`policy answer over REST = the bot's card: ${calc.length} calculator cases`);
  });

  it.each([
    ['Swedish', SWEDISH_QUESTIONS, 'sv'],
    ['English', ENGLISH_QUESTIONS, 'en'],
  ] as const)('every %s question of the question set: the same quotes and sources', async (_name, set, locale) => {
    let quoted = 0;
    for (const { q } of set) {
      const { body, bot, rest } = await compare(q, locale);
      expect({ q, lines: rest }).toEqual({ q, lines: bot });
      expect(bot.length).toBeGreaterThanOrEqual(3);
      if (body.kind === 'quote') {
        quoted++;
        for (const p of body.passages) expect(bot).toContain(p.source);
      }
    }
    console.log(`policy answer over REST = the bot's card: ${set.length} ${_name} questions, ${quoted} answered with quotes`);
    expect(quoted / set.length).toBeGreaterThanOrEqual(0.8);
  });
});
