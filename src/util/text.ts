/**
 * User text, made safe before it is parsed or shown. Two rules hold for every capability:
 * - a message is cut to MAX_MESSAGE_CHARS before any parser or regular expression sees it, so no
 *   parser's cost depends on how much a user pastes;
 * - text a user wrote never forms a link where Teams renders markdown (card TextBlocks, facts and
 *   plain messages): `[label](url)` and bare web addresses are broken with an invisible zero-width
 *   space, which shows nothing and leaves the words as they were typed.
 */

/** Longest chat message any command or question parser reads (a question is a few sentences). */
export const MAX_MESSAGE_CHARS = 2000;

const ZWSP = '\u200b';
/** Whether a text holds anything plainText changes: `]` (before `(`, `[` or `:`), `://` or `www.`. */
const LINK_START = /\]|:\/\/|www\./i;

/** Cuts text to `max` characters without leaving half of a surrogate pair at the end. */
export function cut(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * Text that Teams cannot turn into a link: `](` (a markdown link or image), `][` and `]:` (a reference
 * link and its definition), `://` (a bare address or an autolink) and `www.` each get a zero-width
 * space inside. Idempotent; every pattern is a fixed string,
 * so the cost is linear in the length.
 */
export function plainText(text: string): string {
  // Most texts have none of the patterns: one scan instead of five passes and five new strings.
  if (!LINK_START.test(text)) return text;
  return text
    .replaceAll('](', `]${ZWSP}(`)
    .replaceAll('][', `]${ZWSP}[`)
    .replaceAll(']:', `]${ZWSP}:`)
    .replaceAll('://', `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Lower case without diacritics: "Läkemedel" → "lakemedel" (the same folding as Postgres' unaccent for Swedish). */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x2060, 0xfeff]);

/** Removes control and invisible characters (tab and newline become spaces) and collapses white space. */
export function cleanInput(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff) || (code >= 0x202a && code <= 0x202e) || INVISIBLE.has(code);
    out += control ? ' ' : ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Text without any of `chars` at its end ("Kaffe?!" → "Kaffe"): a plain loop, linear in the length. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** Text without any of `chars` at its start: a plain loop, linear in the length. */
export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start += 1;
  return text.slice(start);
}
