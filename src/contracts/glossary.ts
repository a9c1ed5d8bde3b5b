import { z } from 'zod';
import { foldText, trimEndChars } from '../util/text';
import data from './glossary.json';
import { parseQuery } from './search-query';

/**
 * English product words in a Swedish catalogue: the glossary (glossary.json, and what officers add in
 * the product_glossary table) turns "gloves" into "handskar" before the search reads the words. Plain
 * functions; the repository loads the officers' entries.
 */

/** Longest English phrase the glossary looks for, in words. */
const MAX_PHRASE = 4;
export const MAX_TERM_LENGTH = 60;

const term = z.string().trim().min(1).max(MAX_TERM_LENGTH);
const fileSchema = z.object({ categories: z.record(term, term), products: z.record(term, term) });

/** An English word or phrase → the Swedish words to search for, keyed by the folded English. */
export type Glossary = ReadonlyMap<string, string>;

const fold = (s: string) => foldText(s).replace(/\s+/g, ' ').trim();

function build(entries: [string, string][]): Map<string, string> {
  return new Map(entries.map(([en, sv]) => [fold(en), sv.trim()]));
}

/** The glossary kept with the code (validated once, at load). */
export const BASE_GLOSSARY: Glossary = (() => {
  const file = fileSchema.parse(data);
  return build([...Object.entries(file.categories), ...Object.entries(file.products)]);
})();

/** The base glossary with the officers' own entries over it. */
export function withEntries(base: Glossary, extra: readonly { en: string; sv: string }[]): Glossary {
  if (extra.length === 0) return base;
  return new Map([...base, ...build(extra.map((e) => [e.en, e.sv]))]);
}

/** An English word's singular forms, most likely first ("batteries" → "battery", "boxes" → "box", "gloves" → "glove"). */
function singulars(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith('ies') && word.length > 4) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es') && word.length > 3) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 2) out.push(word.slice(0, -1));
  return out;
}

/** Words this long may be one letter off (dropped, added, changed, or two swapped): "labtop", "glvoes". */
const MIN_TYPO_LENGTH = 5;

/** True when a and b are at most one edit apart (Damerau: a swap of neighbours counts as one). */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.slice(i) === long.slice(i + 1);
}

/** A one-word entry the word is a typo of, for a word the glossary does not hold. */
function nearWord(glossary: Glossary, word: string): string | undefined {
  if (word.length < MIN_TYPO_LENGTH) return undefined;
  const forms = [word, ...singulars(word)];
  for (const [en, sv] of glossary) {
    if (!en.includes(' ') && Math.abs(en.length - word.length) <= 3 && forms.some((f) => oneEditApart(f, en))) return sv;
  }
  return undefined;
}

function lookUp(glossary: Glossary, words: string[]): string | undefined {
  const phrase = words.join(' ');
  const hit = glossary.get(phrase);
  if (hit) return hit;
  if (words.length === 1 && /^\d/.test(phrase)) return undefined;
  // The plural of the phrase's last word ("hearing aids", "office chairs").
  const last = words[words.length - 1];
  for (const s of singulars(last)) {
    const found = glossary.get([...words.slice(0, -1), s].join(' '));
    if (found) return found;
  }
  return words.length === 1 ? nearWord(glossary, phrase) : undefined;
}

/**
 * The words in Swedish: each English word or phrase the glossary knows (longest first) replaced by its
 * Swedish words, everything else (a supplier's name, "ffp3", a Swedish word) kept as typed.
 */
export function toSwedish(text: string, glossary: Glossary): { text: string; translated: boolean; complete: boolean } {
  const words = fold(text)
    .split(/[^a-z0-9-]+/)
    .filter((w) => w !== '');
  const raw = text.split(/[^\p{L}\p{N}-]+/u).filter((w) => w !== '');
  // Folding keeps one word per word; when it did not (a ligature), translate nothing.
  if (raw.length !== words.length) return { text, translated: false, complete: false };
  const out: string[] = [];
  let translated = false;
  // Every word that means something was translated (a stop word like "a" or "for" needs none).
  let complete = true;
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE, words.length - i); n > 0 && matched === 0; n--) {
      const sv = lookUp(glossary, words.slice(i, i + n));
      if (sv !== undefined) {
        out.push(sv);
        matched = n;
      }
    }
    if (matched > 0) {
      translated = true;
      i += matched;
    } else {
      out.push(raw[i]);
      if (parseQuery(raw[i]).tokens.length > 0) complete = false;
      i += 1;
    }
  }
  return { text: out.join(' '), translated, complete };
}

/** "ordlista", "ordlista lägg till laptop = bärbar dator", "glossary remove laptop": what an officer asked. */
export type GlossaryCommand = { action: 'list' } | { action: 'add'; en: string; sv: string } | { action: 'remove'; en: string } | { action: 'invalid' };

const ADD = /^(?:l[aä]gg\s+till|add)\s+/i;
const REMOVE = /^(?:ta\s+bort|remove|delete)\s+/i;
const SEPARATORS = ['=', '->', '→'];

/** "laptop = bärbar dator" → the two sides of its first separator (=, -> or →), or null when there is none after a word. */
function sides(text: string): [string, string] | null {
  const at = Math.min(...SEPARATORS.map((s) => (text.indexOf(s) < 0 ? Infinity : text.indexOf(s))));
  if (at === Infinity) return null;
  const sep = SEPARATORS.find((s) => text.startsWith(s, at)) ?? '';
  return [text.slice(0, at), text.slice(at + sep.length)];
}
/** Letters, digits, spaces, hyphens: a product word, not markup or a query. */
const entryTerm = term.regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u);

export function parseGlossaryCommand(text: string): GlossaryCommand {
  const rest = trimEndChars(text.trim().replace(/^(?:ordlista[n]?|glossary)\s*/i, '').trim(), '.!').trim();
  if (rest === '') return { action: 'list' };
  const add = ADD.exec(rest);
  if (add) {
    // The words are cut at the first separator; a side left empty, or holding a separator, is no entry.
    const pair = sides(rest.slice(add[0].length));
    const en = entryTerm.safeParse(pair?.[0]);
    const sv = entryTerm.safeParse(pair?.[1]);
    return pair && en.success && sv.success ? { action: 'add', en: en.data, sv: sv.data } : { action: 'invalid' };
  }
  const remove = REMOVE.exec(rest);
  if (remove) {
    const en = entryTerm.safeParse(rest.slice(remove[0].length));
    return en.success ? { action: 'remove', en: en.data } : { action: 'invalid' };
  }
  return { action: 'invalid' };
}
