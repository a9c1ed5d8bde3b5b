import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { DRIVERS, SurveyAnswers, improvementOrder, quarterOf, reading } from './nki';
import { NkiScope, PublishedFigure, PublishedNki, SurveyUnit, inScope, publishNki, quartersOf, scopeGroup } from './published';
import { nkiUnits, unreachableRespondentNames } from './repository';

export type { NkiScope };

export interface NkiOptions {
  minResponses: number;
  satisfiedFrom: number;
}

export interface NkiData {
  /** The scope's answers, each with the day its survey was sent. */
  answers: { answers: SurveyAnswers; day: string }[];
  /** Reachable people the scope's surveys asked (the response rate's denominator). */
  invited: number;
  /** For one case: the people who could not be reached in Teams (names only; nothing about answers). */
  unreachable?: string[];
  /**
   * Every survey, and the scope among them: what may be shown is decided over all of them. Without it the
   * answers above are taken to be all there are (a sample card); never leave it out for real data.
   */
  all?: { units: SurveyUnit[]; scope: NkiScope };
}

/** The scope's answers and counts, with every survey for the anonymity rule. */
export async function loadNkiData(db: Db, scope: NkiScope): Promise<NkiData> {
  const units = await nkiUnits(db);
  const scoped = units.filter((u) => inScope(u, scope));
  const unreachable = scope.caseNumber ? await unreachableRespondentNames(db, scope.caseNumber) : undefined;
  return {
    answers: scoped.flatMap((u) => u.answers.map((answers) => ({ answers, day: u.opened }))),
    invited: scoped.reduce((n, u) => n + u.invited, 0),
    ...(unreachable ? { unreachable } : {}),
    all: { units, scope },
  };
}

/** Every NKI figure that may be published (the card, the CSV and the yearly report read from this). */
export async function loadPublishedNki(db: Db, opts: NkiOptions): Promise<PublishedNki> {
  return publishNki(await nkiUnits(db), opts);
}

const fmt = (locale: Locale, n: number, digits = 1) =>
  new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
const pct = (locale: Locale, share: number) => `${fmt(locale, share * 100, 0)} %`;
const bar = (index: number) => '█'.repeat(Math.round(index / 5)).padEnd(20, '░');
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** A sample card's answers as the only surveys there are: one per quarter. */
function sampleUnits(data: NkiData): SurveyUnit[] {
  const byQuarter = new Map<string, { day: string; answers: SurveyAnswers[] }>();
  for (const a of data.answers) {
    const q = byQuarter.get(quarterOf(a.day)) ?? byQuarter.set(quarterOf(a.day), { day: a.day, answers: [] }).get(quarterOf(a.day))!;
    q.answers.push(a.answers);
  }
  const units = [...byQuarter.values()].map((q, i) => ({ surveyId: i + 1, caseNumber: null, category: '', opened: q.day, invited: 0, answers: q.answers }));
  return units.length ? [{ ...units[0], invited: data.invited }, ...units.slice(1)] : [{ surveyId: 0, caseNumber: null, category: '', opened: '2000-01-01', invited: data.invited, answers: [] }];
}

function facts(locale: Locale, f: PublishedFigure, opts: NkiOptions) {
  const responses = { title: t(locale, 'survey.report.responses'), value: `${f.responses} / ${f.invited}` };
  if (!f.shown || f.nki === null) return [responses];
  return [
    { title: t(locale, 'survey.report.nki'), value: `${fmt(locale, f.nki)} (${t(locale, `survey.report.reading.${reading(f.nki)}`)})` },
    responses,
    { title: t(locale, 'survey.report.responseRate'), value: f.responseRate === null ? '–' : pct(locale, f.responseRate) },
    { title: t(locale, 'survey.report.satisfied', { from: opts.satisfiedFrom }), value: pct(locale, f.shareSatisfied ?? 0) },
  ];
}

