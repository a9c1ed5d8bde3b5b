import { Assessment, assessNeed } from '../rules/assess';
import { PURCHASE_KINDS, PurchaseKind, withinDirectLimit } from '../rules/data';
import { KindLabel, KindMatch, classifyKind, matchTerms } from '../rules/purchase-kinds';
import { cut, foldText } from '../util/text';

/**
 * The rule calculator: reads an amount and the kind of purchase from a question and answers from the
 * rules data in force on the day. Deterministic, no model. Inköp makes the final assessment.
 */

/** No purchase a region makes is larger; a bigger number is a typo or a probe, not an amount. */
export const MAX_AMOUNT_SEK = 100_000_000_000;

const SPACE = new Set([' ', '\u00a0', '\u202f']);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/** Units after a number, longest first, with their factor and rank (a lower rank wins, as "2 mkr" over "400 kr"). */
const SUFFIXES: [string, number, number][] = [
  ['miljoner', 1_000_000, 0], ['millions', 1_000_000, 0], ['million', 1_000_000, 0], ['miljon', 1_000_000, 0], ['milj.', 1_000_000, 0],
  ['milj', 1_000_000, 0], ['m sek', 1_000_000, 0], ['msek', 1_000_000, 0], ['mkr', 1_000_000, 0],
  ['thousand', 1_000, 1], ['tusen', 1_000, 1], ['ksek', 1_000, 1], ['tkr', 1_000, 1],
  ["'", 1_000, 2],
  ['kronor', 1, 3], ['sek', 1, 3], ['kr', 1, 3], [':-', 1, 3],
];
const PREFIXES = ['sek', 'kr'];

/**
 * A run of digits and single separators as written ("400 000", "1.250.000", "0,4", "2026 400 000")
 * → its value: thousands groups of three (the longest such tail when a year or count stands before
 * it), with a decimal part of one or two digits after "," or ".".
 */
function runValue(run: string): { value: number; spaced: boolean } {
  const groups: string[] = [];
  const seps: string[] = [];
  let cur = '';
  for (const c of run) {
    if (isDigit(c)) cur += c;
    else {
      groups.push(cur);
      seps.push(c);
      cur = '';
    }
  }
  groups.push(cur);
  let decimals = '';
  const last = seps.length - 1;
  if (last >= 0 && (seps[last] === ',' || seps[last] === '.') && groups[last + 1].length <= 2 && !seps.slice(0, last).includes(seps[last])) {
    decimals = groups.pop() as string;
    seps.pop();
  }
  // Thousands groups from the right: three digits each, the leading one one to three.
  let first = groups.length - 1;
  while (first > 0 && groups[first].length === 3 && groups[first - 1].length <= 3) {
    first--;
    if (groups[first].length < 3) break;
  }
  const digits = groups.slice(first).join('');
  const value = Number(decimals ? `${digits}.${decimals}` : digits);
  const spaced = seps.slice(first).some((c) => SPACE.has(c));
  return { value, spaced };
}

/** Counts the characters the scanner looked at; tests assert it stays linear in the input. */
export interface ScanStats {
  steps: number;
}

/**
 * "400 000 kr", "400' kr", "400 tkr", "0,4 miljoner", "2 mkr", "1,2 MSEK", "SEK 400,000", "700 000:-",
 * or a bare "för 400 000" → SEK, else null. One pass over at most MAX_MESSAGE_CHARS characters, each
 * number looked at with a bounded look-ahead for its unit, so the cost is linear whatever is pasted.
 * Amounts that are not finite or above MAX_AMOUNT_SEK are no amounts.
 */
export function parseAmount(input: string, stats: ScanStats = { steps: 0 }): number | null {
  const text = cut(input).toLowerCase().replace(/’/g, "'");
  let best: { rank: number; value: number } | null = null;
  let i = 0;
  while (i < text.length) {
    stats.steps++;
    if (!isDigit(text[i]) || isDigit(text[i - 1])) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    // Digits with single separators between them.
    while (end < text.length) {
      stats.steps++;
      if (isDigit(text[end])) end++;
      else if ((SPACE.has(text[end]) || text[end] === '.' || text[end] === ',') && isDigit(text[end + 1])) end++;
      else break;
    }
    const { value, spaced } = runValue(text.slice(start, end));
    i = end;
    let after = end;
    while (after < text.length && after < end + 2 && SPACE.has(text[after])) after++;
    const tail = text.slice(after, after + 9);
    stats.steps += 9;
    let found: { rank: number; value: number } | null = null;
    for (const [unit, factor, rank] of SUFFIXES) {
      const endsWord = unit.endsWith('.') || unit === "'" || unit === ':-' || !isLetter(tail[unit.length]);
      if (tail.startsWith(unit) && endsWord) {
        found = { rank, value: value * factor };
        break;
      }
    }
    if (!found) {
      const before = text.slice(Math.max(0, start - 5), start).trimEnd();
      stats.steps += 5;
      if (PREFIXES.some((p) => before.endsWith(p) && !isLetter(before[before.length - p.length - 1]))) found = { rank: 4, value };
    }
    // A bare amount with thousand separators ("för 400 000") is an amount too.
    if (!found && spaced && (end === text.length || /[\s?.!,]/.test(text[end]))) found = { rank: 5, value };
    if (found && Number.isFinite(found.value) && found.value >= 0 && found.value <= MAX_AMOUNT_SEK && (!best || found.rank < best.rank)) best = found;
  }
  return best ? Math.round(best.value) : null;
}

