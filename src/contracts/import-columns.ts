import { Locale, t } from '../i18n';
import { foldText } from '../util/text';
import { ImportFatalError } from './import-errors';

/** The columns of a contract export, in the order we write them (input may use any order, case and our Swedish names). */
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
export type Column = (typeof CSV_COLUMNS)[number];

/**
 * Read on input, never written: the suppliers' org numbers in a column of their own (some exports keep
 * them apart from the names), matched to the suppliers in order.
 */
export type InputColumn = Column | 'supplier_orgnr';
const INPUT_ONLY_ALIASES: Record<Exclude<InputColumn, Column>, string[]> = {
  supplier_orgnr: ['supplier orgnr', 'organisationsnummer', 'orgnr', 'org nr', 'leverantorens orgnr', 'leverantorens organisationsnummer', 'leverantor orgnr'],
};

/** Without these a contract cannot exist; every other column may be missing (the report says what was assumed). */
export const REQUIRED_COLUMNS: readonly Column[] = ['contract_id', 'title', 'valid_from', 'valid_to'];

/** Headers the regions' own exports use, folded (no case, diacritics or punctuation). */
const HEADER_ALIASES: Record<Column, string[]> = {
  contract_id: ['avtalsnummer', 'avtalsnr', 'avtals id', 'avtalsid', 'diarienummer', 'dnr', 'id'],
  title: ['titel', 'benamning', 'avtalsnamn', 'avtalsbenamning', 'namn', 'avtal'],
  description: ['beskrivning', 'omfattning', 'avtalsbeskrivning'],
  category: ['kategori', 'avtalskategori', 'kategorinamn', 'inkopskategori'],
  suppliers: ['leverantor', 'leverantorer', 'leverantor er', 'supplier', 'suppliers'],
  keywords: ['sokord', 'nyckelord', 'keywords'],
  cpv_codes: ['cpv', 'cpv kod', 'cpv koder', 'cpv koder'],
  valid_from: ['startdatum', 'giltig fran', 'avtalsstart', 'avtalet galler fran', 'fran och med', 'start'],
  valid_to: ['slutdatum', 'giltig till', 'avtalsslut', 'avtalet galler till', 'till och med', 'nuvarande slutdatum', 'slut'],
  max_extension_to: ['forlangning till', 'senaste slutdatum', 'max slutdatum', 'max forlangning', 'forlangningsoption till', 'sista mojliga slutdatum'],
  regions: ['region', 'regioner', 'galler for'],
  ordering_method: ['bestallningssatt', 'bestallning', 'bestallningsvag', 'sa bestaller du'],
  contact_name: ['kontaktperson', 'kontakt', 'avtalsansvarig', 'upphandlare'],
  contact_email: ['e post', 'epost', 'email', 'e mail', 'mejl', 'kontakt e post'],
  url: ['lank', 'avtalslank', 'webbadress', 'dokument'],
  contract_type: ['avtalstyp', 'typ'],
};

const headerKey = (h: string) => foldText(h).replace(/[^a-z0-9]+/g, ' ').trim();

const BY_HEADER = new Map<string, InputColumn>();
for (const col of CSV_COLUMNS) {
  BY_HEADER.set(headerKey(col), col);
  for (const alias of HEADER_ALIASES[col]) BY_HEADER.set(alias, col);
}
for (const [col, aliases] of Object.entries(INPUT_ONLY_ALIASES) as [InputColumn, string[]][]) for (const alias of [headerKey(col), ...aliases]) BY_HEADER.set(alias, col);

/** The column a header cell names, or undefined. */
export function columnOf(header: string): InputColumn | undefined {
  return BY_HEADER.get(headerKey(header));
}

/** How far down a title row, a date line or a blank may push the header row. */
export const HEADER_SEARCH_ROWS = 20;

export interface TableRow {
  line: number;
  cells: string[];
}

export interface HeaderMatch {
  /** Index of the header row in the table's rows. */
  index: number;
  /** Per cell up to the last header with a name: the column it holds, or undefined (ignored). */
  columns: (InputColumn | undefined)[];
  warnings: string[];
}

/** A 0-based column index as spreadsheet letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let c = index + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Filled cells right of the header's last named column: never read; counted for the report's note. */
export function cellsBeyond(rows: readonly TableRow[], width: number): { cells: number; first: string | null } {
  let cells = 0;
  let first: string | null = null;
  for (const row of rows) {
    for (let c = width; c < row.cells.length; c++) {
      if (row.cells[c].trim() === '') continue;
      first ??= `${columnLetters(c)}${row.line}`;
      cells++;
    }
  }
  return { cells, first };
}

/**
 * Finds the header row: the first of the first HEADER_SEARCH_ROWS rows that names the contract id and
 * at least two other columns. Missing required or repeated columns refuse the whole file.
 */
export function findHeader(rows: readonly TableRow[], locale: Locale): HeaderMatch {
  const index = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => {
    const cols = r.cells.map(columnOf);
    return cols.includes('contract_id') && new Set(cols.filter(Boolean)).size >= 3;
  });
  if (index < 0) throw new ImportFatalError(t(locale, 'contracts.import.fatal.noHeader', { columns: REQUIRED_COLUMNS.join(', ') }), rows[0]?.line ?? 1);
  const row = rows[index];
  // Columns end at the last header cell that has a name: what lies to its right is not read.
  let width = row.cells.length;
  while (width > 0 && row.cells[width - 1].trim() === '') width--;
  const columns = row.cells.slice(0, width).map(columnOf);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ImportFatalError(t(locale, 'contracts.import.fatal.missingColumns', { columns: missing.join(', ') }), row.line);
  const dup = columns.filter((c, i) => c !== undefined && columns.indexOf(c) !== i);
  if (dup.length > 0) throw new ImportFatalError(t(locale, 'contracts.import.fatal.duplicateColumns', { columns: [...new Set(dup)].join(', ') }), row.line);
  const warnings: string[] = [];
  const unknown = row.cells.filter((h, i) => h.trim() !== '' && columns[i] === undefined).map((h) => h.trim());
  if (unknown.length > 0) warnings.push(t(locale, 'contracts.import.warning.unknownColumns', { columns: unknown.join(', ') }));
  return { index, columns, warnings };
}

/** One data row as column → cell text. */
export function recordOf(row: TableRow, columns: readonly (InputColumn | undefined)[]): Partial<Record<InputColumn, string>> {
  const rec: Partial<Record<InputColumn, string>> = {};
  columns.forEach((c, i) => {
    if (c) rec[c] = row.cells[i] ?? '';
  });
  return rec;
}
