import { Assessment, assessNeed } from '../rules/assess';
import { PurchaseKind } from '../rules/data';
import { foldText } from '../contracts/text';

/**
 * The rule calculator: reads an amount and the kind of purchase from a question and answers from the
 * rules data in force on the day. Deterministic, no model. Inköp makes the final assessment.
 */

const NUM = String.raw`(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+(?:[.,]\d+)?)`;

function toNumber(raw: string): number {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '');
  // "1.250.000" or "400,000" as thousands; "0,4" or "2.5" as decimals.
  if (/^\d{1,3}([.,]\d{3})+$/.test(s) && !/^\d+[.,]\d{1,2}$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  return Number(s.replace(',', '.'));
}

/** "400 000 kr", "400' kr", "400 tkr", "0,4 miljoner", "2 mkr", "1,2 MSEK", "SEK 400,000", "700 000:-" → SEK. */
export function parseAmount(text: string): number | null {
  const t = text.toLowerCase().replace(/’/g, "'");
  const patterns: [RegExp, number][] = [
    [new RegExp(`${NUM}\\s*(?:mkr|msek|miljoner|miljon|milj\\.?|million|millions|m sek)\\b`), 1_000_000],
    [new RegExp(`${NUM}\\s*(?:tkr|tusen|ksek|thousand)\\b`), 1_000],
    [new RegExp(`${NUM}\\s*'\\s*(?:kr|kronor|sek)?`), 1_000],
    [new RegExp(`${NUM}\\s*(?:kr\\b|kronor\\b|sek\\b|:-)`), 1],
    [new RegExp(`(?:sek|kr)\\s*${NUM}`), 1],
  ];
  for (const [re, factor] of patterns) {
    const m = re.exec(t);
    if (m) {
      const n = toNumber(m[1]) * factor;
      if (Number.isFinite(n) && n >= 0) return Math.round(n);
    }
  }
  // A bare amount with thousand separators ("för 400 000") is an amount too.
  const bare = /(?:^|\s)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:\s|[?.!,]|$)/.exec(t);
  return bare ? toNumber(bare[1]) : null;
}

export interface KindGuess {
  kind: PurchaseKind;
  /** services / goods / works / social, for wording. */
  label: 'tjanster' | 'varor' | 'bygg' | 'sociala' | 'ospecificerat';
}

export function detectKind(text: string): KindGuess {
  const f = foldText(text);
  if (/bygg|entreprenad|renover|ombyggnad|anlaggning|construction|building works|\bworks\b/.test(f)) return { kind: 'works', label: 'bygg' };
  if (/sociala (och andra sarskilda )?tjanster|bilaga 2|hvb|behandlingshem|social services/.test(f)) return { kind: 'social-services', label: 'sociala' };
  if (/tjanst|konsult|service|tolk|stad|utbildning|consult|services/.test(f)) return { kind: 'supplies-services', label: 'tjanster' };
  if (/vara|varor|produkt|utrustning|material|goods|equipment|dator|mobel/.test(f)) return { kind: 'supplies-services', label: 'varor' };
  return { kind: 'supplies-services', label: 'ospecificerat' };
}

const PURCHASE_WORDS = /direktupphandl|upphandl|kopa|kop |handla|bestalla|annonser|direct|procure|buy|purchase|order/;

/** True when the message asks about buying something for an amount: the calculator answers it. */
export function isCalculatorQuestion(text: string): boolean {
  return parseAmount(text) !== null && PURCHASE_WORDS.test(` ${foldText(text)} `);
}

export interface Calculation {
  amount: number;
  kind: KindGuess;
  directAllowed: boolean;
  assessment: Assessment;
}

export function calculate(text: string, today: string): Calculation | null {
  const amount = parseAmount(text);
  if (amount === null) return null;
  const kind = detectKind(text);
  // The desired start does not matter for the route; a year ahead keeps the assessment well-formed.
  const assessment = assessNeed({ totalValueSek: amount, purchaseKind: kind.kind, complex: false, submittedOn: today, desiredStart: today });
  return { amount, kind, directAllowed: amount < assessment.thresholds.directLimit.sek, assessment };
}
