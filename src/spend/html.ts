/**
 * Leverantörstrohet of a year as one self-contained printable page, beside the internal-control report:
 * inline style sheet (allowed by hash), charts as inline SVG with the values written beside each bar,
 * no script, nothing loaded. Every text from data (administrations, suppliers, account texts) is escaped.
 */
import { createHash } from 'node:crypto';
import { Locale, t } from '../i18n';
import { formatSek } from '../i18n/format';
import { UNMET_WINDOW_DAYS, UnmetSearchAggregate } from '../contracts/api';
import { YearFigures, uncontractedAreas } from './model';

export const SPEND_PAGE_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; font-size: 9.5pt; line-height: 1.35; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; border-bottom: 2px solid #1f5f8b; padding-bottom: 2mm; }
h2 { font-size: 12.5pt; color: #1f5f8b; margin: 5mm 0 2mm; break-after: avoid; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
p { margin: 0 0 1.5mm; }
.note { color: #5a6570; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
th, td { text-align: left; padding: 1mm 1.5mm; border-bottom: 1px solid #d9dee3; vertical-align: top; }
th { font-size: 8.5pt; border-bottom: 1.5px solid #5a6570; }
.num { text-align: right; white-space: nowrap; }
svg.chart { display: block; width: 100%; height: auto; margin: 1mm 0 2mm; }
tr, svg.chart { break-inside: avoid; }
@media screen { body { padding: 8mm; } }
`;
export const SPEND_PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(SPEND_PAGE_CSS).digest('base64')}'`;

export const escapeHtml = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const sek = (locale: Locale, ore: number) => formatSek(locale, Math.round(ore / 100));
const pct = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);

/** Horizontal bars of shares (0–1), one per label, the value written at the bar's end. */
export function shareBars(title: string, bars: { label: string; share: number | null }[]): string {
  const W = 640;
  const rowH = 18;
  const left = 200;
  const h = 24 + bars.length * rowH;
  const body = bars.map((b, i) => {
    const y = 20 + i * rowH;
    const w = Math.round((b.share ?? 0) * (W - left - 60));
    return [
      `<text x="${left - 6}" y="${y + 12}" font-size="10" text-anchor="end">${escapeHtml(b.label.slice(0, 40))}</text>`,
      `<rect x="${left}" y="${y + 2}" width="${w}" height="${rowH - 6}" fill="#1f5f8b"/>`,
      `<text x="${left + w + 4}" y="${y + 12}" font-size="10">${escapeHtml(pct(b.share))}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><text x="0" y="12" font-size="11" font-weight="bold">${escapeHtml(title)}</text>${body.join('')}</svg>`;
}

function regionSection(locale: Locale, f: YearFigures): string {
  const row = (cells: (string | number)[]) => `<tr>${cells.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  const head = (cells: string[]) => `<tr>${cells.map((c, i) => `<th${i > 0 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const months = f.byMonth.map((m) => ({ label: t(locale, `spend.page.month.${m.month}`), share: m.share }));
  return [
    `<h2>${escapeHtml(t(locale, 'spend.card.region', { region: f.region }))}</h2>`,
    `<p><strong>${escapeHtml(t(locale, 'spend.card.share'))}: ${escapeHtml(pct(f.total.share))}</strong> (${escapeHtml(sek(locale, f.total.contractedOre))} / ${escapeHtml(sek(locale, f.total.influenceableOre))})</p>`,
    `<p class="note">${escapeHtml(t(locale, 'spend.card.besideValue', { masked: sek(locale, f.total.maskedOre), public: sek(locale, f.total.publicOre), excluded: sek(locale, f.total.excludedOre) }))}</p>`,
    shareBars(t(locale, 'spend.page.byForvaltning'), f.byForvaltning.map((r) => ({ label: r.forvaltning || '–', share: r.share }))),
    shareBars(t(locale, 'spend.page.byMonth'), months),
    `<h3>${escapeHtml(t(locale, 'spend.page.suppliers'))}</h3>`,
    '<table>',
    head([t(locale, 'spend.page.supplier'), t(locale, 'spend.page.spend'), t(locale, 'spend.page.invoices'), t(locale, 'spend.page.flag'), t(locale, 'spend.page.ended')]),
    ...f.suppliers.slice(0, 25).map((s) => row([s.orgNr ? `${s.name} (${s.orgNr})` : `${s.name} – ${t(locale, 'spend.card.nameMatchOnly')}`, sek(locale, s.ore), s.invoices, t(locale, `spend.flag.${s.flag}`), s.endedContractId ?? ''])),
    '</table>',
    `<h3>${escapeHtml(t(locale, 'spend.page.areas'))}</h3>`,
    '<table>',
    head([t(locale, 'spend.page.area'), t(locale, 'spend.page.spend')]),
    ...f.areas.slice(0, 15).map((a) => row([a.accountText || '–', sek(locale, a.ore)])),
    '</table>',
  ].join('\n');
}

/** How many account texts and unmet searches the page's "avtalslösa områden" lists. */
export const PAGE_AREAS_TOP = 15;

/**
 * "Avtalslösa områden": the uncontracted spend by account text over both regions beside what staff searched
 * for without finding a contract (the contract capability's unmet-searches list). Aggregates only. `unmet`
 * null: the list is not available (no contract capability).
 */
export function areasSection(locale: Locale, regions: readonly YearFigures[], unmet: readonly UnmetSearchAggregate[] | null): string {
  const row = (cells: (string | number)[]) => `<tr>${cells.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  const head = (cells: string[]) => `<tr>${cells.map((c, i) => `<th${i > 0 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const areas = uncontractedAreas(regions, PAGE_AREAS_TOP);
  const searches = (unmet ?? []).slice(0, PAGE_AREAS_TOP);
  return [
    '<section id="areas">',
    `<h2>${escapeHtml(t(locale, 'spend.areas.title'))}</h2>`,
    `<p class="note">${escapeHtml(t(locale, 'spend.areas.intro'))}</p>`,
    `<h3>${escapeHtml(t(locale, 'spend.areas.spendHeading'))}</h3>`,
    areas.length === 0
      ? `<p>${escapeHtml(t(locale, 'spend.areas.noSpend'))}</p>`
      : ['<table>', head([t(locale, 'spend.page.area'), t(locale, 'spend.areas.regions'), t(locale, 'spend.page.spend')]), ...areas.map((a) => row([a.accountText || '–', a.regions.join(', '), sek(locale, a.ore)])), '</table>'].join('\n'),
    `<h3>${escapeHtml(t(locale, 'spend.areas.unmetHeading', { days: UNMET_WINDOW_DAYS }))}</h3>`,
    searches.length === 0
      ? `<p>${escapeHtml(t(locale, unmet === null ? 'spend.areas.unmetUnavailable' : 'spend.areas.noUnmet'))}</p>`
      : ['<table>', head([t(locale, 'spend.areas.query'), t(locale, 'spend.areas.people'), t(locale, 'spend.areas.searches')]), ...searches.map((u) => row([u.query, u.people, u.searches])), '</table>'].join('\n'),
    '</section>',
  ].join('\n');
}

export function spendPage(locale: Locale, year: number, regions: YearFigures[], today: string, unmet: readonly UnmetSearchAggregate[] | null = null): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(t(locale, 'spend.page.title', { year }))}</title><style>${SPEND_PAGE_CSS}</style></head><body>`,
    `<h1>${escapeHtml(t(locale, 'spend.page.title', { year }))}</h1>`,
    `<p class="note">${escapeHtml(t(locale, 'spend.page.compiled', { today }))}</p>`,
    `<p>${escapeHtml(t(locale, 'spend.card.measure'))}</p>`,
    ...regions.map((f) => regionSection(locale, f)),
    areasSection(locale, regions, unmet),
    `<p class="note">${escapeHtml(t(locale, 'spend.card.screenNote'))}</p>`,
    '</body></html>',
  ].join('\n');
}
