import { randomInt } from 'node:crypto';

/**
 * The open answers as a released quarter shows them: stripped of what points at a person, in random order.
 * Plain code.
 */

/** Words that look like names but are the organisation's own (two capitalised words in a row are taken for a name otherwise). */
const NOT_NAMES = new Set(
  [
    'region', 'regionen', 'regioner', 'sörmland', 'västmanland', 'inköp', 'inköpsassistenten', 'teams', 'microsoft', 'lou', 'nki',
    'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
    'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag', 'sverige', 'svensk', 'svenska', 'eu', 'it', 'hr',
  ],
);

export interface Redactions {
  name: string;
  email: string;
  personalNumber: string;
  phone: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CAPITALISED = "\\p{Lu}[\\p{Ll}'’-]+";

/**
 * Removes e-mail addresses, personnummer-like numbers (YYMMDD-NNNN, YYYYMMDDNNNN, with or without a
 * separator), phone numbers (7 or more digits, spaces and dashes allowed, +46 too), the names we know
 * (respondents, submitters, reference groups, officers: whole names and each part of three letters or
 * more) and any run of two or more capitalised words that are not the organisation's own (a first and
 * last name). Case numbers such as INK-2026-0042 are left alone.
 */
export function stripPersonal(text: string, knownNames: readonly string[], r: Redactions): string {
  let out = text.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu, r.email);
  out = out.replace(/(?<![\p{N}-])(?:\d{2})?\d{6}[-+ ]?\d{4}(?![\p{N}])/gu, r.personalNumber);
  out = out.replace(/(?<![\p{L}\p{N}-])(?:\+\d{1,3}[\s-]?)?\(?\d[\d\s()-]{5,}\d(?![\p{N}])/gu, (m) => (m.replace(/\D/g, '').length >= 7 ? r.phone : m));
  const parts = new Set<string>();
  for (const name of knownNames) {
    const n = name.trim();
    if (n.length >= 3) parts.add(n);
    for (const p of n.split(/[\s,;]+/)) if (p.length >= 3 && !NOT_NAMES.has(p.toLowerCase())) parts.add(p);
  }
  for (const p of [...parts].sort((a, b) => b.length - a.length)) out = out.replace(new RegExp(`(?<![\\p{L}])${escape(p)}(?![\\p{L}])`, 'giu'), r.name);
  out = out.replace(new RegExp(`${CAPITALISED}(?:\\s+${CAPITALISED})+`, 'gu'), (m) => (m.split(/\s+/).every((w) => NOT_NAMES.has(w.toLowerCase())) ? m : r.name));
  return out.replace(/\s{2,}/g, ' ').trim();
}

/** A random order (Fisher–Yates with the system's random source): not the order the answers came in. */
export function shuffled<T>(items: readonly T[], random: (n: number) => number = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
