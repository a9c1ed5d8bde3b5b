import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { csvDocument } from '../core/csv';
import { Category } from '../core/categories';
import { Locale, t } from '../i18n';
import { CSV_COLUMNS, Column, HEADER_SEARCH_ROWS, TableRow, cellsBeyond, columnLetters, columnOf, findHeader } from './import-columns';
import { ImportFatalError } from './import-errors';
import { NewCategory, RejectedRow, RowNote, mapRows } from './import-rows';
import { Contract, Supplier } from './model';

export { CSV_COLUMNS, ImportFatalError };
export { parseSupplier } from './import-values';
export type { RejectedRow, RowNote, NewCategory };

export const MAX_IMPORT_ROWS = 200_000;

/** A whole export, read and checked: what would be imported, what not and why. */
export interface ParsedFile {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | null;
  delimiter: ';' | ',' | '\t' | null;
  sheet: string | null;
  rows: { line: number; contract: Contract }[];
  rejected: RejectedRow[];
  notes: RowNote[];
  newCategories: NewCategory[];
  warnings: string[];
}

/** UTF-8 (with or without BOM) as is; anything that is not valid UTF-8 is read as Windows-1252 (Swedish Excel's "CSV"). */
export function decodeCsv(buf: Buffer, locale: Locale): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new ImportFatalError(t(locale, 'contracts.import.fatal.utf16'));
  }
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252' };
  }
}

type Delimiter = ';' | ',' | '\t';

/** The delimiter that splits the header row (found among the first lines) into the most known columns. */
function detectDelimiter(text: string, locale: Locale): Delimiter {
  const lines = text.split(/\r?\n/, HEADER_SEARCH_ROWS);
  let best: { d: Delimiter; n: number } = { d: ';', n: 0 };
  for (const d of [';', ',', '\t'] as const) {
    for (const line of lines) {
      const n = line.split(d).filter((h) => columnOf(h.trim().replace(/^"|"$/g, '')) !== undefined).length;
      if (n > best.n) best = { d, n };
    }
  }
  if (best.n === 0) throw new ImportFatalError(t(locale, 'contracts.import.fatal.noHeader', { columns: CSV_COLUMNS.join(';') }), 1);
  return best.d;
}

/** A CSV export as rows of cells, with the line each row starts on. */
export function readCsvTable(buf: Buffer, locale: Locale): { encoding: 'utf-8' | 'windows-1252'; delimiter: Delimiter; rows: TableRow[] } {
  const { text, encoding } = decodeCsv(buf, locale);
  if (text.trim() === '') throw new ImportFatalError(t(locale, 'contracts.import.fatal.empty'));
  // No text file holds NUL (and PostgreSQL text cannot store it): UTF-16 without a BOM, or not text at all.
  if (text.includes('\u0000')) throw new ImportFatalError(t(locale, 'contracts.import.fatal.nul'));
  const delimiter = detectDelimiter(text, locale);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiter === '\t' ? '\t' : delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new ImportFatalError(t(locale, 'contracts.import.fatal.unreadable', { line: line ?? '?' }), line);
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) throw new ImportFatalError(t(locale, 'contracts.import.fatal.tooMany', { max: MAX_IMPORT_ROWS }));
  return { encoding, delimiter, rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/**
 * The rows of a table (CSV or a worksheet) checked against the catalogue's categories. Cells right of the
 * last named header are not read; the note counts them with those the workbook reader left (farOff).
 */
export function parseTable(
  rows: readonly TableRow[],
  categories: readonly Category[],
  locale: Locale,
  farOff: { cells: number; first: string | null } = { cells: 0, first: null },
) {
  const header = findHeader(rows, locale);
  const data = rows.slice(header.index + 1);
  const mapped = mapRows(data, header.columns, categories, locale);
  const beyond = cellsBeyond(data, header.columns.length);
  const ignored = beyond.cells + farOff.cells;
  const warnings = [...header.warnings];
  if (ignored > 0) {
    const first = beyond.first ?? farOff.first ?? '';
    warnings.push(t(locale, 'contracts.import.warning.ignoredCells', { cells: ignored, column: columnLetters(header.columns.length - 1), first }));
  }
  return { ...mapped, warnings: [...warnings, ...mapped.warnings] };
}

/**
 * Parses and validates a whole CSV export. Rows that fail are reported by line number; the file as a
 * whole is refused (ImportFatalError) only when it cannot be read at all.
 */
export function parseContractsCsv(buf: Buffer, categories: readonly Category[], locale: Locale = 'sv'): ParsedFile {
  const table = readCsvTable(buf, locale);
  const parsed = parseTable(table.rows, categories, locale);
  const warnings = table.encoding === 'windows-1252' ? [...parsed.warnings, t(locale, 'contracts.import.warning.converted')] : parsed.warnings;
  return {
    format: 'csv',
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: null,
    rows: parsed.contracts,
    rejected: parsed.rejected,
    notes: parsed.notes,
    newCategories: parsed.newCategories,
    warnings,
  };
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
  return csvDocument(lines);
}
