import { Category } from '../../src/core/categories';
import { controlReportCard } from '../../src/control/cards';
import { CSV_COLUMNS, controlCsv } from '../../src/control/csv';
import { ControlInput, FigureRow, buildControlReport } from '../../src/control/report';
import { csvValue, formatValue } from '../../src/control/text';
import { cardText } from '../helpers/teams';
import { controlCase } from './fixtures';

const categories: Category[] = [
  { slug: 'tjanster', name: { sv: 'Tjänster', en: 'Services' }, aliases: [], sortOrder: 1 },
  { slug: 'it-telekom', name: { sv: 'IT och telekom', en: 'IT and telecom' }, aliases: [], sortOrder: 2 },
];
const opts = { categories, minResponses: 3 };

const c = controlCase;

/** A small sample: 2026 with both halves of resource planning, 2025 with a little. */
const input: ControlInput = {
  cases: [
    c({ desiredStart: '2026-02-01', risk: 'for-sent', outcome: 'upphandlad', outcomeAt: '2026-03-01T09:00:00Z', actualStart: '2026-03-11' }),
    c({ category: 'it-telekom', desiredStart: '2026-10-28', outcome: 'upphandlad', outcomeAt: '2026-09-01T09:00:00Z', actualStart: '2026-10-20', appeal: { appealed: true, outcome: 'avslogs' } }),
    c({ outcome: 'avbruten', outcomeAt: '2026-05-01T09:00:00Z', cancelCause: 'inga-anbud' }),
    c({ contractCheck: { choice: 'use-contract' }, outcome: 'befintligt-avtal', wentToProcurement: false }),
    c({ contractCheck: { choice: 'sent-anyway' }, wentToProcurement: false }),
    c({ submittedOn: '2025-03-01', desiredStart: '2025-09-01', outcome: 'upphandlad', outcomeAt: '2025-08-01T09:00:00Z', actualStart: '2025-10-01' }),
  ],
  coordinated: [
    { contractId: 'RS-2026-0001', title: 'Handskar', validFrom: '2026-02-01', removedAt: null, contractType: 'ramavtal' },
    { contractId: 'RS-2025-0009', title: 'Tolk', validFrom: '2025-04-01', removedAt: null, contractType: 'ramavtal' },
  ],
  coordinatedTarget: 30,
  nki: (year) => (year === 2026 ? { nki: 72.5, responses: 4 } : { nki: null, responses: 1 }),
};

const row = (rows: FigureRow[], figure: string, more: Partial<FigureRow> = {}) =>
  rows.find((r) => r.figure === figure && r.category === more.category && r.detail === more.detail);

