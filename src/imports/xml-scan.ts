/**
 * A small scanner for the XML parts of an .xlsx, written for reading them in pieces: it finds whole
 * elements by name with indexOf (no backtracking), tells how far it got, and leaves an element cut off at
 * the end of a piece for the next one. Names are matched without their namespace prefix (x:row is a row).
 */

export interface Element {
  /** The local name (no prefix). */
  name: string;
  /** The attributes' text inside the start tag. */
  attrs: string;
  /** The content between start and end tag; null for an empty element (<c r="A1"/>). */
  inner: string | null;
}

const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

function isNameEnd(ch: string): boolean {
  return ch === ' ' || ch === '>' || ch === '/' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * Calls onElement for each complete element named in names, in order, and returns the offset up to which
 * the text is done with: an element (or tag) cut off at the end is left from there. Other tags are
 * stepped over, and elements inside a matched one are its inner text.
 */
export function scanElements(text: string, names: ReadonlySet<string>, onElement: (e: Element) => void, from = 0): number {
  let pos = from;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return text.length;
    let end = lt + 1;
    while (end < text.length && !isNameEnd(text[end])) end++;
    if (end >= text.length) return lt;
    const tag = text.slice(lt + 1, end);
    const name = localName(tag);
    if (!names.has(name) || tag.startsWith('/')) {
      pos = end;
      continue;
    }
    const gt = text.indexOf('>', end);
    if (gt < 0) return lt;
    if (text[gt - 1] === '/') {
      onElement({ name, attrs: text.slice(end, gt - 1), inner: null });
      pos = gt + 1;
      continue;
    }
    const close = `</${tag}>`;
    const stop = text.indexOf(close, gt + 1);
    if (stop < 0) return lt;
    onElement({ name, attrs: text.slice(end, gt), inner: text.slice(gt + 1, stop) });
    pos = stop + close.length;
  }
}

/** The attributes of a start tag's text, by local name (r:id is id), values unescaped. */
export function attributes(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  for (;;) {
    const eq = attrs.indexOf('=', pos);
    if (eq < 0) return out;
    const key = attrs.slice(pos, eq).trim();
    let q = eq + 1;
    while (q < attrs.length && attrs[q] !== '"' && attrs[q] !== "'") q++;
    if (q >= attrs.length) return out;
    const stop = attrs.indexOf(attrs[q], q + 1);
    if (stop < 0) return out;
    out[localName(key)] = unescapeXml(attrs.slice(q + 1, stop));
    pos = stop + 1;
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and character references, and OOXML's _xHHHH_ escapes, as text. */
export function unescapeXml(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (m: string, e: string) => {
      if (e.startsWith('#x')) return codePoint(parseInt(e.slice(2), 16), m);
      if (e.startsWith('#')) return codePoint(Number(e.slice(1)), m);
      return NAMED[e] ?? m;
    });
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

function codePoint(n: number, fallback: string): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

const TEXT = new Set(['t']);

/**
 * The text of a shared or inline string's content: its <t> elements joined (rich text runs), phonetic
 * guides (<rPh>, Japanese readings) left out.
 */
export function stringText(inner: string): string {
  let body = inner;
  if (body.includes('rPh')) {
    // Rebuild without the phonetic runs: cut each <rPh>…</rPh> out.
    let kept = '';
    let pos = 0;
    for (;;) {
      const at = body.indexOf('<rPh', pos);
      if (at < 0) break;
      const stop = body.indexOf('</rPh>', at);
      if (stop < 0) break;
      kept += body.slice(pos, at);
      pos = stop + 6;
    }
    body = kept + body.slice(pos);
  }
  let text = '';
  scanElements(body, TEXT, (e) => {
    if (e.inner !== null) text += unescapeXml(e.inner);
  });
  return text;
}
