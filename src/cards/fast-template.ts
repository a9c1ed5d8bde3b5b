/**
 * Card templates compiled once into closures, for the templates whose expressions are all of the few shapes
 * our cards use: a field (`${title}`, `${more.q}`, `${$root.x}`, `${$data}`, `${$index}`), text with fields in
 * it, and in `$when` a field, `x != ''`, `x == 'text'`, `x != null` or `count(list) > 0` / `== 0`. The result
 * is what adaptivecards-templating's `Template.expand` gives for the same template and data (test/cards/
 * fast-template.test.ts compares the two on every sample card): `$data` repeats an element per array item,
 * `$when` drops it unless it is exactly true, a missing field becomes the text `${field}`, a field is found
 * case-insensitively as adaptive-expressions does. The library keeps the template language; this only skips
 * its per-expression work (a memory object, options and a case-insensitive key search on every field).
 *
 * `compileTemplate` returns null for a template with any other expression (adaptivecards-templating then
 * expands it); an expansion that meets data the closures do not handle the same way (a null inside text, a
 * Map, `count` of something other than a list or text) throws `Unsupported`, and the caller expands with the
 * library instead.
 */

/** Thrown when the data needs the library's own handling; the caller falls back to it. */
export class Unsupported extends Error {}

interface Scope {
  root: unknown;
  /** The current `$data` (undefined: the root). */
  data: unknown;
  index: number | undefined;
}
type Expand = (s: Scope) => unknown;
type Get = (s: Scope) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_][\w$]*)*$/;
const FIELD_TEXT = /\$\{([^{}]*)\}/g;

/** adaptive-expressions' property access: exact own key, else the first key equal ignoring case; nothing in a falsy value. */
function property(o: unknown, key: string): unknown {
  if (!o) return undefined;
  if (o instanceof Map || typeof o !== 'object') throw new Unsupported();
  if (Object.prototype.propertyIsEnumerable.call(o, key)) return (o as Record<string, unknown>)[key];
  const lower = key.toLowerCase();
  const found = Object.keys(o).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : (o as Record<string, unknown>)[found];
}

/** A field's getter, or null for an expression that is not a plain path. */
function getter(expr: string): Get | null {
  const path = expr.trim();
  if (!PATH.test(path)) return null;
  const [first, ...rest] = path.split('.');
  let start: Get;
  if (first === '$root') start = (s) => s.root;
  else if (first === '$data') start = (s) => (s.data !== undefined ? s.data : s.root);
  else if (first === '$index') start = (s) => s.index;
  else if (first.startsWith('$')) return null;
  else {
    rest.unshift(first);
    start = (s) => (s.data !== undefined ? s.data : s.root);
  }
  return (s) => {
    let v = start(s);
    for (const key of rest) v = property(v, key);
    return v;
  };
}

/** A field as an element's value: undefined becomes the text "${path}" (the library's substitution). */
function field(expr: string): Expand | null {
  const get = getter(expr);
  if (!get) return null;
  const missing = '${' + expr.trim() + '}';
  return (s) => {
    const v = get(s);
    return v === undefined ? missing : v;
  };
}

/** A `$when` condition: true only when it evaluates to exactly true (without substitution). */
function condition(text: string): Expand | null {
  const m = /^\$\{([^{}]*)\}$/.exec(text);
  if (!m) return null;
  const expr = m[1].trim();
  const plain = getter(expr);
  if (plain) return (s) => plain(s) === true;
  const cmp = /^(count\()?\s*([^\s()!=<>]+)\s*(?:(\))\s*)?(==|!=|>)\s*(''|'[^'\\]*'|null|0)$/.exec(expr);
  if (!cmp || Boolean(cmp[1]) !== Boolean(cmp[3])) return null;
  const get = getter(cmp[2]);
  if (!get) return null;
  const [op, literal] = [cmp[4], cmp[5]];
  if (cmp[1]) {
    if (literal !== '0' || op === '!=') return null;
    return (s) => {
      const v = get(s);
      if (!Array.isArray(v) && typeof v !== 'string') throw new Unsupported();
      return op === '>' ? v.length > 0 : v.length === 0;
    };
  }
  if (op === '>' || literal === '0') return null;
  const other = literal === 'null' ? null : literal.slice(1, -1);
  return (s) => {
    const v = get(s);
    // adaptive-expressions' equality: null and a missing field are equal; a list or object equals no text.
    const equal = other === null ? v === null || v === undefined : v === other;
    return op === '==' ? equal : !equal;
  };
}