/** Shown drivers in the order to improve them, and the ones hidden by the rule (with their counts). */
function drivers(locale: Locale, f: PublishedFigure) {
  const name = (d: string) => t(locale, `survey.drivers.${d}`);
  const shown = improvementOrder(f.drivers);
  // Hidden drivers are named when the card shows something else; a card with nothing shown lists none.
  const hidden = f.shown || shown.length ? DRIVERS.filter((d) => f.drivers[d].index === null && f.drivers[d].answers > 0) : [];
  return {
    lines: shown.map((d) => t(locale, 'survey.report.driverLine', { driver: name(d.driver), index: fmt(locale, d.index), answers: d.answers, bar: bar(d.index) })),
    data: shown.map((d) => ({ x: name(d.driver), y: oneDecimal(d.index) })),
    hidden: hidden.map((d) => t(locale, 'survey.report.driverHidden', { driver: name(d), answers: f.drivers[d].answers })),
  };
}

/** The scope's quarters: the shown ones with their index, the others by count only. */
function trend(locale: Locale, published: PublishedNki, units: SurveyUnit[], scope: NkiScope) {
  const quarters = quartersOf(units, scope)
    .map((q) => ({ quarter: q.quarter, f: published.figure(q.group) }))
    .filter((q) => q.f.responses > 0);
  const shown = quarters.filter((q) => q.f.nki !== null);
  return {
    lines: shown.map((q) => t(locale, 'survey.report.trendLine', { quarter: q.quarter, index: fmt(locale, q.f.nki!), count: q.f.responses, bar: bar(q.f.nki!) })),
    data: shown.map((q) => ({ x: q.quarter, y: oneDecimal(q.f.nki!) })),
    hidden: quarters.filter((q) => q.f.nki === null).map((q) => t(locale, 'survey.report.trendHidden', { quarter: q.quarter, count: q.f.responses })),
  };
}

/** Why the scope's own figures are not shown: too few answers, or the rule across all published figures. */
function hiddenReason(locale: Locale, f: PublishedFigure, min: number): string {
  if (f.shown) return '';
  if (f.responses < min) return t(locale, 'survey.report.tooFew', { count: f.responses, min });
  return t(locale, 'survey.report.suppressed', { count: f.responses, min });
}

/**
 * The officers' report for one scope. Every figure on it is one the anonymity rule (disclosure.ts) lets
 * every report show at the same time; hidden ones show their count only.
 */
export function nkiReportCard(locale: Locale, scopeText: string, data: NkiData, opts: NkiOptions): AdaptiveCardJson {
  const { units, scope } = data.all ?? { units: sampleUnits(data), scope: {} };
  const published = publishNki(units, opts);
  const f = published.figure(scopeGroup(scope));
  const d = drivers(locale, f);
  const q = trend(locale, published, units, scope);
  return renderCard('nki-report', {
    title: t(locale, 'survey.report.title', { scope: scopeText }),
    tooFew: hiddenReason(locale, f, opts.minResponses),
    unreachable: data.unreachable?.length ? t(locale, 'survey.report.unreachable', { names: data.unreachable.join(', ') }) : '',
    facts: facts(locale, f, opts),
    driversLabel: t(locale, 'survey.report.drivers'),
    hasDrivers: d.lines.length + d.hidden.length > 0,
    drivers: d.lines,
    driverData: d.data,
    driversHidden: d.hidden,
    trendLabel: t(locale, 'survey.report.trend'),
    hasTrend: q.lines.length + q.hidden.length > 0,
    trend: q.lines,
    trendData: q.data,
    trendHidden: q.hidden,
    commentsLabel: t(locale, 'survey.report.comments'),
    comments: f.comments.slice(0, 20),
    privacy: d.hidden.length + q.hidden.length > 0 || !f.shown ? t(locale, 'survey.report.privacy', { min: opts.minResponses }) : '',
    weights: t(locale, 'survey.report.weights'),
  });
}
