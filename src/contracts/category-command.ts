import { AdaptiveCardJson } from '../cards/loader';
import { Category, MAX_CATEGORY_NAME, findCategory } from '../core/categories';
import { categoryUsage, createCategoryDirectory, mergeCategory, removeCategory, renameCategory } from '../core/category-repository';
import { OfficerDirectory } from '../core/officer-repository';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { foldText } from '../util/text';
import { categoryConfirmCard, categoryListCard } from './category-cards';
import { CategoryCount } from './repository';
import { invalidateSearchCache } from './search-repository';
import { categoryMergePayload, categoryRemovePayload } from './teams-payloads';

/**
 * Officers rename, merge and remove contract categories in chat ("kategori byt namn Städ till Lokalvård",
 * "kategori slå ihop Städ med Lokalvård", "kategori ta bort Städ", and in English). The changes are the
 * same domain functions REST calls (src/core/category-repository.ts). Merge and remove are confirmed on a
 * card whose numbers the server checks again when the button is pressed. Plain code, no SDK types.
 */

/** Longest text after the sub-command that is read (two names and a separator). */
const MAX_ARGS = 2 * MAX_CATEGORY_NAME + 20;

export type CategoryCommand =
  | { action: 'rename'; lang: Locale; pairs: [string, string][] }
  | { action: 'merge'; pairs: [string, string][] }
  | { action: 'remove'; name: string }
  | { action: 'usage' };

/** The sub-commands, as folded words: which action, and the language a rename names. */
const SUBCOMMANDS: { words: string[]; action: 'rename' | 'merge' | 'remove'; lang: Locale }[] = [
  { words: ['byt', 'namn', 'pa'], action: 'rename', lang: 'sv' },
  { words: ['byt', 'namn'], action: 'rename', lang: 'sv' },
  { words: ['dop', 'om'], action: 'rename', lang: 'sv' },
  { words: ['rename'], action: 'rename', lang: 'en' },
  { words: ['sla', 'ihop'], action: 'merge', lang: 'sv' },
  { words: ['merge'], action: 'merge', lang: 'en' },
  { words: ['ta', 'bort'], action: 'remove', lang: 'sv' },
  { words: ['remove'], action: 'remove', lang: 'en' },
  { words: ['delete'], action: 'remove', lang: 'en' },
];

/** The words between two names: "till"/"to" for a new name, "med"/"into"/"with" for a merge. */
const SEPARATORS = { rename: new Set(['till', 'to']), merge: new Set(['med', 'into', 'with']) };

const QUOTES = new Set(['"', '“', '”', '«', '»', "'"]);

/** A name without the quotes around it. */
function unquote(s: string): string {
  const v = s.trim();
  return v.length >= 2 && QUOTES.has(v[0]) && QUOTES.has(v[v.length - 1]) ? v.slice(1, -1).trim() : v;
}

/**
 * The ways "A till B" can be split: at each separator word (a name may hold "till" itself; the handler
 * takes the first split whose names exist), or once after a quoted first name ("\"A till B\" till C").
 */
function splits(args: string, separators: ReadonlySet<string>): [string, string][] {
  if (QUOTES.has(args[0])) {
    const close = [...args].findIndex((ch, i) => i > 0 && QUOTES.has(ch));
    if (close < 0) return [];
    const rest = args.slice(close + 1).trim().split(/\s+/);
    if (rest.length < 2 || !separators.has(foldText(rest[0]))) return [];
    return [[args.slice(1, close).trim(), unquote(rest.slice(1).join(' '))]];
  }
  const words = args.split(' ');
  const out: [string, string][] = [];
  for (let i = 1; i < words.length - 1; i++) {
    if (separators.has(foldText(words[i]))) out.push([unquote(words.slice(0, i).join(' ')), unquote(words.slice(i + 1).join(' '))]);
  }
  return out.filter(([a, b]) => a !== '' && b !== '');
}

/**
 * Reads "kategori …"/"category …" followed by a known sub-command; null for anything else (so
 * "kategori städ" stays a search). Linear in the text: words split once, compared as folded words.
 */
