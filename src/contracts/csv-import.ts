import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { CONTRACT_TYPES, Contract, ORDERING_METHODS, Supplier, contractSchema } from './model';
import { Locale, t } from '../i18n';
import { CATEGORY_SLUGS, REGIONS } from '../core/vocabulary';
import { foldText } from '../core/text';

/** The header row of a contract export, in the order we write it (input may use any order and case). */
export const CSV_COLUMNS = [
  'contract_id',
  'title',
  'description',
  'category',
  'suppliers',
  'keywords',
  'cpv_codes',
  'valid_from',
  'valid_to',
  'max_extension_to',
  'regions',
  'ordering_method',
  'contact_name',
  'contact_email',
  'url',
  'contract_type',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = [
  'contract_id',
  'title',
  'category',
  'suppliers',
  'valid_from',
  'valid_to',
  'regions',
  'ordering_method',
  'contract_type',
];

export const MAX_IMPORT_ROWS = 200_000;

export interface RowProblem {
  field: string;
  message: string;
}
export interface RejectedRow {
  line: number;
  contractId?: string;
  problems: RowProblem[];
}
export interface ParsedFile {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ';' | ',';
  rows: { line: number; contract: Contract }[];
  rejected: RejectedRow[];
  warnings: string[];
}
export class ImportFatalError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportFatalError';
  }
}

/** UTF-8 (with or without BOM) as is; anything that is not valid UTF-8 is read as Windows-1252 (Swedish Excel's "CSV"). */
export function decodeCsv(buf: Buffer, locale: Locale): { text: string; encoding: ParsedFile['encoding'] } {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new ImportFatalError(t(locale, 'import.fatal.utf16'));
  }
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252' };
  }
}

function detectDelimiter(text: string, locale: Locale): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (sep: string) =>
    firstLine
      .split(sep)
      .map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase())
      .filter((h) => (CSV_COLUMNS as readonly string[]).includes(h)).length;
  const semi = count(';');
  const comma = count(',');
  if (semi === 0 && comma === 0) throw new ImportFatalError(t(locale, 'import.fatal.noHeader', { columns: CSV_COLUMNS.join(';') }), 1);
  return semi >= comma ? ';' : ',';
}

const list = (v: string) =>
  v
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