export interface KindGuess {
  kind: PurchaseKind;
  /** services / goods / works / social, for wording; 'ospecificerat' when the question names no kind. */
  label: KindLabel | 'ospecificerat';
  /** The group of words that decided it (policy.calc.group.<group>), or null. */
  group: string | null;
  /** The person chose the kind with a button: nothing was assumed. */
  chosen?: boolean;
  /** Other kinds the words also point to, whose answer for this amount is the same: named as an assumption. */
  alsoPossible?: PurchaseKind[];
  /** The rule that decided the kind is not verified against the legal text here (see purchase-kinds.ts). */
  unverified?: boolean;
}

const KIND_LABEL: Record<PurchaseKind, KindLabel> = { 'supplies-services': 'tjanster', works: 'bygg', 'social-services': 'sociala' };

function guessFor(kind: PurchaseKind, m: KindMatch | undefined, unverified: boolean): KindGuess {
  if (!m) return { kind, label: 'ospecificerat', group: null };
  return { kind, label: m.entry.kind === kind ? m.entry.label : KIND_LABEL[kind], group: m.entry.group, ...(unverified ? { unverified } : {}) };
}

/**
 * The kind of purchase a question names, from the word lists in the rules data; goods and services when
 * it names none. Where the words point to more than one kind, the first in PURCHASE_KINDS order: use
 * calculate(), which compares the answers and asks, when there is a person to ask.
 */
export function detectKind(text: string): KindGuess {
  const r = classifyKind(cut(text));
  if (r.kinds.length === 0) return { kind: 'supplies-services', label: 'ospecificerat', group: null };
  return guessFor(r.kinds[0], r.deciding[0], r.unverified);
}

const PURCHASE_WORDS = /direktupphandl|upphandl|kopa|kop |handla|bestalla|annonser|direct|procure|buy|purchase|order/;

/** True when the message asks about buying something for an amount: the calculator answers it. */
export function isCalculatorQuestion(text: string): boolean {
  if (parseAmount(text) === null) return false;
  // "Bygga om entrén för 2 miljoner": a kind of purchase with an amount is a purchase question too.
  if (PURCHASE_WORDS.test(` ${foldText(cut(text))} `)) return true;
  return matchTerms(cut(text)).some((m) => !m.entry.generic);
}

export interface Calculation {
  amount: number;
  kind: KindGuess;
  directAllowed: boolean;
  assessment: Assessment;
  /** The kinds not assumed, for the buttons that calculate the same amount as another kind. */
  otherKinds: PurchaseKind[];
  /**
   * Set when the words point to two or more kinds whose answers differ for this amount: the card asks
   * which, with these kinds as buttons, and shows no verdict.
   */
  askKinds?: PurchaseKind[];
}

/**
 * The answer for an amount and a kind, with the rules in force on the planned advertisement day. The
 * calculator knows no desired start: the need is taken as submitted today for the realistic start.
 */
export function calculateFor(amount: number, kind: KindGuess, today: string): Calculation {
  const assessment = assessNeed({ totalValueSek: amount, purchaseKind: kind.kind, complex: false, submittedOn: today, desiredStart: today });
  return {
    amount,
    kind,
    directAllowed: withinDirectLimit(amount, assessment.thresholds.directLimit),
    assessment,
    otherKinds: PURCHASE_KINDS.filter((k) => k !== kind.kind),
  };
}

/** What a person acts on: may it be bought directly, by which route, and must it be documented. */
const answerOf = (c: Calculation) => `${c.directAllowed}|${c.assessment.route}|${c.assessment.documentationDuty}`;

/**
 * The answer to a question with an amount. When the words point to several kinds, each is calculated:
 * the same answer for all → that answer, naming the others as an assumption; different answers → the
 * card asks which kind, never picking one.
 */
export function calculate(text: string, today: string): Calculation | null {
  const amount = parseAmount(text);
  if (amount === null) return null;
  const r = classifyKind(cut(text));
  if (r.kinds.length <= 1) return calculateFor(amount, detectKind(text), today);
  const each = r.kinds.map((k, i) => calculateFor(amount, guessFor(k, r.deciding[i], r.unverified), today));
  if (new Set(each.map(answerOf)).size === 1) {
    const first = each[0];
    return { ...first, kind: { ...first.kind, alsoPossible: r.kinds.slice(1) } };
  }
  return { ...each[0], askKinds: r.kinds, otherKinds: r.kinds };
}
