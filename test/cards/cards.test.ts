import fs from 'node:fs';
import path from 'node:path';
import { CARD_TEMPLATES, cardFolders, cardTemplateFiles, renderCard } from '../../src/cards/loader';
import { VERBS } from '../../src/cards/verbs';
import { MODULES } from '../../src/modules';
import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardSubmitActivity, invoke, send } from '../helpers/teams';
import { renderedCards } from './samples';

// The UMD build works in Node; the package's ESM entry does not resolve there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Elements Teams renders that the adaptivecards SDK does not know; allowed only with a fallback. */
const TEAMS_ONLY = /^(Input\.Rating|Chart\.)/;


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
  it('finds every template file in cards/ and src/<capability>/cards/, each name once', () => {
    const files = cardFolders()
      .filter((dir) => fs.existsSync(dir))
      .flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')))
      .sort();
    expect([...CARD_TEMPLATES].sort()).toEqual(files);
    expect(new Set(files).size).toBe(files.length);
    expect(path.relative(path.join(__dirname, '..', '..'), cardTemplateFiles().get('welcome') ?? '')).toBe(path.join('cards', 'welcome.json'));
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

  it('uses only verbs the modules declare', () => {
    const known = new Set<string>(MODULES.flatMap((m) => m.verbs ?? []));
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
    [VERBS.contractsImportApply]: { via: 'execute', data: { token: 'x'.repeat(32), mode: 'update' } },
    [VERBS.contractsImportCancel]: { via: 'execute', data: { token: 'x'.repeat(32) } },
    [VERBS.contractsCategoryMerge]: { via: 'execute', data: { from: 'tjanster', into: 'livsmedel', contracts: 0, current: 0 } },
    [VERBS.contractsCategoryRemove]: { via: 'execute', data: { slug: 'does-not-exist', contracts: 0 } },
    [VERBS.contractsCategoryCancel]: { via: 'execute', data: {} },
    [VERBS.spendImportApply]: { via: 'execute', data: { token: 'x'.repeat(32) } },
    [VERBS.spendImportCancel]: { via: 'execute', data: { token: 'x'.repeat(32) } },
    [VERBS.policyCalcKind]: { via: 'submit', data: { amount: '400000', kind: 'works', q: 'Får jag köpa för 400 000 kr?' } },
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
    [VERBS.caseOutcome]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', outcome: 'upphandlad' } },
    [VERBS.caseContract]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', actualStart: '2027-01-01' } },
    [VERBS.caseAppeal]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', appealed: 'true' } },
    [VERBS.caseCoordination]: { via: 'execute', data: { caseNumber: 'INK-2026-9999', shouldCoordinate: 'true' } },
    [VERBS.policyAsk]: { via: 'submit', data: { question: 'Vad gäller för taxi?', askId: '00000000-0000-4000-8000-0000000000a1' } },
    [VERBS.policyQuestion]: { via: 'submit', data: { q: 'Vem ansvarar för avtalstroheten?' } },
    [VERBS.ticketAnswer]: { via: 'execute', data: { ticketNumber: 'FR-2026-9999', answer: 'Så här.' } },
    [VERBS.ticketPublish]: { via: 'execute', data: { ticketNumber: 'FR-2026-9999', question: 'Vad gäller?', answer: 'Så här.' } },
    [VERBS.kbWithdraw]: { via: 'execute', data: { entryNumber: 'KB-999' } },
    [VERBS.surveySubmit]: { via: 'execute', data: { surveyId: '999999', overall: '8' } },
    [VERBS.surveyEdit]: { via: 'execute', data: { surveyId: '999999' } },
    [VERBS.surveyStart]: { via: 'execute', data: { procurement: 'Kaffe', category: 'livsmedel', people: 'not-an-id' } },
    [VERBS.planShow]: { via: 'execute', data: { offset: '0' } },
    [VERBS.planStart]: { via: 'execute', data: { contractId: 'RS-0000-0000' } },
    [VERBS.planExtend]: { via: 'execute', data: { contractId: 'RS-0000-0000', n: '0', newEnd0: '2027-12-31' } },
    [VERBS.planDecline]: { via: 'execute', data: { contractId: 'RS-0000-0000', n: '0', reason0: 'Behövs inte' } },
    [VERBS.planPublishForm]: { via: 'execute', data: { item: 'contract:rs-0000-0000', offset: '0' } },
    [VERBS.planPublish]: { via: 'execute', data: { item: 'contract:rs-0000-0000', offset: '0', publicTitle: 'Kaffe', quarter: '2027-K2' } },
    [VERBS.planUnpublish]: { via: 'execute', data: { item: 'contract:rs-0000-0000', offset: '0' } },
    [VERBS.planCoordinate]: { via: 'execute', data: { item: 'contract:rs-0000-0000', offset: '0', marked: 'true' } },
    [VERBS.planCoordinationForm]: { via: 'execute', data: { item: 'contract:rs-0000-0000', offset: '0' } },
    [VERBS.planCoordinationReason]: { via: 'execute', data: { item: 'contract:rs-0000-0000', offset: '0', coordinationReason: 'tidplan' } },
  };

  it('covers every verb the modules declare, and every verb is declared by one module', () => {
    const declared = MODULES.flatMap((m) => m.verbs ?? []);
    expect(Object.keys(payloads).sort()).toEqual([...declared].sort());
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual(Object.values(VERBS).sort());
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
