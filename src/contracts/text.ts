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
