import { foldText } from '../util/text';

/**
 * The words of a passage that answer a question: the one or two sentences (or the list item) that
 * carry the question's key terms and its kind of answer — a time for "hur tidigt/när/how early/when",
 * an amount for "hur mycket/how much", a role for "vem/who". A sentence that carries none of the
 * question's key terms answers some other question and is never chosen over one that does. Plain
 * functions, no I/O: sentence splitting that knows Swedish and English abbreviations, light stemming,
 * scoring by how rare each matched term is in the passage.
 */
export type AnswerKind = 'time' | 'amount' | 'role';

export interface QuoteUnit {
  text: string;
  /** A list item ("- …", "1. …"): quoted alone, never joined to its neighbours. */
  list: boolean;
  /** A sentence ending in ":" that introduces the list after it. */
  leadIn: boolean;
}

/** Abbreviations after which a full stop does not end a sentence (folded, without the final dot). */
const ABBREVIATIONS = new Set([
  'ca', 'kap', 'jfr', 'resp', 'exkl', 'inkl', 'nr', 'st', 'tel', 'enl', 'ang', 'dvs', 'osv', 'mm', 'bl', 'ex', 'kl', 'fr', 'forts',
  'approx', 'no', 'nos', 'art', 'cf', 'incl', 'excl', 'vs', 'ref', 'dnr', 'fig', 'mr', 'ms', 'dr', 'prop', 'jan', 'feb', 'aug', 'sept', 'okt', 'nov', 'dec',
]);

