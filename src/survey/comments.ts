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

const LOCAL_CHAR = /^[\p{L}\p{N}._%+-]$/u;
const DOMAIN_CHAR = /^[\p{L}\p{N}.-]$/u;
const LETTER = /^\p{L}$/u;

/**
 * Every e-mail address (letters, digits and ._%+- before the @; letters, digits, dots and hyphens after it,
 * ending in a dot and two or more letters) replaced by `mark`, leftmost first, as the pattern
 * /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu would; plain code, linear in the length.
 */
export function replaceEmails(text: string, mark: string): string {
  const cs = Array.from(text);
  let out = '';
  let done = 0;
  let localStart = 0;
  for (let at = 0; at < cs.length; at++) {
    if (cs[at] !== '@') {
      if (!LOCAL_CHAR.test(cs[at])) localStart = at + 1;
      continue;
    }
    const start = Math.max(done, localStart);
    localStart = at + 1;
    if (start >= at) continue;
    let run = at + 1;
    while (run < cs.length && DOMAIN_CHAR.test(cs[run])) run++;
    // The last dot in the domain with two letters after it; the letters after it run to the end of the address.
    let end = -1;
    for (let dot = run - 3; dot >= at + 2 && end < 0; dot--) {
      if (cs[dot] !== '.' || !LETTER.test(cs[dot + 1]) || !LETTER.test(cs[dot + 2])) continue;
      end = dot + 3;
      while (end < run && LETTER.test(cs[end])) end++;
    }
    if (end < 0) continue;
    out += cs.slice(done, start).join('') + mark;
    done = end;
    localStart = end;
    at = end - 1;
  }
  return out + cs.slice(done).join('');
}

/**
 * Removes e-mail addresses, personnummer-like numbers (YYMMDD-NNNN, YYYYMMDDNNNN, with or without a
 * separator), phone numbers (7 or more digits, spaces and dashes allowed, +46 too), the names we know
 * (respondents, submitters, reference groups, officers: whole names and each part of three letters or
 * more) and any run of two or more capitalised words that are not the organisation's own (a first and
 * last name). Case numbers such as INK-2026-0042 are left alone.
 */
export function stripPersonal(text: string, knownNames: readonly string[], r: Redactions): string {
  let out = replaceEmails(text, r.email);
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
