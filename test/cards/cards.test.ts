import fs from 'node:fs';
import path from 'node:path';
import { CARD_TEMPLATES, AdaptiveCardJson, renderCard } from '../../src/cards/loader';
import { VERBS } from '../../src/cards/verbs';
import { contractCardWithPreview, detailsCard, noHitsCard, resultsCard } from '../../src/contracts/cards';
import { ContractView, contractStatus } from '../../src/contracts/model';
import { helpCard, teamWelcomeCard, welcomeCard } from '../../src/bot/welcome';
import { LOCALES } from '../../src/i18n';
import { FIXTURE_CONTRACTS, FIXTURE_TODAY } from '../fixtures/contracts';
import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardSubmitActivity, invoke, send } from '../helpers/teams';
import {
  caseCard,
  caseListCard,
  confirmationCard,
  contractCheckCard,
  intakeFormCard,
  questionCard,
  usedContractCard,
} from '../../src/intake/cards';
import { buildIntakeReport, reportCard } from '../../src/intake/report';
import { calculatorCard, policyAnswerCard, ticketCard } from '../../src/policy/cards';
import { calculate } from '../../src/policy/calculator';
import { surveyCard, surveyStartCard, thanksCard } from '../../src/survey/cards';
import { nkiReportCard } from '../../src/survey/report';
import { assessNeed } from '../../src/rules/assess';
import { CaseRecord } from '../../src/intake/repository';
import { FORM, FORM_INPUT, OFFICER, SUBMITTER } from '../intake/fixtures';

// The UMD build works in Node; the package's ESM entry does not resolve there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Elements Teams renders that the adaptivecards SDK does not know; allowed only with a fallback. */
const TEAMS_ONLY = /^(Input\.Rating|Chart\.)/;

const views: ContractView[] = FIXTURE_CONTRACTS.map((c) => ({
  ...c,
  status: contractStatus(c, FIXTURE_TODAY),
  categoryName: { sv: 'Kategori', en: 'Category' },
}));

const assessment = assessNeed({ totalValueSek: FORM.valueTotal, purchaseKind: 'supplies-services', complex: true, submittedOn: '2026-11-21', desiredStart: FORM.desiredStart });
const sampleCase: CaseRecord = {
  id: 1,
  caseNumber: 'INK-2026-0042',
  status: 'under-bedomning',
  title: FORM.title,
  category: FORM.category,
  purchaseKind: FORM.purchaseKind,
  valueTotal: FORM.valueTotal,
  valuePerYear: FORM.valuePerYear,
  desiredStart: FORM.desiredStart,
  submittedOn: '2026-11-21',
  submittedAt: '2026-11-21T10:00:00.000Z',
  route: assessment.route,
  risk: assessment.risk,
  slackDays: assessment.slackDays,
  assessment,
  need: FORM,
  contractCheck: { matches: ['RS-2023-0127'], choice: 'sent-anyway' },
  submitter: SUBMITTER,
  assignee: OFFICER,
  channelActivityId: null,
  pendingQuestion: 'Hur många?',
  updatedAt: '2026-11-21T10:00:00.000Z',
};
const sampleEvents = [
  { at: '2026-11-21T10:00:00.000Z', kind: 'created' as const, actor: SUBMITTER, fromStatus: null, toStatus: 'inkommen' as const, comment: null },
  { at: '2026-11-22T10:00:00.000Z', kind: 'assigned' as const, actor: OFFICER, fromStatus: 'inkommen' as const, toStatus: 'under-bedomning' as const, comment: null },
];