/** A string: constant, one field (its value as it is), or text with fields (a string). */
function text(value: string): Expand | null {
  if (!value.includes('${')) return () => value;
  if (value.includes('\\') || value.includes('`')) return null;
  const parts: (string | Get)[] = [];
  let last = 0;
  for (const m of value.matchAll(FIELD_TEXT)) {
    const get = getter(m[1]);
    if (!get) return null;
    if (m.index > last) parts.push(value.slice(last, m.index));
    const missing = '${' + m[1].trim() + '}';
    parts.push((s) => {
      const v = get(s);
      if (v === null) throw new Unsupported();
      return v === undefined ? missing : v;
    });
    last = m.index + m[0].length;
  }
  const tail = value.slice(last);
  if (tail.includes('${')) return null;
  if (tail) parts.push(tail);
  if (parts.length === 1 && typeof parts[0] !== 'string') return field(value.slice(2, -1));
  return (s) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : String(p(s));
    return out;
  };
}

function node(n: unknown): Expand | null {
  if (typeof n === 'string') return text(n);
  if (Array.isArray(n)) return list(n);
  if (n !== null && typeof n === 'object') return object(n as Record<string, unknown>);
  return () => n;
}

function list(items: unknown[]): Expand | null {
  const parts = items.map(node);
  if (parts.some((p) => p === null)) return null;
  const expanders = parts as Expand[];
  return (s) => {
    let out: unknown[] = [];
    for (const e of expanders) {
      const v = e(s);
      if (v === null) continue;
      if (Array.isArray(v)) out = out.concat(v);
      else out.push(v);
    }
    return out;
  };
}

function object(o: Record<string, unknown>): Expand | null {
  const when = o.$when;
  const data = o.$data;
  if (when !== undefined && typeof when !== 'string') return null;
  if (data !== undefined && typeof data !== 'string') return null;
  const test = when === undefined ? null : condition(when);
  if (when !== undefined && !test) return null;
  const source = data === undefined ? null : data.includes('${') ? field(/^\$\{([^{}]*)\}$/.exec(data)?.[1] ?? '(') : null;
  if (data !== undefined && !source) return null;
  const keys = Object.keys(o).filter((k) => !RESERVED.has(k));
  const values = keys.map((k) => node(o[k]));
  if (values.some((v) => v === null)) return null;
  const expanders = values as Expand[];
  const one = (s: Scope): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = expanders[i](s);
      if (v !== undefined) out[keys[i]] = v;
    }
    return out;
  };
  return (s) => {
    let contexts: unknown[] = [undefined];
    let isArray = false;
    if (source) {
      const d = source(s);
      if (d === null || typeof d !== 'object' || d instanceof Map) throw new Unsupported();
      isArray = Array.isArray(d);
      contexts = isArray ? (d as unknown[]) : [d];
    }
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < contexts.length; i++) {
      const inner: Scope = { root: s.root, data: contexts[i] !== undefined ? contexts[i] : s.data, index: isArray ? i : s.index };
      if (test && !test(inner)) continue;
      out.push(one(inner));
    }
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

/** The template compiled, or null when it uses an expression outside the shapes above. */
export function compileTemplate(json: unknown): ((root: unknown) => unknown) | null {
  const expand = node(json);
  return expand ? (root) => expand({ root, data: undefined, index: undefined }) : null;
}
