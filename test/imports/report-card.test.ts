import { AdaptiveCardJson } from '../../src/cards/loader';
import { VERBS } from '../../src/cards/verbs';
import { importClosedCard } from '../../src/contracts/import-cards';
import { LOCALES } from '../../src/i18n';
import { budgetedReportCard, fileFacts, reportCard, section, warningsSection } from '../../src/imports/report-card';
import { spendClosedCard, spendPreviewCard, spendResultCard } from '../../src/spend/cards';
import { SpendImportReport } from '../../src/spend/service';
import { cardText } from '../helpers/teams';

/**
 * The one dry-run report card every file import in Teams answers with (contract exports, supplier ledgers):
 * its lists are cut to fit Teams' 28 KB, its buttons are there only when the file can be applied, and a
 * ledger's preview has the contract export's shape: file facts first, the same sections, buttons and closed cards.
 */

const LIMIT = 28 * 1024;
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card));
const ACTIONS = { applyVerb: 'test.apply', cancelVerb: 'test.cancel' };

/** The card's buttons (Action.Execute), in order: title and verb. */
function buttons(card: unknown): { title: string; verb: string }[] {
  const found: { title: string; verb: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') found.push({ title: String(o.title), verb: String(o.verb) });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

const ledger = (over: Partial<SpendImportReport> = {}): SpendImportReport => ({
  dryRun: true,
  fileName: 'reskontra.csv',
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ';',
  rows: 3,
  added: 2,
  already: 1,
  masked: 0,
  maskedAtImport: 0,
  firstDay: '2025-01-02',
  lastDay: '2025-01-31',
  regions: ['Sörmland'],
  warnings: [],
  ...over,
});

describe('the shared dry-run report card', () => {
  it('stays under 28 KB with thousands of long rejected rows and warnings, and counts what it leaves out', () => {
    const long = (n: number) => 'å'.repeat(n);
    const rejected = Array.from({ length: 5000 }, (_, i) => ({ line: i + 2, why: long(500) }));
    const warnings = Array.from({ length: 3000 }, () => long(400));
    for (const locale of LOCALES) {
      const card = budgetedReportCard(locale, ACTIONS, (limit) => ({
        title: 'Provkörning',
        status: long(200),
        facts: fileFacts(locale, { name: `${long(2000)}.csv`, format: 'csv', encoding: 'utf-8', delimiter: ';', rows: 5002 }),
        sections: [...warningsSection(locale, warnings, limit), ...section(locale, (n) => `Avvisade rader (${n})`, rejected, (r) => `Rad ${r.line}: ${r.why}`, limit)],
        token: 'x'.repeat(64),
        buttons: { apply: true, cancel: true },
      }));
      expect(size(card)).toBeLessThan(LIMIT);
      const text = cardText(card);
      // Every section says how many there are and how many it did not list.
      expect(text).toMatch(locale === 'sv' ? /Att känna till \(3000\)/ : /Worth knowing \(3000\)/);
      expect(text).toContain('Avvisade rader (5000)');
      const more = [...text.matchAll(locale === 'sv' ? /… och (\d+) till\./g : /… and (\d+) more\./g)].map((m) => Number(m[1]));
      expect(more).toHaveLength(2);
      const listedRows = (text.match(/^Rad \d+:/gm) ?? []).length;
      expect(more).toContain(5000 - listedRows);
      // A line and the file name are cut (a cell can hold any length of text).
      expect(text).not.toContain(long(301));
      expect(buttons(card).map((b) => b.verb)).toEqual(['test.apply', 'test.cancel']);
    }
  });

  it('lists everything when it fits, and leaves out an empty section', () => {
    const card = budgetedReportCard('sv', ACTIONS, (limit) => ({ title: 'T', status: 'S', sections: [...warningsSection('sv', ['En varning.'], limit), ...section('sv', (n) => `Tomt (${n})`, [], String, limit)] }));
    const text = cardText(card);
    expect(text).toContain('Att känna till (1)\nEn varning.');
    expect(text).not.toMatch(/Tomt|… och/);
  });

  it('shows a button only when asked: apply when something can be applied, and no buttons on a result', () => {
    expect(buttons(reportCard('sv', ACTIONS, { title: 'T', status: 'S', token: 'x'.repeat(32), buttons: { apply: true, cancel: true } })).map((b) => b.title)).toEqual(['Importera', 'Avbryt']);
    expect(buttons(reportCard('en', ACTIONS, { title: 'T', status: 'S', token: 'x'.repeat(32), buttons: { cancel: true } })).map((b) => b.title)).toEqual(['Cancel']);
    expect(buttons(reportCard('sv', ACTIONS, { title: 'T', status: 'S' }))).toEqual([]);
  });

  it('names the file\'s format the same way for every import', () => {
    const facts = (f: Parameters<typeof fileFacts>[1]) => fileFacts('sv', f).map((x) => `${x.title}: ${x.value}`);
    expect(facts({ name: 'a.csv', format: 'csv', encoding: 'windows-1252', delimiter: '\t', rows: 4 })).toEqual(['Fil: a.csv', 'Format: CSV (windows-1252, avgränsare TAB)', 'Rader i filen: 4']);
    expect(facts({ name: 'b.xlsx', format: 'xlsx', encoding: null, delimiter: null, sheet: 'Blad1', rows: 9 })[1]).toBe('Format: Excel (.xlsx), fliken "Blad1"');
    expect(facts({ name: 'c.xlsx', format: 'xlsx', encoding: null, delimiter: null, rows: 9 })[1]).toBe('Format: Excel (.xlsx)');
  });
});

describe('a supplier ledger\'s preview is the contract export\'s card', () => {
  const factTitles = (card: AdaptiveCardJson) => JSON.stringify(card).match(/"title":"[^"]*","value"/g)?.map((m) => m.slice(9, -9)) ?? [];

  it('starts with the same file facts, lists the warnings the same way and offers Importera and Avbryt with the spend verbs', () => {
    const card = spendPreviewCard('sv', 'x'.repeat(32), 'reskontra.csv', ledger({ warnings: ['Kolumner som inte används: grund'] }));
    expect(factTitles(card).slice(0, 3)).toEqual(['Fil', 'Format', 'Rader i filen']);
    expect(cardText(card)).toContain('Att känna till (1)\nKolumner som inte används: grund');
    expect(buttons(card)).toEqual([
      { title: 'Importera', verb: VERBS.spendImportApply },
      { title: 'Avbryt', verb: VERBS.spendImportCancel },
    ]);
  });

  it('offers only Avbryt when the file adds nothing, and no buttons on the result', () => {
    expect(buttons(spendPreviewCard('en', 'x'.repeat(32), 'r.csv', ledger({ added: 0, already: 3 }))).map((b) => b.title)).toEqual(['Cancel']);
    expect(buttons(spendResultCard('sv', 'r.csv', ledger({ dryRun: false })))).toEqual([]);
  });

  it('ends in the same cancelled and gone cards as a contract file', () => {
    for (const locale of LOCALES) {
      for (const why of ['cancelled', 'gone'] as const) {
        expect(cardText(spendClosedCard(locale, 'fil.csv', why))).toBe(cardText(importClosedCard(locale, 'fil.csv', why)));
      }
    }
    expect(cardText(spendClosedCard('sv', 'fil.csv', 'cancelled'))).toMatch(/Importen avbröts[\s\S]*fil\.csv importerades inte/);
  });
});
