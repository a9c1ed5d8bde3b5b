import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { DRIVERS, SurveyAnswers, aggregate, improvementOrder, quarterOf, reading } from './nki';

export interface NkiScope {
  year?: number;
  category?: string;
  caseNumber?: string;
}

export interface NkiData {
  answers: { answers: SurveyAnswers; day: string }[];
  invited: number;
  /** For one case: the people who could not be reached in Teams (names only; nothing about answers). */
  unreachable?: string[];
}

/** The responses in scope, with their day (for quarters) and how many reachable people were asked. */
export async function loadNkiData(db: Db, scope: NkiScope): Promise<NkiData> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.year) {
    params.push(scope.year);
    where.push(`extract(year FROM s.opened_at) = $${params.length}`);
  }
  if (scope.category) {
    params.push(scope.category);
    where.push(`s.category = $${params.length}`);
  }
  if (scope.caseNumber) {
    params.push(scope.caseNumber.toUpperCase());
    where.push(`s.case_id = (SELECT id FROM cases WHERE case_number = $${params.length})`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const answers = await db.query<{ answers: SurveyAnswers; day: string }>(
    `SELECT x.answers, to_char(x.submitted_at, 'YYYY-MM-DD') AS day FROM survey_responses x JOIN surveys s ON s.id = x.survey_id ${w}`,
    params,
  );
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id ${w}${where.length ? ' AND' : ' WHERE'} r.reachable`,
    params,
  );
  const unreachable = scope.caseNumber
    ? (await db.query<{ name: string }>(`SELECT r.name FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id ${w} AND NOT r.reachable ORDER BY r.id`, params)).map((r) => r.name)
    : undefined;
  return { answers, invited: n, ...(unreachable ? { unreachable } : {}) };
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
