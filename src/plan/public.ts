import { z } from 'zod';
import { Locale, t } from '../i18n';
import { PlanItem } from './model';
import { PlanPublication } from './public-repository';

/**
 * The procurement plan outside the regions: only what an officer published, in words a supplier can
 * read (public title, category, regions, expected advertisement quarter, kind of procedure, Inköp's
 * contact). Never a value, an internal note, a case's requester or a staff name: the public item is
 * built field by field from this list, not by removing fields from the internal one.
 */
export interface PublicPlanItem {
  title: string;
  category: string;
  regions: string[];
  expectedQuarter: string;
  procedure: string;
  contact: string;
}

export const publicationInput = z
  .object({
    publicTitle: z.string().trim().min(3).max(200),
    expectedQuarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  })
  .strict();

/** The key a plan item is published under. */
export const itemKey = (item: Pick<PlanItem, 'kind' | 'contractId' | 'caseNumber'>): string =>
  item.kind === 'contract' ? `contract:${(item.contractId ?? '').trim().toLowerCase()}` : `case:${item.caseNumber ?? ''}`;

/** The published items of the plan, by expected quarter then title. */
export function publicPlan(locale: Locale, items: readonly PlanItem[], published: readonly PlanPublication[]): PublicPlanItem[] {
  const byKey = new Map(published.map((p) => [p.itemKey, p]));
  const out: PublicPlanItem[] = [];
  for (const item of items) {
    const p = byKey.get(itemKey(item));
    if (!p) continue;
    out.push({
      title: p.publicTitle,
      category: item.categoryName?.[locale] ?? item.category,
      regions: [...item.regions],
      expectedQuarter: p.expectedQuarter,
      procedure: item.route ? t(locale, `plan.public.procedure.${item.route}`) : t(locale, 'plan.public.procedure.unknown'),
      contact: t(locale, 'plan.public.contact'),
    });
  }
  return out.sort((a, b) => a.expectedQuarter.localeCompare(b.expectedQuarter) || a.title.localeCompare(b.title, 'sv'));
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A plain, accessible page: one table with a caption and column headers, the language set, no scripts. */
export function publicPlanPage(locale: Locale, items: readonly PublicPlanItem[]): string {
  const title = t(locale, 'plan.public.title');
  const head = ['title', 'category', 'regions', 'quarter', 'procedure', 'contact'].map((c) => `<th scope="col">${escape(t(locale, `plan.public.column.${c}`))}</th>`).join('');
  const rows = items
    .map((i) => `<tr><th scope="row">${escape(i.title)}</th><td>${escape(i.category)}</td><td>${escape(i.regions.join(', '))}</td><td>${escape(i.expectedQuarter)}</td><td>${escape(i.procedure)}</td><td>${escape(i.contact)}</td></tr>`)
    .join('\n');
  const other: Locale = locale === 'sv' ? 'en' : 'sv';
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border:1px solid #666;padding:.4rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold;margin-bottom:.5rem}</style>',
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escape(title)}</h1>`,
    `<p>${escape(t(locale, 'plan.public.intro'))}</p>`,
    `<p><a href="/plan?lang=${other}" lang="${other}" hreflang="${other}">${escape(t(locale, 'plan.public.otherLanguage'))}</a></p>`,
    items.length
      ? `<table><caption>${escape(t(locale, 'plan.public.caption', { count: items.length }))}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
      : `<p>${escape(t(locale, 'plan.public.empty'))}</p>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}
