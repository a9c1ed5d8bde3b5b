import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Category, categoryLabel } from '../core/categories';
import { Locale, t } from '../i18n';
import { daysBetween } from '../rules/assess';
import { CaseRecord } from './repository';

/**
 * The business plan's control: "date of submitted need compared with desired contract start".
 * Plain statistics over cases.
 */
export interface IntakeReport {
  count: number;
  medianDays: number | null;
  buckets: { lt90: number; d90to180: number; d180to365: number; gt365: number };
  tooLateShare: number | null;
  byCategory: { category: string; count: number; medianDays: number; tooLate: number }[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function leadDays(c: Pick<CaseRecord, 'submittedOn' | 'desiredStart'>): number {
  return daysBetween(c.submittedOn, c.desiredStart);
}

export function buildIntakeReport(cases: Pick<CaseRecord, 'submittedOn' | 'desiredStart' | 'risk' | 'category'>[]): IntakeReport {
  const days = cases.map(leadDays);
  const buckets = { lt90: 0, d90to180: 0, d180to365: 0, gt365: 0 };
  for (const d of days) {
    if (d < 90) buckets.lt90++;
    else if (d < 180) buckets.d90to180++;
    else if (d <= 365) buckets.d180to365++;
    else buckets.gt365++;
  }
  const cats = new Map<string, Pick<CaseRecord, 'submittedOn' | 'desiredStart' | 'risk'>[]>();
  for (const c of cases) cats.set(c.category, [...(cats.get(c.category) ?? []), c]);
  return {
    count: cases.length,
    medianDays: median(days),
    buckets,
    tooLateShare: cases.length ? cases.filter((c) => c.risk === 'for-sent').length / cases.length : null,
    byCategory: [...cats.entries()]
      .map(([category, list]) => ({
        category,
        count: list.length,
        medianDays: median(list.map(leadDays)) ?? 0,
        tooLate: list.filter((c) => c.risk === 'for-sent').length,
      }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
  };
}

const pct = (locale: Locale, share: number) => `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 0 }).format(share * 100)} %`;

export function reportCard(locale: Locale, year: number, r: IntakeReport, categories: readonly Category[]): AdaptiveCardJson {
  const bar = (n: number) => '█'.repeat(r.count ? Math.round((n / r.count) * 20) : 0);
  const b = r.buckets;
  return renderCard('intake-report', {
    title: t(locale, 'intake.report.title', { year }),
    empty: r.count === 0 ? t(locale, 'intake.report.empty', { year }) : '',
    facts:
      r.count === 0
        ? []
        : [
            { title: t(locale, 'intake.report.count'), value: String(r.count) },
            { title: t(locale, 'intake.report.median'), value: String(r.medianDays) },
            { title: t(locale, 'intake.report.tooLate'), value: pct(locale, r.tooLateShare ?? 0) },
          ],
    distributionLabel: t(locale, 'intake.report.distribution'),
    distribution:
      r.count === 0
        ? []
        : [
            `${t(locale, 'intake.report.bucketLt90')}: ${b.lt90} ${bar(b.lt90)}`,
            `${t(locale, 'intake.report.bucket90to180')}: ${b.d90to180} ${bar(b.d90to180)}`,
            `${t(locale, 'intake.report.bucket180to365')}: ${b.d180to365} ${bar(b.d180to365)}`,
            `${t(locale, 'intake.report.bucketGt365')}: ${b.gt365} ${bar(b.gt365)}`,
          ],
    byCategoryLabel: t(locale, 'intake.report.byCategory'),
    categories: r.byCategory.map((c) =>
      t(locale, 'intake.report.row', { category: categoryLabel(categories, c.category, locale), count: c.count, median: c.medianDays, late: c.tooLate }),
    ),
  });
}