function isAbbreviation(token: string): boolean {
  const t = foldText(token.replace(/^[("'«”]+/, ''));
  if (ABBREVIATIONS.has(t)) return true;
  // Dotted short forms: "t.ex", "bl.a", "s.k", "e.g", "i.e", "fr.o.m"; and a single initial ("A. Andersson").
  return /^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(t) || /^\p{L}$/u.test(t);
}

/**
 * A paragraph's sentences. A full stop, "!" or "?" ends one when white space and a capital letter,
 * digit or opening quote follow, unless it closes an abbreviation ("t.ex.", "bl.a.", "kap.", "ca.").
 * Numbers stay whole: "700 000 kr", "19 a kap. 11 § LOU", "ISO 14001:2015", "2022-02-01".
 */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(/([.!?])["”»)]?\s+(?=["“«(]?[\p{Lu}\d§])/gu)) {
    const end = (m.index ?? 0) + m[0].length;
    const before = text.slice(start, m.index).split(' ').pop() ?? '';
    if (m[1] === '.' && isAbbreviation(before)) continue;
    out.push(text.slice(start, end).trim());
    start = end;
  }
  if (start < text.length) out.push(text.slice(start).trim());
  return out.filter(Boolean);
}

const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/;

/** A passage as quotable units: paragraph sentences and list items, in order, Markdown marks removed. */
export function splitUnits(body: string): QuoteUnit[] {
  const units: QuoteUnit[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) for (const s of splitSentences(paragraph.join(' '))) units.push({ text: s, list: false, leadIn: false });
    paragraph = [];
  };
  for (const raw of body.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.replace(/\*\*|__|`/g, '').replace(/^#+\s+/, '');
    if (!line.trim()) flush();
    else if (LIST_ITEM.test(line)) {
      flush();
      units.push({ text: line.replace(LIST_ITEM, '').trim(), list: true, leadIn: false });
    } else if (/^\s{2,}\S/.test(raw) && units.length && units[units.length - 1].list && paragraph.length === 0) {
      units[units.length - 1].text += ` ${line.trim()}`;
    } else paragraph.push(line.trim());
  }
  flush();
  units.forEach((u, i) => {
    u.leadIn = !u.list && /:$/.test(u.text) && Boolean(units[i + 1]?.list);
  });
  return units;
}

const KIND_PATTERNS: [AnswerKind, RegExp][] = [
  ['role', / (vem|vems|who|whose|whom) /],
  ['time', / (hur tidigt|hur lang tid|hur lang|hur lange|hur snart|nar|sedan nar|fran nar|hur manga (dagar|veckor|manader)|how early|how long|how soon|when|since when|how many (days|weeks|months)|what date) /],
  ['amount', / (hur mycket|hur stort|hur hogt|vilket belopp|belopp|beloppet|grans|gransen|beloppsgrans|troskelvarde\w*|how much|how high|what amount|limit|threshold\w*) /],
];

/** The kind of answer a question wants, and the words of a "hur …/how …" phrase that asked for it ("hur lång tid"). */
function kindOf(question: string): { kind: AnswerKind | null; asking: string[] } {
  const f = ` ${foldText(question).replace(/[^a-z0-9]+/g, ' ')} `;
  for (const [kind, re] of KIND_PATTERNS) {
    const m = re.exec(f);
    if (m) return { kind, asking: /^(hur|how) /.test(m[1]) ? m[1].split(' ') : [] };
  }
  return { kind: null, asking: [] };
}

/** What kind of answer the question wants, from its question words (Swedish and English). */
export function answerKind(question: string): AnswerKind | null {
  return kindOf(question).kind;
}

const CUES: Record<AnswerKind, RegExp[]> = {
  time: [
    /\b\d+(?:\s*[–-]\s*\d+)?\s*(?:dagar|dag|veckor|vecka|månader|månad|år|timmar|days?|weeks?|months?|years?|hours?)\b/iu,
    /\b\d{4}-\d{2}-\d{2}\b/,
    /\b\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october)\b/iu,
    /\b(?:i god tid|så tidigt som möjligt|in good time|as early as possible)\b/iu,
  ],
  amount: [/\d\s*(?:kr|kronor|sek|euro|eur|miljoner|million)\b/iu, /\b(?:SEK|EUR)\s*\d/u],
  role: [
    /(?:^|[\s(])(?:ansvar\p{L}*|leder|leds|beslutar|fastställ\p{L}*|äger|utser|kontakta)(?=$|[\s,.;:)])/iu,
    /\b(?:responsib\w*|leads?|led|decides?|decided|owns?|sets?|appoints?|contact)\b/i,
  ],
};

export function hasCue(kind: AnswerKind, text: string): boolean {
  return CUES[kind].some((re) => re.test(text));
}

/** "över/under the threshold": a side of a limit. Never a key term ("över" is in "överprövning"). */
const SIDES = { above: ['over', 'above', 'overstiger', 'exceeds', 'exceeding'], below: ['under', 'below', 'understiger'] };
const QUALIFIER_WORDS = new Set([...SIDES.above, ...SIDES.below]);
const LIMIT_WORD = /^(eu|trosk|grans|direktupph|threshold|limit|\d)/;

function sideIn(words: string[]): { above: boolean; below: boolean } {
  const next = (i: number, k: number) => words[i + k] ?? '';
  const limitAfter = (i: number) => LIMIT_WORD.test(next(i, 1)) || (/^(the|a|an)$/.test(next(i, 1)) && LIMIT_WORD.test(next(i, 2)));
  const at = (side: string[]) => words.some((w, i) => side.includes(w) && limitAfter(i));
  return { above: at(SIDES.above), below: at(SIDES.below) };
}

const SV_ENDINGS = ['arnas', 'ernas', 'ornas', 'heten', 'heter', 'arna', 'erna', 'orna', 'ande', 'ende', 'ingen', 'ingar', 'het', 'ens', 'ets', 'are', 'ern', 'eln', 'ing', 'en', 'et', 'er', 'ar', 'or', 'na', 'ed', 'es', 'ly', 'a', 'e', 's', 'n', 't'];

/** Roots of a folded word to look for in a passage: the word less a common ending, and the first part of a long word. */
export function roots(word: string): string[] {
  const out = new Set<string>([word]);
  for (const e of SV_ENDINGS) {
    if (word.endsWith(e) && word.length - e.length >= 3) {
      out.add(word.slice(0, -e.length));
      break;
    }
  }
  // The first part of a long compound ("utsläppskrav" → "utslapp"), which other compounds share.
  if (word.length >= 10) out.add(word.slice(0, Math.max(5, Math.min(8, word.length - 5))));
  return [...out];
}

const wordsOf = (text: string) => foldText(text).match(/[a-z0-9]+/g) ?? [];

/** A short root matches a word that is the root plus an inflection ("köp" → "köpet", "tid" → "tiden", "buy" → "buying"), not any word it starts ("var" ≠ "varje"). */
const SHORT_ENDINGS = new Set(['', 'a', 'e', 'n', 's', 't', 'en', 'et', 'er', 'ar', 'or', 'na', 'es', 'ed', 'ens', 'ets', 'ing', 'ers']);
const shortOf = (r: string) => (w: string) => w.startsWith(r) && SHORT_ENDINGS.has(w.slice(r.length));

/** Does a unit's word list hold one of a term group's alternatives? */
function holds(words: string[], group: string[]): boolean {
  const has = (r: string) => (r.length <= 3 ? words.some(shortOf(r)) : words.some((w) => w.includes(r)));
  return group.some((alt) => roots(alt).some(has));
}

/** Question verbs that say what is asked, not what about ("Vad betyder …", "How does … work"): never key terms. */
const ASKING = new Set(['betyder', 'betyda', 'innebar', 'innebara', 'hander', 'handa', 'fungerar', 'fungera', 'menas', 'mean', 'means', 'happens', 'happen', 'work', 'works']);

/** Key-term groups from a question: each group is one question word and the words it may be written as. */
export interface QuoteQuery {
  groups: string[][];
  kind: AnswerKind | null;
  /** The question's folded words, for the side of a limit it asks about. */
  words: string[];
}

/** Builds the query for selectQuote from term groups (folded words) and the question as typed. */
export function quoteQuery(question: string, groups: string[][]): QuoteQuery {
  const words = wordsOf(question);
  // Years are key terms here ("tröskelvärdet 2024"), though the search leaves numbers out.
  const years = [...new Set(words.filter((w) => /^(19|20)\d{2}$/.test(w)))].map((y) => [y]);
  // "lång" in "hur lång tid" asks for a time; it is not what the answer is about.
  const { kind, asking } = kindOf(question);
  const terms = groups.map((g) => g.filter((w) => !QUALIFIER_WORDS.has(w) && !ASKING.has(w) && !asking.includes(w))).filter((g) => g.length > 0);
  return { groups: [...terms, ...years], kind, words };
}

interface Scored {
  i: number;
  score: number;
  cue: boolean;
}

function scoreUnits(units: QuoteUnit[], q: QuoteQuery, heading: string): Scored[] {
  const unitWords = units.map((u) => wordsOf(u.text));
  const hits = q.groups.map((g) => unitWords.map((w) => holds(w, g)));
  const weight = hits.map((h) => 1 / Math.sqrt(Math.max(1, h.filter(Boolean).length)));
  // A key term only the heading holds ("…anonyma?"): the section as a whole answers it, and sections
  // open with their answer, so it counts for the opening sentence.
  const headingWords = wordsOf(heading);
  const headingOnly = q.groups.filter((g, k) => !hits[k].some(Boolean) && holds(headingWords, g)).length;
  const asked = sideIn(q.words);
  return units.map((u, i) => {
    let score = hits.reduce((s, h, g) => s + (h[i] ? weight[g] : 0), 0) + (i === 0 ? headingOnly : 0);
    const side = sideIn(unitWords[i]);
    // A sentence about the other side of the limit answers another question.
    const conflict = (asked.above && side.below && !side.above) || (asked.below && side.above && !side.below);
    if (conflict) score = 0;
    else if ((asked.above && side.above) || (asked.below && side.below)) score += 0.5;
    return { i, score, cue: q.kind !== null && hasCue(q.kind, u.text) };
  });
}

function fit(text: string, maxChars: number): string {
  return text.length > maxChars ? `${withoutLastWord(text.slice(0, maxChars - 1))} …` : text;
}

/** The text without its last (perhaps cut) word and the spaces before it; a text of one word as it is. */
function withoutLastWord(text: string): string {
  const space = (i: number) => /\s/.test(text[i - 1]);
  let end = text.length;
  while (end > 0 && !space(end)) end--;
  if (end === 0) return text;
  while (end > 0 && space(end)) end--;
  return text.slice(0, end);
}

/** The unit to quote: the best-scoring one that carries a key term, preferring those with the wanted kind of answer. */
function bestUnit(scored: Scored[]): Scored | null {
  const cands = scored.filter((s) => s.score > 0);
  if (cands.length === 0) return null;
  const top = Math.max(...cands.map((s) => s.score));
  const withCue = cands.filter((s) => s.cue);
  const pool = withCue.length > 0 && Math.max(...withCue.map((s) => s.score)) >= top / 2 ? withCue : cands;
  return pool.reduce((a, b) => (b.score > a.score ? b : a));
}

/** The one or two sentences of a passage (under its heading) that answer the question, at most maxChars. */
export function selectQuote(body: string, q: QuoteQuery, maxChars = 320, heading = ''): string {
  const units = splitUnits(body);
  if (units.length === 0) return '';
  const scored = scoreUnits(units, q, heading);
  const best = bestUnit(scored);
  // Nothing carries the question's words (the heading matched): the section's opening sentence.
  if (!best) return fit(units[0].text, maxChars);
  let out = units[best.i].text;
  const prev = units[best.i - 1];
  if (prev && !prev.list && !units[best.i].list && /^(nej|ja|no|yes)\b[^.]{0,12}[.!]$/i.test(prev.text)) out = `${prev.text} ${out}`;
  if (units[best.i].leadIn) {
    for (let j = best.i + 1; j < units.length && units[j].list; j++) {
      const item = units[j].text.replace(/[,;.]$/, '');
      const sep = j === best.i + 1 ? ' ' : '; ';
      if (out.length + sep.length + item.length > maxChars) return `${out}${sep}…`;
      out += sep + item;
    }
    return fit(out, maxChars);
  }
  const next = units[best.i + 1];
  const nextScore = scored[best.i + 1];
  // A sentence that asks the question ("Har du frågor om …?") is followed by the one that answers it.
  const asks = /\?$/.test(out) && !units[best.i].list;
  // The next sentence joins when it also carries the question's words, or brings the figures a general sentence lacks.
  const figures = !/\d/.test(out) && /\d/.test(next?.text ?? '');
  // When the sentence gives the kind of answer asked for, a next one without it answers something else.
  const related = next !== undefined && nextScore.score > 0 && (!best.cue || nextScore.cue) && (nextScore.score >= best.score / 2 || (!best.cue && nextScore.cue) || figures);
  const adds = next !== undefined && !next.list && !units[best.i].list && (asks || related);
  if (adds && out.length + next.text.length + 1 <= maxChars) out = `${out} ${next.text}`;
  return fit(out, maxChars);
}