describe('the yearly report', () => {
  const report = buildControlReport(input, 2026);

  it('puts every figure of the year beside the year before, with the target for coordinated procurements', () => {
    const { rows } = report;
    expect(row(rows, 'leadCount')).toMatchObject({ control: 'resourcePlanning', value: 3, previous: 1 });
    expect(row(rows, 'leadMedian')).toMatchObject({ value: 151, previous: 184 });
    expect(row(rows, 'leadTooLate')).toMatchObject({ value: 1 / 3, previous: 0 });
    expect(row(rows, 'startCount')).toMatchObject({ value: 2, previous: 1 });
    expect(row(rows, 'startMedianDiff')).toMatchObject({ value: 15, previous: 30 }); // +38 and −8
    expect(row(rows, 'startLate')).toMatchObject({ value: 0.5, previous: 1 });
    expect(row(rows, 'coordinatedCount')).toMatchObject({ control: 'coordinated', value: 1, previous: 1, target: 30 });
    expect(row(rows, 'concluded')).toMatchObject({ value: 3, previous: 1 });
    expect(row(rows, 'appealedShare')).toMatchObject({ value: 1 / 3, previous: 0 });
    expect(row(rows, 'cancelledShare')).toMatchObject({ value: 1 / 3, previous: 0 });
    expect(row(rows, 'appealOutcome', { detail: 'avslogs' })).toMatchObject({ value: 1, previous: 0 });
    expect(row(rows, 'cancelCause', { detail: 'inga-anbud' })).toMatchObject({ value: 1, previous: 0 });
    expect(row(rows, 'metByContract')).toMatchObject({ control: 'contractCheck', value: 1, previous: 0 });
    expect(row(rows, 'sentAnyway')).toMatchObject({ value: 1, previous: 0 });
    expect(row(rows, 'nki')).toMatchObject({ value: 72.5, previous: null });
    expect(rows.filter((r) => r.target !== null).map((r) => r.figure)).toEqual(['coordinatedCount']);
  });

  it('adds per-category rows for the categories of either year (a category absent one year counts 0 there)', () => {
    expect(row(report.rows, 'leadMedian', { category: 'it-telekom' })).toMatchObject({ value: 300, previous: null });
    expect(row(report.rows, 'leadCount', { category: 'it-telekom' })).toMatchObject({ value: 1, previous: 0 });
    expect(row(report.rows, 'startMedianDiff', { category: 'tjanster' })).toMatchObject({ value: 38, previous: 30 });
  });

  it('shows an empty year as zeros and blanks, never a division by zero', () => {
    const empty = buildControlReport({ ...input, cases: [], coordinated: [], nki: () => ({ nki: null, responses: 0 }) }, 2030);
    for (const r of empty.rows) expect([0, null]).toContain(r.value);
    expect(empty.rows.some((r) => r.category !== undefined || r.detail !== undefined)).toBe(false);
    expect(row(empty.rows, 'leadMedian')!.value).toBeNull();
    expect(row(empty.rows, 'coordinatedCount')).toMatchObject({ value: 0, target: 30 });
  });

  it('is one CSV row per figure: control, figure, value, target, previous year, definition (BOM, CRLF, semicolons)', () => {
    const csv = controlCsv('sv', report, opts);
    expect(csv.startsWith('\ufeffcontrol;figure;value;target;previous_year;definition\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(report.rows.length + 1);
    expect(CSV_COLUMNS).toHaveLength(6);
    expect(lines).toContain(
      'Samordnade upphandlingar;Samordnade upphandlingar;1;30;1;"Inköps egna upphandlingar för både Region Sörmland och Region Västmanland: avtal i avtalsdatabasen som omfattar båda regionerna och vars giltighet börjar under året, även avtal som senare tagits bort ur katalogen (markerade i listan). Externa ramavtal (Adda, Kammarkollegiet, Varuförsörjningen) räknas inte; det avgörs av avtalstypen, inte av beställningsvägen. Flera delområden (anbudsområden) i samma upphandling räknas en gång, utifrån diarienumret. Målvärde enligt verksamhetsplanen: 30 per år."',
    );
    // Issue 24: the intake check under its own name, compliance left to the ledger, andel nöjda beside the index, and what is not measured here.
    expect(lines.some((l) => l.startsWith('Avtalskontrollen när behov anmäls (inte avtalstrohetskontrollen);'))).toBe(true);
    // No ledger in the input: each region's compliance says so in words, never a zero.
    expect(lines.find((l) => l.startsWith('Avtalstrohet och LOU'))).toMatch(
      /^Avtalstrohet och LOU: köp från avtalade leverantörer;Leverantörstrohet – Sörmland;ingen leverantörsreskontra inläst för 2026;;ingen leverantörsreskontra inläst för 2025;/,
    );
    expect(lines.some((l) => l.includes(';Andel nöjda kunder;'))).toBe(true);
    for (const name of ['Personalomsättning bland strategiska inköpare', 'Realiserade besparingar', 'Leverantörers skatte- och kreditstatus'])
      expect(lines.some((l) => l.startsWith(`Kontroller i verksamhetsplanen som inte mäts här;${name};`))).toBe(true);
    expect(lines.find((l) => l.includes('Andel insända för sent (%);'))).toMatch(/^Resursplanering;Andel insända för sent \(%\);33;;0;/);
    expect(lines.find((l) => l.startsWith('Resursplanering;Median dagar från insänt behov till önskad avtalsstart – IT och telekom;'))).toMatch(/;300;;;.*Här för kategorin IT och telekom\."$/);
    expect(lines.find((l) => l.startsWith('Nöjd kund-index (NKI);NKI (0–100);'))).toMatch(/;72\.5;;;.*minst 3 svar/);
    const en = controlCsv('en', report, opts);
    expect(en).toContain('Appealed and cancelled procurements;Cancelled: no tenders;1;;0;Procurements cancelled during the year with this cause.');
  });

  it('formats values for people and for the CSV', () => {
    expect(formatValue('sv', 'share', 1 / 3)).toBe('33\u00a0%');
    expect(formatValue('sv', 'days', 75.5)).toBe('75,5');
    expect(formatValue('en', 'count', 1234)).toBe('1,234');
    expect(formatValue('sv', 'days', null)).toBe('–');
    expect([csvValue('share', 0.5), csvValue('days', -2.26), csvValue('index', 72.46), csvValue('count', null)]).toEqual([50, -2.3, 72.5, '']);
    // A negative difference is a number in the file, not text a spreadsheet would show as '-8.
    const it = controlCsv('sv', report, opts).split('\r\n').find((l) => l.startsWith('Resursplanering;Median dagar verklig mot önskad avtalsstart – IT och telekom;'));
    expect(it).toMatch(/;-8;;/);
  });

  it('gives officers a card with the figures, the year before, the target, the definitions and the list', () => {
    const text = cardText(controlReportCard('sv', report, opts));
    expect(text).toContain('Internkontroll 2026');
    expect(text).toContain('1 (2025: 1; mål 30)');
    expect(text).toContain('RS-2026-0001 Handskar (från 1 feb. 2026)');
    expect(text).toContain('ej publicerat (för få svar: 1, minst 3 krävs)');
    expect(text).toContain('Visa definitioner');
    expect(cardText(controlReportCard('en', report, opts))).toContain('Internal control 2026');
  });
});