export function parseCategoryCommand(text: string): CategoryCommand | null {
  const words = text.trim().split(/\s+/);
  if (!['kategori', 'category'].includes(foldText(words[0] ?? ''))) return null;
  const folded = words.slice(1, 4).map(foldText);
  const sub = SUBCOMMANDS.find((s) => s.words.every((w, i) => folded[i] === w));
  if (!sub) return null;
  const args = words.slice(1 + sub.words.length).join(' ');
  if (args === '' || args.length > MAX_ARGS) return { action: 'usage' };
  if (sub.action === 'remove') return { action: 'remove', name: unquote(args) };
  const pairs = splits(args, SEPARATORS[sub.action]);
  if (pairs.length === 0) return { action: 'usage' };
  return sub.action === 'rename' ? { action: 'rename', lang: sub.lang, pairs } : { action: 'merge', pairs };
}

/** Letters, digits, spaces and the punctuation category names use; nothing that could form markup or a link. */
const NAME_CHARACTERS = /^[\p{L}\p{N} &/,.()'-]+$/u;

export function isValidCategoryName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_CATEGORY_NAME && NAME_CHARACTERS.test(name);
}

export type CategoryAnswer = string | AdaptiveCardJson;

export interface CategoryDeps {
  officers: OfficerDirectory;
  db: Db;
  /** Today in Sweden, YYYY-MM-DD. */
  today(): string;
  /** Every category with its number of contracts and current contracts (the contract repository's). */
  counts(today: string): Promise<CategoryCount[]>;
}

/** Who pressed or typed: the answer's language and the role check. */
export interface CategoryAsker {
  locale: Locale;
  aadId: string;
}

const forbidden = (locale: Locale) => t(locale, 'errors.forbidden');
const clipName = (s: string) => (s.length > MAX_CATEGORY_NAME ? `${s.slice(0, MAX_CATEGORY_NAME)}…` : s);
const nameOf = (c: Category, locale: Locale) => c.name[locale];

/** "kategorier": every category, with how many current contracts it holds (officers only). */
export async function listCategories(deps: CategoryDeps, asker: CategoryAsker): Promise<CategoryAnswer> {
  if (!(await deps.officers.isOfficer(asker.aadId))) return forbidden(asker.locale);
  return categoryListCard(asker.locale, await deps.counts(deps.today()));
}

/** "kategori byt namn …", "kategori slå ihop …", "kategori ta bort …": role first, then the categories. */
export async function categoryCommand(deps: CategoryDeps, asker: CategoryAsker, text: string): Promise<CategoryAnswer> {
  const { locale } = asker;
  if (!(await deps.officers.isOfficer(asker.aadId))) return forbidden(locale);
  const cmd = parseCategoryCommand(text);
  if (!cmd || cmd.action === 'usage') return t(locale, 'contracts.categories.usage');
  const list = await createCategoryDirectory(deps.db).list();
  const unknown = (name: string) => t(locale, 'contracts.categories.unknown', { name: clipName(name) });

  if (cmd.action === 'remove') {
    const cat = findCategory(list, cmd.name);
    if (!cat) return unknown(cmd.name);
    const usage = await categoryUsage(deps.db, cat.slug, deps.today());
    if (!usage) return unknown(cmd.name);
    if (usage.contracts > 0) return t(locale, 'contracts.categories.inUse', { name: nameOf(cat, locale), count: usage.contracts, current: usage.current });
    return categoryConfirmCard(locale, { kind: 'remove', from: cat, usage });
  }

  if (cmd.action === 'merge') {
    const pair = cmd.pairs.find(([a, b]) => findCategory(list, a) && findCategory(list, b)) ?? cmd.pairs[0];
    const from = findCategory(list, pair[0]);
    const into = findCategory(list, pair[1]);
    if (!from) return unknown(pair[0]);
    if (!into) return unknown(pair[1]);
    if (from.slug === into.slug) return t(locale, 'contracts.categories.same');
    const usage = await categoryUsage(deps.db, from.slug, deps.today());
    if (!usage) return unknown(pair[0]);
    return categoryConfirmCard(locale, { kind: 'merge', from, into, usage });
  }

  // A rename names the category in the command's language; a category an import created, with one name
  // for both languages, gets the new name in both.
  const pair = cmd.pairs.find(([a]) => findCategory(list, a)) ?? cmd.pairs[0];
  const cat = findCategory(list, pair[0]);
  if (!cat) return unknown(pair[0]);
  const name = pair[1];
  if (!isValidCategoryName(name)) return t(locale, 'contracts.categories.badName', { max: MAX_CATEGORY_NAME });
  const names = cat.name.sv === cat.name.en ? { sv: name, en: name } : cmd.lang === 'sv' ? { sv: name } : { en: name };
  const r = await deps.db.transaction((tx) => renameCategory(tx, cat.slug, names));
  if (!r.ok) {
    if (r.reason === 'name-taken') return t(locale, 'contracts.categories.nameTaken', { name });
    return unknown(pair[0]);
  }
  invalidateSearchCache(deps.db);
  return t(locale, 'contracts.categories.renamed', { old: nameOf(cat, cmd.lang), name });
}