function renderedCards(): { name: string; card: AdaptiveCardJson }[] {
  const out: { name: string; card: AdaptiveCardJson }[] = [];
  for (const locale of LOCALES) {
    const results = resultsCard(locale, { total: 12, items: views.slice(0, 5) }, { q: 'handskar', offset: 0, pageSize: 5 });
    const lastPage = resultsCard(locale, { total: 2, items: views.slice(0, 2) }, { q: 'handskar', region: 'Sörmland', offset: 0, pageSize: 5 });
    out.push({ name: `contract-results/${locale}`, card: results.content as AdaptiveCardJson });
    out.push({ name: `contract-results-last/${locale}`, card: lastPage.content as AdaptiveCardJson });
    for (const v of views) out.push({ name: `contract-details/${v.contractId}/${locale}`, card: detailsCard(locale, v).content as AdaptiveCardJson });
    out.push({ name: `contract-no-hits/${locale}`, card: noHitsCard(locale, 'xylofon', 'inkop@example.org').content as AdaptiveCardJson });
    out.push({ name: `contract-card/${locale}`, card: contractCardWithPreview(locale, views[0]).content as AdaptiveCardJson });
    out.push({ name: `welcome/${locale}`, card: welcomeCard(locale).content as AdaptiveCardJson });
    out.push({ name: `help/${locale}`, card: helpCard(locale).content as AdaptiveCardJson });
    out.push({ name: `team-welcome/${locale}`, card: teamWelcomeCard(locale).content as AdaptiveCardJson });
    out.push({ name: `intake-form/${locale}`, card: intakeFormCard(locale, '00000000-0000-4000-8000-000000000001') });
    out.push({
      name: `intake-form-errors/${locale}`,
      card: intakeFormCard(locale, '00000000-0000-4000-8000-000000000001', FORM_INPUT, { title: 'required', valueTotal: 'totalBelowYear' }),
    });
    out.push({ name: `intake-contract-check/${locale}`, card: contractCheckCard(locale, views.slice(0, 2), '{"x":1}') });
    out.push({ name: `intake-confirmation/${locale}`, card: confirmationCard(locale, sampleCase) });
    out.push({ name: `intake-used/${locale}`, card: usedContractCard(locale, { ...sampleCase, contractCheck: { matches: [], choice: 'use-contract', contractId: 'RS-1' } }, views[0]) });
    out.push({ name: `case-card/${locale}`, card: caseCard(locale, sampleCase, sampleEvents, [OFFICER.aadId]) });
    out.push({ name: `case-card-closed/${locale}`, card: caseCard(locale, { ...sampleCase, status: 'avslutad', pendingQuestion: null }, sampleEvents, []) });
    out.push({ name: `case-question/${locale}`, card: questionCard(locale, sampleCase, 'Hur många?', OFFICER.name).content as AdaptiveCardJson });
    out.push({ name: `case-list/${locale}`, card: caseListCard(locale, [sampleCase], { officerView: true, undelivered: ['x'], viewerAadId: SUBMITTER.aadId }) });
    out.push({ name: `case-list-empty/${locale}`, card: caseListCard(locale, [], { officerView: false, undelivered: [], viewerAadId: SUBMITTER.aadId }) });
    out.push({ name: `intake-report/${locale}`, card: reportCard(locale, 2026, buildIntakeReport([sampleCase])) });
    out.push({ name: `intake-report-empty/${locale}`, card: reportCard(locale, 2026, buildIntakeReport([])) });
    const passage = { docPath: 'knowledge/lou.md', docTitle: 'LOU', sourceDocument: 'Lag (2016:1145)', documentNumber: 'SFS 2016:1145', validFrom: '2017-01-01', url: 'https://example.org/lou', section: 'Direktupphandling', body: 'x', excerpt: 'Gränsen är 700 000 kr.', rank: 1, coverage: 1 };
    out.push({ name: `policy-answer/${locale}`, card: policyAnswerCard(locale, { question: 'Vad är gränsen?', passages: [passage, { ...passage, url: '' }], reliable: true }).content as AdaptiveCardJson });
    out.push({ name: `policy-no-answer/${locale}`, card: policyAnswerCard(locale, { question: 'Glass?', passages: [], reliable: false }).content as AdaptiveCardJson });
    const calc = calculate('Får jag köpa konsulttjänster för 400 000 kr?', '2026-11-21');
    if (calc) out.push({ name: `policy-calculator/${locale}`, card: calculatorCard(locale, calc, 'Får jag köpa konsulttjänster för 400 000 kr?').content as AdaptiveCardJson });
    out.push({ name: `survey/${locale}`, card: surveyCard(locale, { surveyId: 7, title: 'Blodtrycksmätare', closeAt: '2026-12-05T00:00:00Z' }) });
    out.push({ name: `survey-errors/${locale}`, card: surveyCard(locale, { surveyId: 7, title: 'X', closeAt: '2026-12-05', reminder: true, values: { overall: '8', needs: '0' }, errors: { ideal: true } }) });
    const given = { nki: { overall: 8, expectations: 7, ideal: 6 }, drivers: { needs: 9, timeline: null, communication: 5, referenceGroup: 7, result: 8, treatment: 9 }, comment: 'Bra!' };
    out.push({ name: `survey-start/${locale}`, card: surveyStartCard(locale) });
    out.push({ name: `survey-thanks/${locale}`, card: thanksCard(locale, 7, given, '2026-12-05', true) });
    out.push({ name: `survey-thanks-closed/${locale}`, card: thanksCard(locale, 7, { ...given, comment: null }, '2026-12-05', false) });
    out.push({ name: `nki-report/${locale}`, card: nkiReportCard(locale, '2026', { answers: [given, given, given].map((answers) => ({ answers, day: '2026-11-21' })), invited: 4 }, { minResponses: 3, satisfiedFrom: 8 }) });
    out.push({ name: `nki-report-too-few/${locale}`, card: nkiReportCard(locale, '2026', { answers: [{ answers: given, day: '2026-11-21' }], invited: 4 }, { minResponses: 3, satisfiedFrom: 8 }) });
    const ticket = { id: 1, ticketNumber: 'FR-2026-0001', status: 'open' as const, question: 'Vad gäller?', asker: SUBMITTER, answer: null, answeredBy: null, kbSuggestion: false, channelActivityId: null, createdAt: '2026-11-21' };
    out.push({ name: `ticket-open/${locale}`, card: ticketCard(locale, ticket).content as AdaptiveCardJson });
    out.push({ name: `ticket-answered/${locale}`, card: ticketCard(locale, { ...ticket, status: 'answered', answer: 'Så här.', answeredBy: OFFICER, kbSuggestion: true }).content as AdaptiveCardJson });
  }
  return out;
}

function verbsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => verbsIn(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.data && typeof o.data === 'object' && typeof (o.data as Record<string, unknown>).verb === 'string') {
      found.add((o.data as Record<string, string>).verb);
    }
    Object.values(o).forEach((v) => verbsIn(v, found));
  }
  return found;
}

describe('card templates', () => {
  it('has a template file for every name and no stray files', () => {
    const files = fs
      .readdirSync(path.join(__dirname, '..', '..', 'cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...CARD_TEMPLATES].sort());
  });

  it.each(renderedCards().map((c) => [c.name, c.card] as const))('%s is a valid Adaptive Card 1.5', (_name, card) => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/\$\{/); // every binding was filled
    const ctx = new AC.SerializationContext();
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i));
    const unknownTypes = events.map((e) => /Unknown (?:element|action) type "([^"]+)"/.exec(e.message)?.[1]).filter((x): x is string => Boolean(x));
    expect(unknownTypes.filter((type) => !TEAMS_ONLY.test(type))).toEqual([]);
    // Teams-only elements must carry a fallback for other hosts.
    const withoutFallback: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.type === 'string' && TEAMS_ONLY.test(o.type) && !o.fallback) withoutFallback.push(o.type);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    expect(withoutFallback).toEqual([]);
    const validation = parsed.validateProperties();
    // Teams' people picker (choices.data, dataset graph.microsoft.com/users) fills its choices as you type.
    const dynamicChoices = json.includes('"choices.data"');
    const problems = validation.validationEvents
      .map((e: { message: string }) => e.message)
      .filter((m: string) => !(dynamicChoices && /must have at least one choice/.test(m)));
    expect(problems).toEqual([]);
  });

  it('labels every input, says which are required, and puts errors in words next to the field', () => {
    const inputs = (node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] => {
      if (Array.isArray(node)) node.forEach((n) => inputs(n, found));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.push(o);
        Object.values(o).forEach((v) => inputs(v, found));
      }
      return found;
    };
    let checked = 0;
    for (const { name, card } of renderedCards()) {
      for (const input of inputs(card)) {
        checked++;
        // A visible label (read out by screen readers); a placeholder is not a label.
        expect([name, input.id, typeof input.label === 'string' && (input.label as string).trim().length > 0]).toEqual([name, input.id, true]);
        if (input.isRequired === true) {
          expect([name, input.id, typeof input.errorMessage === 'string' && (input.errorMessage as string).length > 0]).toEqual([name, input.id, true]);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    // A card rendered with errors shows them as text, not only as a red field.
    const withErrors = renderedCards().filter((c) => /errors/.test(c.name));
    expect(withErrors.length).toBeGreaterThan(0);
    for (const { name, card } of withErrors) {
      const attention = JSON.stringify(card).match(/"color":"Attention"[^}]*"text":"[^"]+"|"text":"[^"]+"[^}]*"color":"Attention"/g) ?? [];
      expect([name, attention.length > 0]).toEqual([name, true]);
    }
  });

  it('never shows a status by colour alone', () => {
    for (const { name, card } of renderedCards()) {
      const coloured = JSON.stringify(card).match(/\{[^{}]*"color":"(Good|Warning|Attention)"[^{}]*\}/g) ?? [];
      for (const block of coloured) {
        const text = /"text":"([^"]*)"/.exec(block)?.[1] ?? '';
        // Words, not just a coloured dot: at least one letter in the text.
        expect([name, /\p{L}{2,}/u.test(text)]).toEqual([name, true]);
      }
    }
  });

  it('uses only verbs from the verbs module', () => {
    const known = new Set<string>(Object.values(VERBS));
    for (const { name, card } of renderedCards()) {
      for (const verb of verbsIn(card)) expect([name, known.has(verb)]).toEqual([name, true]);
    }
  });

  it('renders templates without leaking placeholders when data is missing', () => {
    const card = renderCard('help', { title: 'x', intro: 'y', sections: [] });
    expect(JSON.stringify(card)).not.toMatch(/\$\{/);
  });
});

