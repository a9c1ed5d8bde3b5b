import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { DRIVERS, SurveyAnswers, aggregate, improvementOrder, quarterOf, reading } from './nki';
import { SurveyScope, reachableRespondentCount, responsesInScope, unreachableRespondentNames } from './repository';

/** Which surveys a report covers: a year, a category, one case — or all of them. */
export type NkiScope = SurveyScope;

export interface NkiData {
  answers: { answers: SurveyAnswers; day: string }[];
  invited: number;
  /** For one case: the people who could not be reached in Teams (names only; nothing about answers). */
  unreachable?: string[];
}

/** The responses in scope, with their day (for quarters) and how many reachable people were asked. */
export async function loadNkiData(db: Db, scope: NkiScope): Promise<NkiData> {
  const answers = await responsesInScope(db, scope);
  const invited = await reachableRespondentCount(db, scope);
  const unreachable = scope.caseNumber ? await unreachableRespondentNames(db, { ...scope, caseNumber: scope.caseNumber }) : undefined;
  return { answers, invited, ...(unreachable ? { unreachable } : {}) };
}

const fmt = (locale: Locale, n: number, digits = 1) =>
  new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
const pct = (locale: Locale, share: number) => `${fmt(locale, share * 100, 0)} %`;
const bar = (index: number) => '█'.repeat(Math.round(index / 5)).padEnd(20, '░');

/** The officers' report. Below minResponses nothing but the count is shown, to keep respondents anonymous. */
export function nkiReportCard(locale: Locale, scopeText: string, data: NkiData, opts: { minResponses: number; satisfiedFrom: number }): AdaptiveCardJson {
  const agg = aggregate(data.answers.map((a) => a.answers), data.invited, opts.satisfiedFrom);
  const enough = agg.responses >= opts.minResponses;
  const quarters = new Map<string, SurveyAnswers[]>();
  for (const a of data.answers) quarters.set(quarterOf(a.day), [...(quarters.get(quarterOf(a.day)) ?? []), a.answers]);
  return renderCard('nki-report', {
    title: t(locale, 'survey.report.title', { scope: scopeText }),
    tooFew: enough ? '' : t(locale, 'survey.report.tooFew', { count: agg.responses, min: opts.minResponses }),
    unreachable: data.unreachable?.length ? t(locale, 'survey.report.unreachable', { names: data.unreachable.join(', ') }) : '',
    facts: enough
      ? [
          { title: t(locale, 'survey.report.nki'), value: `${fmt(locale, agg.nki ?? 0)} (${t(locale, `survey.report.reading.${reading(agg.nki ?? 0)}`)})` },
          { title: t(locale, 'survey.report.responses'), value: `${agg.responses} / ${agg.invited}` },
          { title: t(locale, 'survey.report.responseRate'), value: agg.responseRate === null ? '–' : pct(locale, agg.responseRate) },
          { title: t(locale, 'survey.report.satisfied', { from: opts.satisfiedFrom }), value: pct(locale, agg.shareSatisfied ?? 0) },
        ]
      : [{ title: t(locale, 'survey.report.responses'), value: `${agg.responses} / ${agg.invited}` }],
    driversLabel: t(locale, 'survey.report.drivers'),
    drivers: enough
      ? improvementOrder(agg.drivers).map((d) =>
          t(locale, 'survey.report.driverLine', { driver: t(locale, `survey.drivers.${d.driver}`), index: fmt(locale, d.index), answers: d.answers, bar: bar(d.index) }),
        )
      : [],
    driverData: enough ? improvementOrder(agg.drivers).map((d) => ({ x: t(locale, `survey.drivers.${d.driver}`), y: Math.round(d.index * 10) / 10 })) : [],
    trendData: enough
      ? [...quarters.entries()]
          .filter(([, list]) => list.length >= opts.minResponses)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([quarter, list]) => ({ x: quarter, y: Math.round((aggregate(list, 0).nki ?? 0) * 10) / 10 }))
      : [],
    trendLabel: t(locale, 'survey.report.trend'),
    trend: enough
      ? [...quarters.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([quarter, list]) => {
            if (list.length < opts.minResponses) return t(locale, 'survey.report.trendHidden', { quarter });
            const q = aggregate(list, 0);
            return t(locale, 'survey.report.trendLine', { quarter, index: fmt(locale, q.nki ?? 0), count: list.length, bar: bar(q.nki ?? 0) });
          })
      : [],
    commentsLabel: t(locale, 'survey.report.comments'),
    comments: enough ? data.answers.map((a) => a.answers.comment).filter((c): c is string => Boolean(c)).slice(0, 20) : [],
    weights: t(locale, 'survey.report.weights'),
  });
}

export { DRIVERS };
