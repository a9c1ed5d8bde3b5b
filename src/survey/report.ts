import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { DRIVERS, reading } from './nki';
import { NkiScope, PublishedFigure, PublishedNki, publishNki, scopeGroup, NKI_GROUP } from './published';
import { Range } from './release';
import { releasedQuarters, unreleasedSurveys } from './release-repository';
import type { Releaser } from './release-service';

export type { NkiScope };

export interface NkiOptions {
  minResponses: number;
  satisfiedFrom: number;
}

/** What the report for a scope rests on: the released quarters, and how many of the scope's surveys wait for release. */
export interface NkiReportData {
  published: PublishedNki;
  scope: NkiScope;
  /** Quarters not yet released that hold surveys in the scope, and how many (never answers, nor which are open). */
  pending: { quarter: string; surveys: number }[];
}

/** Every NKI figure that may be published (the yearly report reads from this): released quarters only. */
export async function loadPublishedNki(db: Db, _opts?: NkiOptions): Promise<PublishedNki> {
  const { snapshots, comments } = await releasedQuarters(db);
  return publishNki(snapshots, comments);
}

/** Releases what is due, then reads the released quarters and the scope's waiting surveys. */
export async function loadNkiReport(db: Db, releaser: Pick<Releaser, 'releaseDue'>, scope: NkiScope): Promise<NkiReportData> {
  await releaser.releaseDue();
  const published = await loadPublishedNki(db);
  const pending = new Map<string, { quarter: string; surveys: number }>();
  for (const s of await unreleasedSurveys(db)) {
    if (scope.year && !s.quarter.startsWith(`${scope.year}-`)) continue;
    if (scope.category && s.category !== scope.category) continue;
    if (scope.caseNumber && (s.caseNumber ?? '').toUpperCase() !== scope.caseNumber.toUpperCase()) continue;
    const p = pending.get(s.quarter) ?? pending.set(s.quarter, { quarter: s.quarter, surveys: 0 }).get(s.quarter)!;
    p.surveys++;
  }
  return { published, scope, pending: [...pending.values()].sort((a, b) => a.quarter.localeCompare(b.quarter)) };
}

const fmt = (locale: Locale, n: number, digits = 1) =>
  new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
const pct = (locale: Locale, share: number) => `${fmt(locale, share * 100, 0)} %`;
const bar = (index: number) => '█'.repeat(Math.round(index / 5)).padEnd(20, '░');
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** An index band as text: "75–100". */
const indexRange = (locale: Locale, r: Range) => t(locale, 'survey.report.band', { lo: fmt(locale, r.lo, 0), hi: fmt(locale, r.hi, 0) });

/** A share band as text: "minst 80 %", "högst 20 %" or "40–60 %". */
export function shareRangeText(locale: Locale, r: Range): string {
  if (r.hi >= 1 - 1e-9) return t(locale, 'survey.report.atLeast', { share: pct(locale, r.lo) });
  if (r.lo <= 1e-9) return t(locale, 'survey.report.atMost', { share: pct(locale, r.hi) });
  return t(locale, 'survey.report.shareBand', { lo: fmt(locale, r.lo * 100, 0), hi: fmt(locale, r.hi * 100, 0) });
}

function facts(locale: Locale, f: PublishedFigure, opts: NkiOptions) {
  if (!f.shown) return [];
  const nki =
    f.nki !== null
      ? `${fmt(locale, f.nki)} (${t(locale, `survey.report.reading.${reading(f.nki)}`)})`
      : f.nkiRange
        ? t(locale, 'survey.report.bandOnly', { band: indexRange(locale, f.nkiRange) })
        : '–';
  const share = f.shareSatisfied !== null ? pct(locale, f.shareSatisfied) : f.shareRange ? shareRangeText(locale, f.shareRange) : '–';
  return [
    { title: t(locale, 'survey.report.nki'), value: nki },
    { title: t(locale, 'survey.report.responses'), value: `${f.responses} / ${f.invited}` },
    { title: t(locale, 'survey.report.responseRate'), value: f.responseRate === null ? '–' : pct(locale, f.responseRate) },
    { title: t(locale, 'survey.report.satisfied', { from: opts.satisfiedFrom }), value: share },
  ];
}

