import { z } from 'zod';
import { Category, categoryKey, findCategory, freeSlug } from '../core/categories';
import { REGIONS } from '../core/vocabulary';
import { Locale, t } from '../i18n';
import { Column, InputColumn, recordOf, TableRow } from './import-columns';
import { contractTypeOf, cpvListOf, cpvOf, dateOf, listOf, orderingMethodOf, parseSupplier, regionsOf, urlOf } from './import-values';
import { Contract, contractFields, contractSchema, cpvCodeSchema } from './model';

/**
 * One export row → one contract, the way an officer would read it: a row is rejected only when the
 * contract cannot exist without what is missing or unreadable (id, title, dates). Anything else that
 * cannot be used is dropped or assumed, and the report says so (notes). Plain functions, no I/O.
 */

export interface RowProblem {
  field: string;
  message: string;
}
export interface RejectedRow {
  line: number;
  contractId?: string;
  problems: RowProblem[];
}
/** Something the import assumed or dropped on a row it kept. */
export interface RowNote {
  line: number;
  contractId: string;
  field: string;
  message: string;
}
/** A category the file names that the catalogue does not have yet: the import creates it. */
export interface NewCategory {
  slug: string;
  name: string;
  rows: number;
}

const FIELD_TO_COLUMN: Record<string, Column> = {
  contractId: 'contract_id',
  title: 'title',
  description: 'description',
  category: 'category',
  suppliers: 'suppliers',
  keywords: 'keywords',
  cpvCodes: 'cpv_codes',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  maxExtensionTo: 'max_extension_to',
  regions: 'regions',
  orderingMethod: 'ordering_method',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  url: 'url',
  contractType: 'contract_type',
};

/** One zod issue as a sentence in the reader's language, naming the column. */
export function describeIssue(issue: z.ZodIssue, locale: Locale): RowProblem {
  const field = FIELD_TO_COLUMN[String(issue.path[0])] ?? String(issue.path[0] ?? '');
  const p = { field };
  if (issue.code === 'too_small') return { field, message: t(locale, 'contracts.import.row.required', p) };
  if (issue.code === 'too_big') return { field, message: t(locale, 'contracts.import.row.tooLong', { ...p, max: Number(issue.maximum) }) };
  if (field === 'valid_from' || field === 'valid_to' || field === 'max_extension_to') {
    if (issue.message.includes('before')) return { field, message: t(locale, 'contracts.import.row.dateOrder', p) };
    return { field, message: t(locale, 'contracts.import.row.date', p) };
  }
  if (field === 'contract_id') return { field, message: t(locale, 'contracts.import.row.contractId', p) };
  return { field, message: t(locale, 'contracts.import.row.invalid', p) };
}

const ok = <T>(schema: z.ZodType<T>, v: unknown) => schema.safeParse(v).success;
const cut = (v: string, max: number) => (v.length > max ? v.slice(0, max).trimEnd() : v);

/** The column-by-column reading of one row; `note` records what was assumed or dropped. */
function candidateOf(rec: Partial<Record<InputColumn, string>>, note: (field: Column, key: string, params?: Record<string, string | number>) => void) {
  const s = (c: InputColumn) => (rec[c] ?? '').trim();
  const f = contractFields.shape;

  const description = s('description');
  if (description.length > 4000) note('description', 'cut', { max: 4000 });
  const title = s('title');
  if (title.length > 200) note('title', 'cut', { max: 200 });

  const cpvAll = cpvListOf(s('cpv_codes')).map(cpvOf);
  const cpvCodes = cpvAll.filter((c) => ok(cpvCodeSchema, c)).slice(0, 20);
  if (cpvCodes.length < cpvAll.length) note('cpv_codes', 'cpvDropped', { codes: cpvAll.filter((c) => !cpvCodes.includes(c)).join(', ') });

  const keywords = listOf(s('keywords')).map((k) => cut(k, 60)).slice(0, 40);
  const suppliers = listOf(s('suppliers')).map(parseSupplier).map((x) => ({ ...x, name: cut(x.name, 200) })).filter((x) => x.name !== '').slice(0, 50);
  if (suppliers.length === 0) note('suppliers', 'noSupplier');
  // A separate org-number column: its numbers go, in order, to the suppliers the names column left without one.
  const orgNrs = listOf(s('supplier_orgnr')).map((v) => /^(\d{6})-?(\d{4})$/.exec(v.replace(/\s/g, ''))).filter((m) => m !== null).map((m) => `${m[1]}-${m[2]}`);
  for (const [i, x] of suppliers.filter((y) => !y.orgNr).entries()) if (orgNrs[i]) x.orgNr = orgNrs[i];

  const email = s('contact_email');
  const contactEmail = email && ok(f.contactEmail, email) ? email : null;
  if (email && !contactEmail) note('contact_email', 'emailDropped', { value: cut(email, 60) });
  const rawUrl = s('url');
  const url = rawUrl && ok(f.url, urlOf(rawUrl)) ? urlOf(rawUrl) : null;
  if (rawUrl && !url) note('url', 'urlDropped', { value: cut(rawUrl, 60) });

  const validFrom = dateOf(s('valid_from'));
  const validTo = dateOf(s('valid_to'));
  const ext = s('max_extension_to') ? dateOf(s('max_extension_to')) : '';
  const maxExtensionTo = ext && ok(f.maxExtensionTo, ext) && ext >= validTo ? ext : null;
  if (ext && !maxExtensionTo) note('max_extension_to', 'extensionDropped', { value: cut(ext, 20) });

  const region = regionsOf(s('regions'));
  if (region.unknown.length > 0) note('regions', 'regionUnknown', { value: cut(region.unknown.join(', '), 80) });
  if (region.regions.length === 0) note('regions', 'regionsAssumed');

  return {
    contractId: s('contract_id'),
    title: cut(title, 200),
    description: cut(description, 4000),
    suppliers,
    keywords,
    cpvCodes,
    validFrom,
    validTo,
    maxExtensionTo,
    regions: region.regions.length > 0 ? region.regions : [...REGIONS],
    contactName: s('contact_name') ? cut(s('contact_name'), 120) : null,
    contactEmail,
    url,
  };
}

