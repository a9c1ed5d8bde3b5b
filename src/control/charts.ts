/**
 * The printable report's charts as inline SVG: no script, no external asset, no style attribute (the
 * page's content security policy allows only its own style sheet). Every label is escaped; values are
 * written as text beside each bar so nothing is told by colour alone.
 */

/** Text for HTML and SVG: & < > " ' escaped. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The series' fills: the previous year light, the report's year dark. */
export const SERIES_FILLS = ['#a7b4c2', '#1f5f8b'] as const;
const TEXT = '#1b1b1b';
const MUTED = '#5a6570';
const W = 640;

const round = (n: number) => Math.round(n * 10) / 10;

function svg(title: string, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function text(x: number, y: number, s: string, opts: { anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; bold?: boolean } = {}): string {
  return `<text x="${round(x)}" y="${round(y)}" font-size="${opts.size ?? 11}" text-anchor="${opts.anchor ?? 'start'}" fill="${opts.fill ?? TEXT}"${opts.bold ? ' font-weight="bold"' : ''}>${escapeHtml(s)}</text>`;
}

function legend(series: readonly string[], y: number): string[] {
  return series.flatMap((name, i) => {
    const x = W - 10 - (series.length - i) * 90;
    return [`<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${SERIES_FILLS[i % SERIES_FILLS.length]}"/>`, text(x + 14, y, name, { size: 10 })];
  });
}

export interface BarGroup {
  label: string;
  /** One value per series (null: nothing to show). */
  values: (number | null)[];
}

/**
 * Vertical bars in groups, one bar per series (e.g. the previous year and this one), each with its
 * value written above it; an optional target as a dashed line.
 */
export function groupedBars(o: {
  title: string;
  groups: readonly BarGroup[];
  series: readonly string[];
  format: (v: number) => string;
  target?: { value: number; label: string };
  height?: number;
}): string {
  const height = o.height ?? 220;
  const [left, right, top, bottom] = [16, 16, 42, 36];
  const plotW = W - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1e-9, o.target?.value ?? 0, ...o.groups.flatMap((g) => g.values.map((v) => v ?? 0)));
  const y = (v: number) => top + plotH - (v / max) * plotH * 0.9;
  const groupW = plotW / Math.max(1, o.groups.length);
  const barW = Math.min(56, (groupW * 0.7) / o.series.length);
  const body = [text(left, 14, o.title, { size: 13, bold: true }), ...legend(o.series, 32)];
  o.groups.forEach((g, i) => {
    const x0 = left + i * groupW + (groupW - barW * o.series.length) / 2;
    g.values.forEach((v, j) => {
      const x = x0 + j * barW;
      if (v === null) return void body.push(text(x + barW / 2, top + plotH - 4, '–', { anchor: 'middle', fill: MUTED }));
      body.push(`<rect x="${round(x + 1)}" y="${round(y(v))}" width="${round(barW - 2)}" height="${round(top + plotH - y(v))}" fill="${SERIES_FILLS[j % SERIES_FILLS.length]}"/>`);
      body.push(text(x + barW / 2, y(v) - 4, o.format(v), { anchor: 'middle', size: 10 }));
    });
    body.push(text(left + i * groupW + groupW / 2, top + plotH + 16, g.label, { anchor: 'middle', size: 11 }));
  });
  body.push(`<line x1="${left}" y1="${top + plotH}" x2="${W - right}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1"/>`);
  if (o.target) {
    const ty = round(y(o.target.value));
    body.push(`<line x1="${left}" y1="${ty}" x2="${W - right}" y2="${ty}" stroke="#b3261e" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    body.push(text(W - right, ty - 4, o.target.label, { anchor: 'end', size: 10, fill: '#b3261e' }));
  }
  return svg(o.title, height, body);
}

export interface DivergingRow {
  label: string;
  value: number | null;
  /** Written after the value, e.g. the number of cases. */
  note: string;
}

/** Horizontal bars either side of zero (e.g. actual − desired start per category: left earlier, right later). */
export function divergingBars(o: { title: string; rows: readonly DivergingRow[]; format: (v: number) => string; empty: string; axis: { left: string; right: string } }): string {
  const rowH = 20;
  const top = 44;
  const height = top + Math.max(1, o.rows.length) * rowH + 12;
  const [labelW, plotL, plotR] = [190, 200, W - 120];
  const zero = (plotL + plotR) / 2;
  const maxAbs = Math.max(1, ...o.rows.map((r) => Math.abs(r.value ?? 0)));
  const scale = (plotR - zero) / maxAbs;
  const body = [
    text(16, 14, o.title, { size: 13, bold: true }),
    text(zero - 6, 34, o.axis.left, { anchor: 'end', size: 10, fill: MUTED }),
    text(zero + 6, 34, o.axis.right, { size: 10, fill: MUTED }),
  ];
  if (o.rows.length === 0) body.push(text(zero, top + 14, o.empty, { anchor: 'middle', fill: MUTED }));
  o.rows.forEach((r, i) => {
    const cy = top + i * rowH + rowH / 2;
    body.push(text(labelW, cy + 4, r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label, { anchor: 'end' }));
    if (r.value === null) return void body.push(text(W - 8, cy + 4, `– ${r.note}`, { anchor: 'end', size: 10, fill: MUTED }));
    const w = Math.abs(r.value) * scale;
    const x = r.value < 0 ? zero - w : zero;
    body.push(`<rect x="${round(x)}" y="${round(cy - 6)}" width="${round(Math.max(w, 1))}" height="12" fill="${SERIES_FILLS[1]}"/>`);
    body.push(text(W - 8, cy + 4, `${o.format(r.value)} ${r.note}`, { anchor: 'end', size: 10 }));
  });
  body.push(`<line x1="${zero}" y1="${top - 4}" x2="${zero}" y2="${height - 8}" stroke="${MUTED}" stroke-width="1"/>`);
  return svg(o.title, height, body);
}