describe('card verbs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  // How each verb arrives: Action.Submit (a message with value) or Action.Execute (an invoke).
  const payloads: Record<string, { via: 'submit' | 'execute'; data: Record<string, unknown> }> = {
    [VERBS.contractsSearch]: { via: 'submit', data: { q: 'handskar' } },
    [VERBS.contractsMore]: { via: 'submit', data: { q: 'handskar', offset: '5', region: '' } },
    [VERBS.contractsDetails]: { via: 'submit', data: { id: 'does-not-exist' } },
    [VERBS.menuIntake]: { via: 'submit', data: {} },
    [VERBS.menuPolicy]: { via: 'submit', data: {} },
    [VERBS.menuHelp]: { via: 'submit', data: {} },
    [VERBS.intakeSubmit]: { via: 'execute', data: { formId: '00000000-0000-4000-8000-000000000009' } },
    [VERBS.intakeUseContract]: { via: 'execute', data: { contractId: 'RS-1', draft: '{}' } },
    [VERBS.intakeSendAnyway]: { via: 'execute', data: { draft: '{}' } },
    [VERBS.caseRefresh]: { via: 'execute', data: { caseNumber: 'INK-2026-9999' } },
    [VERBS.caseAssign]: { via: 'execute', data: { caseNumber: 'INK-2026-9999' } },
    [VERBS.caseSetStatus]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', status: 'planerad' } },
    [VERBS.caseAsk]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', question: 'Hur?' } },
    [VERBS.caseAnswer]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', answer: 'Så.' } },
    [VERBS.caseWithdraw]: { via: 'execute', data: { caseNumber: 'INK-2026-9999' } },
    [VERBS.policyAsk]: { via: 'submit', data: { question: 'Vad gäller för taxi?', askId: '00000000-0000-4000-8000-0000000000a1' } },
    [VERBS.policyQuestion]: { via: 'submit', data: { q: 'Vem ansvarar för avtalstroheten?' } },
    [VERBS.ticketAnswer]: { via: 'execute', data: { ticketNumber: 'FR-2026-9999', answer: 'Så här.' } },
    [VERBS.surveySubmit]: { via: 'execute', data: { surveyId: '999999', overall: '8' } },
    [VERBS.surveyEdit]: { via: 'execute', data: { surveyId: '999999' } },
    [VERBS.surveyStart]: { via: 'execute', data: { procurement: 'Kaffe', category: 'livsmedel', people: 'not-an-id' } },
  };

  it('covers every verb in this test', () => {
    expect(Object.keys(payloads).sort()).toEqual(Object.values(VERBS).sort());
  });

  it.each(Object.entries(payloads))('%s has a handler that answers', async (verb, { via, data }) => {
    if (via === 'submit') {
      const replies = await send(app.baseUrl, cardSubmitActivity({ verb, ...data }));
      expect(replies.length).toBeGreaterThan(0);
      const text = replies.map((r) => r.text ?? '').join(' ');
      expect(text).not.toMatch(/förstod inte/);
    } else {
      const res = await invoke(app.baseUrl, cardActionInvoke(verb, data));
      expect(res.statusCode).toBe(200);
      expect(res.value).toBeTruthy();
    }
  });
});