/** Exact drivers in the order to improve them, then banded ones, then the hidden ones (no counts). */
function drivers(locale: Locale, f: PublishedFigure) {
  const name = (d: string) => t(locale, `survey.drivers.${d}`);
  if (!f.shown) return { lines: [], data: [], other: [] };
  const exactOnes = DRIVERS.flatMap((d) => (f.drivers[d].index === null ? [] : [{ driver: d, index: f.drivers[d].index!, answers: f.drivers[d].answers }])).sort(
    (a, b) => (100 - b.index) * b.answers - (100 - a.index) * a.answers,
  );
  return {
    lines: exactOnes.map((d) => t(locale, 'survey.report.driverLine', { driver: name(d.driver), index: fmt(locale, d.index), answers: d.answers, bar: bar(d.index) })),
    data: exactOnes.map((d) => ({ x: name(d.driver), y: oneDecimal(d.index) })),
    other: DRIVERS.flatMap((d) => {
      const x = f.drivers[d];
      if (x.index !== null) return [];
      if (x.range) return [t(locale, 'survey.report.driverBand', { driver: name(d), band: indexRange(locale, x.range), answers: x.answers })];
      return [t(locale, 'survey.report.driverHidden', { driver: name(d) })];
    }),
  };
}

/** The scope's released quarters: exact, banded or hidden (hidden ones without counts). */
function trend(locale: Locale, published: PublishedNki, scope: NkiScope) {
  if (scope.caseNumber) return { lines: [], data: [], other: [] };
  const quarters = published
    .quarters()
    .filter((q) => !scope.year || q.startsWith(`${scope.year}-`))
    .map((q) => ({ quarter: q, f: published.figure(scope.category ? NKI_GROUP.categoryQuarter(scope.category, q) : NKI_GROUP.quarter(q)) }))
    // Within a category a hidden quarter is left out (its line would tell that someone there answered).
    .filter((q) => q.f.shown || (!scope.category && q.f.withheld.length > 0));
  const exactOnes = quarters.filter((q) => q.f.nki !== null);
  return {
    lines: exactOnes.map((q) => t(locale, 'survey.report.trendLine', { quarter: q.quarter, index: fmt(locale, q.f.nki!), count: q.f.responses, bar: bar(q.f.nki!) })),
    data: exactOnes.map((q) => ({ x: q.quarter, y: oneDecimal(q.f.nki!) })),
    other: quarters
      .filter((q) => q.f.nki === null)
      .map((q) =>
        q.f.nkiRange
          ? t(locale, 'survey.report.trendBand', { quarter: q.quarter, band: indexRange(locale, q.f.nkiRange), count: q.f.responses })
          : t(locale, 'survey.report.trendHidden', { quarter: q.quarter }),
      ),
  };
}

/** Where the figures come from, and why they may be missing. */
function status(locale: Locale, f: PublishedFigure, data: NkiReportData, min: number): string[] {
  const lines: string[] = [];
  const whole = !data.scope.category && !data.scope.caseNumber;
  // The same words whether a category or case had no answers or too few: which of the two is not told.
  if (f.shown) lines.push(t(locale, 'survey.report.covers', { quarters: f.quarters.join(', ') }));
  else lines.push(t(locale, 'survey.report.hidden', { min }));
  if (f.shown && whole && f.withheld.length) lines.push(t(locale, 'survey.report.withheld', { quarters: f.withheld.join(', '), min }));
  for (const p of data.pending) lines.push(t(locale, 'survey.report.pending', { quarter: p.quarter, surveys: p.surveys }));
  return lines;
}

/**
 * The officers' report for one scope, from released quarters only. A case shows its figures only when its
 * quarter showed them (k people or more) and never its comments; nobody's name is on it.
 */
export function nkiReportCard(locale: Locale, scopeText: string, data: NkiReportData, opts: NkiOptions): AdaptiveCardJson {
  const f = data.published.figure(scopeGroup(data.scope));
  const d = drivers(locale, f);
  const q = trend(locale, data.published, data.scope);
  const comments = data.scope.caseNumber || data.scope.category ? [] : f.comments.slice(0, 20);
  return renderCard('nki-report', {
    title: t(locale, 'survey.report.title', { scope: scopeText }),
    status: status(locale, f, data, opts.minResponses),
    facts: facts(locale, f, opts),
    driversLabel: t(locale, 'survey.report.drivers'),
    hasDrivers: d.lines.length + d.other.length > 0,
    drivers: d.lines,
    driverData: d.data,
    driversOther: d.other,
    trendLabel: t(locale, 'survey.report.trend'),
    hasTrend: q.lines.length + q.other.length > 0,
    trend: q.lines,
    trendData: q.data,
    trendOther: q.other,
    commentsLabel: t(locale, 'survey.report.comments'),
    comments: comments.map((c) => t(locale, 'survey.report.commentLine', { id: c.id, text: c.text })),
    commentsHint: comments.length ? t(locale, 'survey.report.commentsHint') : '',
    privacy: t(locale, 'survey.report.privacy', { min: opts.minResponses }),
    weights: t(locale, 'survey.report.weights'),
  });
}
