/**
 * The report as one self-contained printable page: inline style sheet laid out for A4, charts as
 * inline SVG, no script and nothing loaded from elsewhere. Every text that comes from data (titles,
 * categories, causes) is escaped.
 */
import { createHash } from 'node:crypto';
import { formatDate } from '../i18n/format';
import { Locale, t } from '../i18n';
import { categoryLabel } from '../core/categories';
import { divergingBars, escapeHtml, groupedBars } from './charts';
import { LEAD_BUCKETS } from './figures';
import { CONTROLS, ControlId, ControlReport, FigureRow } from './report';
import { TextOptions, controlName, definition, figureName, formatValue, itemReason, shownValue } from './text';

/** The page's style sheet; its hash is what the page's content security policy allows. */
export const PAGE_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; font-size: 9.5pt; line-height: 1.35; margin: 0 auto; max-width: 186mm; }
header { border-bottom: 2px solid #1f5f8b; padding-bottom: 2mm; margin-bottom: 3mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12.5pt; color: #1f5f8b; margin: 5mm 0 2mm; break-after: avoid; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 0 0 1.5mm; }
.meta, .def, .note { color: #5a6570; }
.def { display: block; font-size: 8pt; margin-top: 0.5mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
th, td { text-align: left; padding: 1mm 1.5mm; border-bottom: 1px solid #d9dee3; vertical-align: top; }
th { font-size: 8.5pt; border-bottom: 1.5px solid #5a6570; }
.num { text-align: right; white-space: nowrap; width: 17mm; }
.pivot { table-layout: fixed; font-size: 8.5pt; }
.pivot th.num { white-space: normal; }
.pivot .num { width: auto; white-space: normal; }
.pivot th:first-child { width: 22%; }
.removed { color: #b3261e; }
ol.contracts { columns: 2; column-gap: 6mm; font-size: 8pt; margin: 1mm 0; padding-left: 0; list-style: none; }
ol.contracts li { break-inside: avoid; padding: 0.4mm 0; border-bottom: 1px solid #eef0f2; }
ol.contracts .id { font-weight: bold; }
ol.contracts .date { color: #5a6570; white-space: nowrap; }
.reason { white-space: normal; width: 34mm; font-size: 8pt; }
svg.chart { display: block; width: 100%; height: auto; margin: 1mm 0 2mm; }
tr, svg.chart { break-inside: avoid; }
@media screen { body { padding: 8mm; } }
`;

export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

export interface PageOptions extends TextOptions {
  /** Today (YYYY-MM-DD), printed as the day the report was compiled. */
  today: string;
}

/** A header row; columns from firstNumber on hold numbers (right-aligned). */
const head = (cells: string[], firstNumber = 1) => `<tr>${cells.map((c, i) => `<th${i >= firstNumber ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr>`;

/** A value cell; a long reason in place of a value (an NKI not published) may wrap. */
const valueCell = (text: string, missing: boolean) => `<td class="num${missing && text.length > 2 ? ' reason' : ''}">${escapeHtml(text)}</td>`;

/** A control's table: figure (with its definition under it), the year, the year before, the target. */
function figureTable(locale: Locale, report: ControlReport, rows: readonly FigureRow[], opts: PageOptions): string {
  const hasTarget = rows.some((r) => r.target !== null);
  const cols = [t(locale, 'control.columns.figure'), String(report.year), String(report.year - 1), ...(hasTarget ? [t(locale, 'control.columns.target')] : [])];
  const body = rows.map((row) => {
    const cells = [
      `<td>${escapeHtml(figureName(locale, row, opts))}<span class="def">${escapeHtml(definition(locale, row, opts))}</span></td>`,
      valueCell(shownValue(locale, row, 'value', report.current.nki, opts.minResponses), row.value === null),
      valueCell(shownValue(locale, row, 'previous', report.previous.nki, opts.minResponses), row.previous === null),
      ...(hasTarget ? [`<td class="num">${row.target === null ? '' : escapeHtml(formatValue(locale, row.unit, row.target))}</td>`] : []),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table>${head(cols)}${body.join('')}</table>`;
}

const PIVOT = ['leadCount', 'leadMedian', 'leadTooLate', 'startCount', 'startMedianDiff', 'startLate'] as const;

/** Resource planning per category: one line per category, the previous year in brackets. */
function categoryTable(locale: Locale, report: ControlReport, opts: PageOptions): string {
  const rows = report.rows.filter((r) => r.category !== undefined);
  const categories = [...new Set(rows.map((r) => r.category as string))];
  if (categories.length === 0) return '';
  const cell = (category: string, figure: string) => {
    const row = rows.find((r) => r.category === category && r.figure === figure);
    if (!row) return '<td class="num">–</td>';
    return `<td class="num">${escapeHtml(formatValue(locale, row.unit, row.value))} <span class="note">(${escapeHtml(formatValue(locale, row.unit, row.previous))})</span></td>`;
  };
  const lines = categories.map((c) => `<tr><td>${escapeHtml(categoryLabel(opts.categories, c, locale))}</td>${PIVOT.map((f) => cell(c, f)).join('')}</tr>`);
  return [
    `<h3>${escapeHtml(t(locale, 'control.page.perCategory', { previous: report.year - 1 }))}</h3>`,
    `<table class="pivot">${head([t(locale, 'control.columns.category'), ...PIVOT.map((f) => t(locale, `control.pivot.${f}`))])}${lines.join('')}</table>`,
  ].join('\n');
}

const years = (report: ControlReport) => [String(report.year - 1), String(report.year)];

function resourceCharts(locale: Locale, report: ControlReport, opts: PageOptions): string {
  const { current, previous } = report;
  const count = (v: number) => formatValue(locale, 'count', v);
  const days = (v: number) => formatValue(locale, 'days', v);
  const cases = (n: number) => t(locale, 'control.chart.cases', { count: n });
  return [
    groupedBars({
      title: t(locale, 'control.chart.leadTime'),
      series: years(report),
      groups: LEAD_BUCKETS.map((b) => ({ label: t(locale, `control.bucket.${b}`), values: [previous.leadTime.buckets[b], current.leadTime.buckets[b]] })),
      format: count,
      height: 190,
    }),
    divergingBars({
      title: t(locale, 'control.chart.startDiff', { year: report.year }),
      rows: [
        { label: t(locale, 'control.chart.all'), value: current.starts.medianDiffDays, note: cases(current.starts.count) },
        ...current.starts.byCategory.map((g) => ({ label: categoryLabel(opts.categories, g.category, locale), value: g.medianDiffDays, note: cases(g.count) })),
      ],
      format: days,
      empty: t(locale, 'control.chart.noData'),
      axis: { left: t(locale, 'control.chart.earlier'), right: t(locale, 'control.chart.later') },
    }),
  ].join('\n');
}

function coordinatedChart(locale: Locale, report: ControlReport): string {
  return groupedBars({
    title: t(locale, 'control.chart.coordinated'),
    series: years(report),
    groups: [{ label: t(locale, 'control.figures.coordinatedCount.name'), values: [report.previous.coordinated.length, report.current.coordinated.length] }],
    format: (v) => formatValue(locale, 'count', v),
    target: { value: report.coordinatedTarget, label: t(locale, 'control.chart.target', { target: report.coordinatedTarget }) },
    height: 170,
  });
}

/** The contracts behind the count, in two columns (a year may hold a hundred): id, title, start; removed ones marked. */
function coordinatedList(locale: Locale, report: ControlReport): string {
  const list = report.current.coordinated;
  const items = list.map((c) => {
    const removed = c.removedAt ? ` <span class="removed">${escapeHtml(t(locale, 'control.list.removed', { date: formatDate(locale, c.removedAt.slice(0, 10)) }))}</span>` : '';
    return `<li><span class="id">${escapeHtml(c.contractId)}</span> ${escapeHtml(c.title)}${removed} <span class="date">${escapeHtml(formatDate(locale, c.validFrom))}</span></li>`;
  });
  const body = list.length ? `<ol class="contracts">${items.join('')}</ol>` : `<p class="note">${escapeHtml(t(locale, 'control.list.empty', { year: report.year }))}</p>`;
  return [`<h3>${escapeHtml(t(locale, 'control.list.title', { year: report.year }))}</h3>`, body].join('\n');
}

/** Marked "ska samordnas" and not coordinated: id, title, the reason and the officer's note (cut short), the day. */
function notCoordinatedList(locale: Locale, report: ControlReport): string {
  const list = report.current.notCoordinated;
  const items = list.map(
    (x) =>
      `<li><span class="id">${escapeHtml(x.id)}</span> ${escapeHtml(x.title)}: ${escapeHtml(itemReason(locale, x))} <span class="date">${escapeHtml(formatDate(locale, x.day))}</span></li>`,
  );
  const body = list.length ? `<ol class="contracts">${items.join('')}</ol>` : `<p class="note">${escapeHtml(t(locale, 'control.notCoordinated.empty', { year: report.year }))}</p>`;
  return [`<h3>${escapeHtml(t(locale, 'control.notCoordinated.title', { year: report.year }))}</h3>`, body].join('\n');
}

function appealsChart(locale: Locale, report: ControlReport): string {
  const pct = (s: number | null) => (s === null ? null : s * 100);
  return groupedBars({
    title: t(locale, 'control.chart.appeals'),
    series: years(report),
    groups: [
      { label: t(locale, 'control.figures.appealedShare.name'), values: [pct(report.previous.outcomes.appealedShare), pct(report.current.outcomes.appealedShare)] },
      { label: t(locale, 'control.figures.cancelledShare.name'), values: [pct(report.previous.outcomes.cancelledShare), pct(report.current.outcomes.cancelledShare)] },
    ],
    format: (v) => `${formatValue(locale, 'count', v)}\u00a0%`,
    height: 170,
  });
}

/** Leverantörstrohet per region, the year before beside the year; a year without a ledger is "–" (the table says why). */
function complianceChart(locale: Locale, report: ControlReport): string {
  const rows = report.rows.filter((r) => r.control === 'contractCompliance' && r.figure === 'contractCompliance');
  const pct = (s: number | null) => (s === null ? null : s * 100);
  return groupedBars({
    title: t(locale, 'control.chart.compliance'),
    series: years(report),
    groups: rows.map((r) => ({ label: t(locale, 'control.region', { region: r.region ?? '' }), values: [pct(r.previous), pct(r.value)] })),
    format: (v) => `${formatValue(locale, 'count', v)}\u00a0%`,
    height: 170,
  });
}

function section(locale: Locale, report: ControlReport, control: ControlId, opts: PageOptions): string {
  const rows = report.rows.filter((r) => r.control === control && r.category === undefined && r.item === undefined);
  const extra: Record<ControlId, () => string[]> = {
    resourcePlanning: () => [resourceCharts(locale, report, opts), figureTable(locale, report, rows, opts), categoryTable(locale, report, opts)],
    coordinated: () => [coordinatedChart(locale, report), figureTable(locale, report, rows, opts), coordinatedList(locale, report), notCoordinatedList(locale, report)],
    appeals: () => [appealsChart(locale, report), figureTable(locale, report, rows, opts)],
    contractCheck: () => [figureTable(locale, report, rows, opts)],
    contractCompliance: () => [complianceChart(locale, report), figureTable(locale, report, rows, opts)],
    nki: () => [figureTable(locale, report, rows, opts)],
    notMeasured: () => [figureTable(locale, report, rows, opts)],
  };
  return [`<section id="${control}">`, `<h2>${escapeHtml(controlName(locale, control))}</h2>`, ...extra[control](), '</section>'].join('\n');
}

/** The printable page for the report's year. */
export function controlPage(locale: Locale, report: ControlReport, opts: PageOptions): string {
  const title = t(locale, 'control.title', { year: report.year });
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(t(locale, 'control.page.intro', { previous: report.year - 1 }))}</p>`,
    `<p class="meta">${escapeHtml(t(locale, 'control.page.compiled', { date: formatDate(locale, opts.today) }))}</p>`,
    '</header>',
    ...CONTROLS.map((c) => section(locale, report, c, opts)),
    '</body>',
    '</html>',
  ].join('\n');
}