/**
 * Maps the data rows of one file against the catalogue's categories. Categories, ordering methods and
 * contract types the product does not know are kept (new categories are created by the import) and
 * summarised once per value in `warnings`, not once per row.
 */
export function mapRows(rows: readonly TableRow[], columns: readonly (InputColumn | undefined)[], categories: readonly Category[], locale: Locale) {
  const taken = new Set(categories.map((c) => c.slug));
  const created = new Map<string, NewCategory>();
  const unknownValues = { ordering_method: new Map<string, number>(), contract_type: new Map<string, number>() };
  const contracts: { line: number; contract: Contract }[] = [];
  const rejected: RejectedRow[] = [];
  const notes: RowNote[] = [];
  const seen = new Map<string, number>();

  const categoryOf = (cell: string): string => {
    const name = cell.trim().replace(/\s+/g, ' ') || t('sv', 'contracts.import.uncategorised');
    const known = findCategory(categories, name);
    if (known) return known.slug;
    const k = categoryKey(name) || name.toLowerCase();
    let c = created.get(k);
    if (!c) {
      c = { slug: freeSlug(name, taken), name: name.slice(0, 80), rows: 0 };
      taken.add(c.slug);
      created.set(k, c);
    }
    c.rows++;
    return c.slug;
  };
  const vocabularyValue = (col: 'ordering_method' | 'contract_type', cell: string, fallback: string): string => {
    if (cell.trim() === '') return fallback;
    const r = (col === 'ordering_method' ? orderingMethodOf : contractTypeOf)(cell);
    if (!r.known) unknownValues[col].set(r.value, (unknownValues[col].get(r.value) ?? 0) + 1);
    return r.value.slice(0, 80);
  };

  for (const row of rows) {
    // Empty under the headers: a note far to the right does not make a row.
    if (row.cells.slice(0, columns.length).every((c) => c.trim() === '')) continue;
    const rec = recordOf(row, columns);
    const rowNotes: Omit<RowNote, 'contractId'>[] = [];
    const note = (field: Column, key: string, params: Record<string, string | number> = {}) =>
      rowNotes.push({ line: row.line, field, message: t(locale, `contracts.import.note.${key}`, { field, ...params }) });
    const base = candidateOf(rec, note);
    const result = contractSchema.safeParse({ ...base, category: 'pending', orderingMethod: 'pending', contractType: 'pending' });
    if (!result.success) {
      rejected.push({ line: row.line, ...(base.contractId ? { contractId: base.contractId.slice(0, 40) } : {}), problems: dedupe(result.error.issues.map((i) => describeIssue(i, locale))) });
      continue;
    }
    const idKey = result.data.contractId.toLowerCase();
    const earlier = seen.get(idKey);
    if (earlier !== undefined) {
      rejected.push({ line: row.line, contractId: result.data.contractId, problems: [{ field: 'contract_id', message: t(locale, 'contracts.import.row.duplicateId', { line: earlier }) }] });
      continue;
    }
    seen.set(idKey, row.line);
    if (!(rec.ordering_method ?? '').trim()) note('ordering_method', 'orderingAssumed');
    if (!(rec.category ?? '').trim()) note('category', 'categoryAssumed');
    const contract: Contract = {
      ...result.data,
      category: categoryOf(rec.category ?? ''),
      orderingMethod: vocabularyValue('ordering_method', rec.ordering_method ?? '', 'kontakta-inköp'),
      contractType: vocabularyValue('contract_type', rec.contract_type ?? '', 'avtal'),
    };
    contracts.push({ line: row.line, contract });
    notes.push(...rowNotes.map((n) => ({ ...n, contractId: contract.contractId })));
  }

  const warnings: string[] = [];
  for (const c of created.values()) warnings.push(t(locale, 'contracts.import.warning.newCategory', { name: c.name, slug: c.slug, rows: c.rows }));
  for (const [value, rows] of unknownValues.ordering_method) warnings.push(t(locale, 'contracts.import.warning.unknownOrdering', { value, rows }));
  for (const [value, rows] of unknownValues.contract_type) warnings.push(t(locale, 'contracts.import.warning.unknownType', { value, rows }));
  return { contracts, rejected, notes, newCategories: [...created.values()], warnings };
}

function dedupe(problems: RowProblem[]): RowProblem[] {
  const keys = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.field}\u0000${p.message}`;
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}