/** Why a confirmation no longer holds: the category or the numbers changed since the card was made. */
class Changed extends Error {}

/**
 * Slå ihop: role first, then the payload, then (in one transaction) both categories and the number of
 * contracts the card named; any difference answers "changed since, look again" and changes nothing.
 */
export async function confirmMerge(deps: CategoryDeps, asker: CategoryAsker, data: unknown): Promise<CategoryAnswer> {
  const { locale } = asker;
  if (!(await deps.officers.isOfficer(asker.aadId))) return forbidden(locale);
  const p = categoryMergePayload.safeParse(data);
  if (!p.success) return t(locale, 'common.cardDataInvalid');
  const { from, into, contracts, current } = p.data;
  if (from === into) return t(locale, 'common.cardDataInvalid');
  try {
    const done = await deps.db.transaction(async (tx) => {
      const list = await createCategoryDirectory(tx).list();
      const a = list.find((c) => c.slug === from);
      const b = list.find((c) => c.slug === into);
      const usage = await categoryUsage(tx, from, deps.today());
      if (!a || !b || !usage || usage.contracts !== contracts || usage.current !== current) throw new Changed();
      const r = await mergeCategory(tx, from, into);
      if (!r.ok) throw new Changed();
      return { from: nameOf(a, locale), into: nameOf(b, locale), moved: r.moved ?? 0 };
    });
    invalidateSearchCache(deps.db);
    return t(locale, 'contracts.categories.merged', done);
  } catch (err) {
    if (err instanceof Changed) return t(locale, 'contracts.categories.changed');
    throw err;
  }
}

/** Ta bort: role first, then the payload, then (in one transaction) that no contract has come to use it. */
export async function confirmRemove(deps: CategoryDeps, asker: CategoryAsker, data: unknown): Promise<CategoryAnswer> {
  const { locale } = asker;
  if (!(await deps.officers.isOfficer(asker.aadId))) return forbidden(locale);
  const p = categoryRemovePayload.safeParse(data);
  if (!p.success) return t(locale, 'common.cardDataInvalid');
  try {
    const name = await deps.db.transaction(async (tx) => {
      const cat = (await createCategoryDirectory(tx).list()).find((c) => c.slug === p.data.slug);
      const usage = await categoryUsage(tx, p.data.slug, deps.today());
      if (!cat || !usage || usage.contracts !== p.data.contracts) throw new Changed();
      const r = await removeCategory(tx, p.data.slug);
      if (!r.ok) throw new Changed();
      return nameOf(cat, locale);
    });
    invalidateSearchCache(deps.db);
    return t(locale, 'contracts.categories.removed', { name });
  } catch (err) {
    if (err instanceof Changed) return t(locale, 'contracts.categories.changed');
    throw err;
  }
}

/** Avbryt: nothing changes (officers only, like the card). */
export async function cancelCategoryChange(deps: CategoryDeps, asker: CategoryAsker): Promise<CategoryAnswer> {
  if (!(await deps.officers.isOfficer(asker.aadId))) return forbidden(asker.locale);
  return t(asker.locale, 'contracts.categories.cancelled');
}
