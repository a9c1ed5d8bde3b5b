import { z } from 'zod';
import { Locale, t } from '../i18n';
import { PlanItem } from './model';
import { PlanPublication } from './public-repository';
import { cleanInput } from '../util/text';

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

/** Longest public title an officer may give (a line a supplier reads in a table). */
export const PUBLIC_TITLE_MAX = 120;

/**
 * "2027-K2", "2027-Q2", "2027 K2", "K2 2027" → "2027-Q2", when it is a real quarter from the current one
 * (today, in Sweden) up to ten years ahead; otherwise null.
 */
export function parseQuarter(text: string, today: string): string | null {
  const s = text.trim().toUpperCase();
  const yearFirst = /^(\d{4})\s*(?:[-–/]\s*)?[KQ]([1-4])$/.exec(s);
  const quarterFirst = /^[KQ]([1-4])\s*(?:[-–/]\s*)?(\d{4})$/.exec(s);
  if (!yearFirst && !quarterFirst) return null;
  const year = Number(yearFirst ? yearFirst[1] : quarterFirst?.[2]);
  const quarter = Number(yearFirst ? yearFirst[2] : quarterFirst?.[1]);
  const nowYear = Number(today.slice(0, 4));
  const nowQuarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  if (year > nowYear + 10 || year * 4 + quarter < nowYear * 4 + nowQuarter) return null;
  return `${year}-Q${quarter}`;
}

/** The quarter after the one `today` is in: "2026-11-21" → "2027-Q1" (an example that passes). */
export function nextQuarter(today: string): string {
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const year = Number(today.slice(0, 4));
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

/** "2027-Q2" as the officer's language writes it: "2027-K2" in Swedish. */
export const quarterText = (locale: Locale, quarter: string): string => (locale === 'sv' ? quarter.replace('-Q', '-K') : quarter);

/** The public title as plain text: control characters and runs of spaces removed; no markup or template characters. */
export const publicTitleInput = z
  .string()
  .transform(cleanInput)
  .pipe(z.string().min(3).max(PUBLIC_TITLE_MAX).regex(/^[^<>{}$`\\]*$/));

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
      procedure: (p.procedure ?? item.route) ? t(locale, `plan.public.procedure.${p.procedure ?? item.route}`) : t(locale, 'plan.public.procedure.unknown'),
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