const SUPPLIER_PATTERN = /^(.*?)\s*(?:\((\d{6}-\d{4})\))?\s*(?:#(\d{1,2}))?$/;
/** "Nordmedica AB (556677-8899) #1" → name, org.nr and rank on a ranked framework. */
export function parseSupplier(raw: string): Supplier {
  const m = SUPPLIER_PATTERN.exec(raw.trim());
  const name = (m?.[1] ?? raw).trim();
  return {
    name,
    ...(m?.[2] ? { orgNr: m[2] } : {}),
    ...(m?.[3] ? { rank: Number(m[3]) } : {}),
  };
}

function matchOne<T extends string>(value: string, allowed: readonly T[], aliases: Record<string, T> = {}): T | string {
  const key = foldText(value).replace(/\s+/g, ' ').trim();
  for (const a of allowed) if (foldText(a) === key) return a;
  return aliases[key] ?? value.trim();
}

const CATEGORY_ALIASES: Record<string, string> = {
  medicinteknik: 'medicinteknik',
  lakemedel: 'lakemedel',
  'vard- och omsorgsmaterial': 'vard-omsorgsmaterial',
  'vard och omsorgsmaterial': 'vard-omsorgsmaterial',
  laboratorium: 'laboratorium',
  'it och telekom': 'it-telekom',
  it: 'it-telekom',
  konsulttjanster: 'konsulttjanster',
  tjanster: 'tjanster',
  'fastighet och bygg': 'fastighet-bygg',
  'fastighet/bygg': 'fastighet-bygg',
  'transporter och fordon': 'transporter-fordon',
  'transporter/fordon': 'transporter-fordon',
  livsmedel: 'livsmedel',
  'kontor och allmant material': 'kontor-allmant',
  'kontor/allmant material': 'kontor-allmant',
};

const REGION_ALIASES: Record<string, string> = {
  'region sormland': 'Sörmland',
  sormland: 'Sörmland',
  'region vastmanland': 'Västmanland',
  vastmanland: 'Västmanland',
};

/** Turns one CSV record (header → cell) into the shape the contract schema validates. */
function toCandidate(rec: Partial<Record<Column, string>>) {
  const s = (c: Column) => (rec[c] ?? '').trim();
  const opt = (c: Column) => (s(c) === '' ? null : s(c));
  return {
    contractId: s('contract_id'),
    title: s('title'),
    description: s('description'),
    category: matchOne(s('category'), CATEGORY_SLUGS, CATEGORY_ALIASES as Record<string, (typeof CATEGORY_SLUGS)[number]>),
    suppliers: list(s('suppliers')).map(parseSupplier),
    keywords: list(s('keywords')),
    cpvCodes: list(s('cpv_codes')),
    validFrom: s('valid_from'),
    validTo: s('valid_to'),
    maxExtensionTo: opt('max_extension_to'),
    regions: list(s('regions')).map((r) => matchOne(r, REGIONS, REGION_ALIASES as Record<string, (typeof REGIONS)[number]>)),
    orderingMethod: matchOne(s('ordering_method'), ORDERING_METHODS),
    contactName: opt('contact_name'),
    contactEmail: opt('contact_email'),
    url: opt('url'),
    contractType: matchOne(s('contract_type'), CONTRACT_TYPES),
  };
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

const ALLOWED: Partial<Record<Column, readonly string[]>> = {
  category: CATEGORY_SLUGS,
  regions: REGIONS,
  ordering_method: ORDERING_METHODS,
  contract_type: CONTRACT_TYPES,
};

/** One zod issue as a sentence in the reader's language, naming the CSV column. */
export function describeIssue(issue: z.ZodIssue, locale: Locale): RowProblem {
  const field = FIELD_TO_COLUMN[String(issue.path[0])] ?? String(issue.path[0] ?? '');
  const p = { field };
  switch (issue.code) {
    case 'invalid_enum_value':
      return { field, message: t(locale, 'import.row.notAllowed', { ...p, allowed: (ALLOWED[field] ?? issue.options).join(', ') }) };
    case 'too_small':
      return { field, message: t(locale, 'import.row.required', p) };
    case 'too_big':
      return { field, message: t(locale, 'import.row.tooLong', { ...p, max: Number(issue.maximum) }) };
    case 'invalid_string':
      if (issue.validation === 'email') return { field, message: t(locale, 'import.row.email', p) };
      if (issue.validation === 'url') return { field, message: t(locale, 'import.row.url', p) };
      break;
    default:
      break;
  }
  if (field === 'valid_from' || field === 'valid_to' || field === 'max_extension_to') {
    if (issue.message.includes('before')) return { field, message: t(locale, 'import.row.dateOrder', p) };
    return { field, message: t(locale, 'import.row.date', p) };
  }
  if (field === 'cpv_codes') return { field, message: t(locale, 'import.row.cpv', p) };
  if (field === 'contract_id') return { field, message: t(locale, 'import.row.contractId', p) };
  if (field === 'url') return { field, message: t(locale, 'import.row.url', p) };
  if (field === 'suppliers') return { field, message: t(locale, 'import.row.supplier', p) };
  return { field, message: t(locale, 'import.row.invalid', p) };
}

/**
 * Parses and validates a whole contract export. Rows that fail validation are reported by line number;
 * the file as a whole is refused (ImportFatalError) only when it cannot be read at all.
 */
export function parseContractsCsv(buf: Buffer, locale: Locale = 'sv'): ParsedFile {
  const { text, encoding } = decodeCsv(buf, locale);
  if (text.trim() === '') throw new ImportFatalError(t(locale, 'import.fatal.empty'));
  // No text file holds NUL (and PostgreSQL text cannot store it): UTF-16 without a BOM, or not text at all.
  if (text.includes('\u0000')) throw new ImportFatalError(t(locale, 'import.fatal.nul'));
  const delimiter = detectDelimiter(text, locale);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new ImportFatalError(t(locale, 'import.fatal.unreadable', { line: line ?? '?' }), line);
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    throw new ImportFatalError(t(locale, 'import.fatal.tooMany', { max: MAX_IMPORT_ROWS }));
  }

  const header = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ImportFatalError(t(locale, 'import.fatal.missingColumns', { columns: missing.join(', ') }), 1);
  const warnings: string[] = [];
  const unknown = header.filter((h) => h !== '' && !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) warnings.push(t(locale, 'import.warning.unknownColumns', { columns: unknown.join(', ') }));
  const dup = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup.length > 0) throw new ImportFatalError(t(locale, 'import.fatal.duplicateColumns', { columns: [...new Set(dup)].join(', ') }), 1);
  if (encoding === 'windows-1252') warnings.push(t(locale, 'import.warning.converted'));

  const rows: ParsedFile['rows'] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.every((cell) => cell.trim() === '')) continue;
    const rec: Partial<Record<Column, string>> = {};
    header.forEach((h, i) => {
      if ((CSV_COLUMNS as readonly string[]).includes(h)) rec[h as Column] = record[i] ?? '';
    });
    const candidate = toCandidate(rec);
    const result = contractSchema.safeParse(candidate);
    if (!result.success) {
      const problems = dedupe(result.error.issues.map((i) => describeIssue(i, locale)));
      rejected.push({ line, ...(candidate.contractId ? { contractId: candidate.contractId } : {}), problems });
      continue;
    }
    const key = result.data.contractId.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rejected.push({
        line,
        contractId: result.data.contractId,
        problems: [{ field: 'contract_id', message: t(locale, 'import.row.duplicateId', { line: earlier }) }],
      });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, contract: result.data });
  }
  return { encoding, delimiter, rows, rejected, warnings };
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

/** Writes contracts as a CSV export in the import format (';', UTF-8 with BOM, CRLF), as Swedish Excel expects. */
export function toCsv(contracts: Contract[]): string {
  const esc = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const supplier = (s: Supplier) => `${s.name}${s.orgNr ? ` (${s.orgNr})` : ''}${s.rank ? ` #${s.rank}` : ''}`;
  const lines = [CSV_COLUMNS.join(';')];
  for (const c of contracts) {
    const cells: Record<Column, string> = {
      contract_id: c.contractId,
      title: c.title,
      description: c.description,
      category: c.category,
      suppliers: c.suppliers.map(supplier).join('|'),
      keywords: c.keywords.join('|'),
      cpv_codes: c.cpvCodes.join('|'),
      valid_from: c.validFrom,
      valid_to: c.validTo,
      max_extension_to: c.maxExtensionTo ?? '',
      regions: c.regions.join('|'),
      ordering_method: c.orderingMethod,
      contact_name: c.contactName ?? '',
      contact_email: c.contactEmail ?? '',
      url: c.url ?? '',
      contract_type: c.contractType,
    };
    lines.push(CSV_COLUMNS.map((col) => esc(cells[col])).join(';'));
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
