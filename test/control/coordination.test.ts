import { controlReportCard } from '../../src/control/cards';
import { controlCsv } from '../../src/control/csv';
import { notCoordinatedOfYear } from '../../src/control/figures';
import { controlPage } from '../../src/control/html';
import { ControlInput, buildControlReport } from '../../src/control/report';
import { cardText } from '../helpers/teams';
import { controlCase as c } from './fixtures';

/**
 * Internal control 1, second half, and control 5's causes (issue 24): the report lists what should have been
 * coordinated and was not, with the officers' reasons (notes cut short), and counts appeal causes beside outcomes.
 */
const BOTH = ['Sörmland', 'Västmanland'];
const mark = (reason: string | null, reasonAt: string | null, note: string | null = null) => ({ marked: true, reason: reason as never, note, reasonAt });
const input: ControlInput = {
  cases: [
    // Marked, ended procured for one region only, no reason: listed as "no reason given", by the day it ended.
    c({ caseNumber: 'INK-2026-0001', title: 'Tolktjänster', need: { regions: ['Sörmland'] }, coordination: mark(null, null), outcome: 'upphandlad', outcomeAt: '2026-04-01T08:00:00Z' }),
    // Marked with a reason and a long note, still open: listed by the reason's day, the note cut to 120 characters.
    c({ caseNumber: 'INK-2026-0002', title: 'Städ', need: { regions: ['Västmanland'] }, coordination: mark('tidplan', '2026-05-02T10:00:00Z', `Olika ${'lång '.repeat(60)}`) }),
    // Marked and procured for both regions: coordinated, not listed (a stale reason notwithstanding).
    c({ caseNumber: 'INK-2026-0003', title: 'Handskar', need: { regions: BOTH }, coordination: mark('annat', '2026-02-01T10:00:00Z'), outcome: 'upphandlad', outcomeAt: '2026-06-01T08:00:00Z' }),
    // Marked, open, no reason: not (yet) listed. Not marked: never listed.
    c({ caseNumber: 'INK-2026-0004', title: 'Möbler', coordination: mark(null, null) }),
    c({ caseNumber: 'INK-2026-0005', title: 'Kaffe', outcome: 'avbruten', outcomeAt: '2026-03-01T08:00:00Z', cancelCause: 'inga-anbud' }),
    // A reason recorded at 23:30 UTC on 31 December 2025 is 1 January 2026 in Sweden.
    c({ caseNumber: 'INK-2025-0009', title: 'Tvätt', coordination: mark('leverantorsmarknad', '2025-12-31T23:30:00Z') }),
    // Appeals with causes.
    c({ outcome: 'upphandlad', outcomeAt: '2026-07-01T08:00:00Z', appeal: { appealed: true, outcome: 'avslogs', cause: 'utvardering' } }),
    c({ outcome: 'upphandlad', outcomeAt: '2026-08-01T08:00:00Z', appeal: { appealed: true, outcome: 'rattelse', cause: 'utvardering' } }),
    c({ outcome: 'avbruten', outcomeAt: '2026-09-01T08:00:00Z', cancelCause: 'overprovning', appeal: { appealed: true, outcome: 'gors-om', cause: null } }),
    c({ outcome: 'upphandlad', outcomeAt: '2025-07-01T08:00:00Z', appeal: { appealed: true, outcome: 'avslogs', cause: 'tilldelning' } }),
  ],
  coordinated: [],
  coordinatedTarget: 30,
  nki: () => ({ nki: null, responses: 0 }),
  contractMarks: [
    { contractId: 'RS-2022-0040', title: 'Laboratorieanalyser', mark: mark('en-regions-behov', '2026-10-10T09:00:00Z', 'Bara Sörmland har eget lab') },
    // A marked contract without a reason is not listed.
    { contractId: 'RS-2022-0041', title: 'Hjälpmedel', mark: mark(null, null) },
  ],
};
const opts = { categories: [], minResponses: 3 };

describe('should have been coordinated, and why not', () => {
  const report = buildControlReport(input, 2026);

  it('lists marked cases and contracts that were not coordinated, by the day of the reason or the end', () => {
    expect(report.current.notCoordinated.map((x) => [x.id, x.reason, x.day])).toEqual([
      ['INK-2025-0009', 'leverantorsmarknad', '2026-01-01'],
      ['INK-2026-0001', 'okand', '2026-04-01'],
      ['INK-2026-0002', 'tidplan', '2026-05-02'],
      ['RS-2022-0040', 'en-regions-behov', '2026-10-10'],
    ]);
    expect(report.current.notCoordinated[2].note).toHaveLength(120);
    expect(notCoordinatedOfYear(input.cases, input.contractMarks ?? [], 2025)).toEqual([]);
    const count = report.rows.find((r) => r.figure === 'notCoordinated');
    expect([count?.value, count?.previous]).toEqual([4, 0]);
    expect(report.rows.filter((r) => r.figure === 'notCoordinatedReason').map((r) => [r.detail, r.value])).toEqual([
      ['en-regions-behov', 1],
      ['leverantorsmarknad', 1],
      ['okand', 1],
      ['tidplan', 1],
    ]);
  });

  it('counts appeal causes beside outcomes, this year and the year before', () => {
    const causes = report.rows.filter((r) => r.figure === 'appealCause').map((r) => [r.detail, r.value, r.previous]);
    expect(causes).toEqual([
      ['utvardering', 2, 0],
      ['okand', 1, 0],
      ['tilldelning', 0, 1],
    ]);
    const rows = report.rows.filter((r) => r.control === 'appeals').map((r) => r.figure);
    expect(rows.indexOf('appealCause')).toBe(rows.lastIndexOf('appealOutcome') + 1);
  });

  it('the page, the CSV and the card show the list with reasons and the causes', () => {
    const page = controlPage('sv', report, { ...opts, today: '2026-12-07' });
    expect(page).toContain('<h3>Skulle ha samordnats men samordnades inte 2026</h3>');
    expect(page).toContain('<span class="id">RS-2022-0040</span> Laboratorieanalyser: behovet bara i en region – Bara Sörmland har eget lab');
    expect(page).toContain('Överprövning gällde: utvärderingen');
    const csv = controlCsv('en', report, opts);
    expect(csv).toContain('Coordinated procurements;Should have been coordinated: INK-2026-0001 Tolktjänster;;;;no reason given');
    expect(csv).toContain('Appealed and cancelled procurements;Appeal concerned: the evaluation;2;;0;');
    const card = controlReportCard('sv', report, opts);
    expect(cardText(card)).toContain('RS-2022-0040 Laboratorieanalyser: behovet bara i en region – Bara Sörmland har eget lab');
    expect(cardText(card)).toContain('Överprövning gällde: utvärderingen');
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });

  it('says so when nothing was left uncoordinated', () => {
    const empty = buildControlReport({ ...input, cases: [], contractMarks: [] }, 2026);
    expect(cardText(controlReportCard('en', empty, opts))).toContain('No procurement marked as to be coordinated went uncoordinated in 2026.');
  });
});
