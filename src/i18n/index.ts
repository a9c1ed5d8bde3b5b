import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../util/paths';
import { plainText } from '../util/text';
import sv from './locales/sv.json';
import en from './locales/en.json';

export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];

type Tree = { [key: string]: string | Tree };

/**
 * The texts: the kernel's (src/i18n/locales: shared words, errors, the API) and every capability's own
 * (src/<capability>/locales/{sv,en}.json), merged at start. A key defined in two files stops the start.
 */
const catalogs: Record<Locale, Tree> = { sv: {}, en: {} };
/**
 * Each key's text once it has been looked up (with the Swedish fallback applied): a card asks for the same
 * dozen keys on every turn, and walking the tree splits the key each time. Only keys that exist are kept
 * (so the map is bounded by the catalogues); emptied when texts are added.
 */
const found: Record<Locale, Map<string, string>> = { sv: new Map(), en: new Map() };
/** Which file defined each leaf key, for the message when two files define one. */
const origin = new Map<string, string>();
/** The locale folders merged so far (the kernel's first), for the tests. */
export const textFolders: string[] = [];

function merge(into: Tree, from: Tree, prefix: string, locale: Locale, file: string): void {
  for (const [k, v] of Object.entries(from)) {
    const key = prefix ? `${prefix}.${k}` : k;
    const existing = into[k];
    if (typeof v === 'string') {
      if (existing !== undefined) throw new Error(`text key ${key} (${locale}) is defined in both ${origin.get(`${locale}:${key}`) ?? 'a folder'} and ${file}`);
      into[k] = v;
      origin.set(`${locale}:${key}`, file);
    } else {
      if (typeof existing === 'string') throw new Error(`text key ${key} (${locale}) is a text in ${origin.get(`${locale}:${key}`)} and a section in ${file}`);
      into[k] = existing ?? {};
      merge(into[k] as Tree, v, key, locale, file);
    }
  }
}

/** Merges a locale folder's sv.json and en.json (either may be missing) into the texts. */
export function addTexts(folder: string): void {
  if (textFolders.includes(folder)) return;
  for (const locale of LOCALES) {
    const file = path.join(folder, `${locale}.json`);
    if (fs.existsSync(file)) merge(catalogs[locale], JSON.parse(fs.readFileSync(file, 'utf8')) as Tree, '', locale, file);
  }
  textFolders.push(folder);
  found.sv.clear();
  found.en.clear();
}

/** The capabilities' locale folders in the source tree: src/<folder>/locales, in name order. */
export function capabilityTextFolders(src = fromRoot('src')): string[] {
  return fs
    .readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'i18n' && fs.existsSync(path.join(src, e.name, 'locales')))
    .map((e) => path.join(src, e.name, 'locales'))
    .sort();
}

merge(catalogs.sv, sv as Tree, '', 'sv', 'src/i18n/locales/sv.json');
merge(catalogs.en, en as Tree, '', 'en', 'src/i18n/locales/en.json');
textFolders.push(path.join(__dirname, 'locales'));
for (const folder of capabilityTextFolders()) addTexts(folder);

/** Swedish unless the client's locale starts with "en" (Teams sends e.g. "en-US", "sv-SE"). */
export function localeFrom(value: string | undefined | null): Locale {
  return value && value.trim().toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/** Picks the locale from an Accept-Language header: the first of sv/en by quality, else Swedish. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'sv';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'sv';
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type Params = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The text for key in locale, with {name} placeholders filled. A key missing in the locale falls back
 * to Swedish; a key missing everywhere returns the key itself (and the locale test fails).
 */
export function t(locale: Locale, key: string, params: Params = {}): string {
  let text = found[locale].get(key);
  if (text === undefined) {
    const known = lookup(catalogs[locale], key) ?? lookup(catalogs.sv, key);
    if (known !== undefined) found[locale].set(key, known);
    text = known ?? key;
  }
  if (!text.includes('{')) return text;
  // Parameters carry user text (titles, questions, comments) into chat messages, which Teams renders as markdown.
  return text.replace(PLACEHOLDER, (m, name: string) => (name in params ? plainText(String(params[name])) : m));
}

export function hasKey(locale: Locale, key: string): boolean {
  return lookup(catalogs[locale], key) !== undefined;
}

/** Every leaf key of a locale, dotted (for the locale tests). */
export function allKeys(locale: Locale): string[] {
  const out: string[] = [];
  const walk = (node: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.push(key);
      else walk(v, key);
    }
  };
  walk(catalogs[locale], '');
  return out;
}

/** A translator bound to one locale. */
export type Translate = (key: string, params?: Params) => string;
export const translator = (locale: Locale): Translate => (key, params) => t(locale, key, params);

/**
 * Keys of a capability's locale file outside its own namespace: a capability's texts are under its name
 * (and its commands' under commands.<name>); shared words stay in the kernel's files. Empty when clean.
 */
export function namespaceProblems(tree: Record<string, unknown>, capability: string): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    if (k === capability) continue;
    if (k === 'commands' && v && typeof v === 'object') {
      for (const c of Object.keys(v)) if (c !== capability) problems.push(`commands.${c}`);
      continue;
    }
    problems.push(k);
  }
  return problems;
}
