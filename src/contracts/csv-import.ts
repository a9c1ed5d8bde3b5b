import { csvDocument } from '../core/csv';
import { Category } from '../core/categories';
import { Locale, t } from '../i18n';
import { Delimiter, csvRecords, decodeText, detectDelimiter } from '../imports/csv-read';
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

/**
 * A CSV export as rows of cells, with the line each row starts on, through the imports' one CSV reader:
 * UTF-8 (with or without BOM) as is, anything that is not valid UTF-8 as Windows-1252 (Swedish Excel's
 * "CSV"); the delimiter is the one that splits a header line into the most known columns.
 */
export function readCsvTable(buf: Buffer, locale: Locale): { encoding: 'utf-8' | 'windows-1252'; delimiter: Delimiter; rows: TableRow[] } {
  const decoded = decodeText(buf);
  // A UTF-16 export is refused with a message saying how to save it (as before the shared reader).
  if (decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be') throw new ImportFatalError(t(locale, 'contracts.import.fatal.utf16'));
  const { text } = decoded;
  const encoding = decoded.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  if (text.trim() === '') throw new ImportFatalError(t(locale, 'contracts.import.fatal.empty'));
  // No text file holds NUL (and PostgreSQL text cannot store it): UTF-16 without a BOM, or not text at all.
  if (text.includes('\u0000')) throw new ImportFatalError(t(locale, 'contracts.import.fatal.nul'));
  const { delimiter, known } = detectDelimiter(text, { lines: HEADER_SEARCH_ROWS, isHeader: (h) => columnOf(h) !== undefined });
  if (known === 0) throw new ImportFatalError(t(locale, 'contracts.import.fatal.noHeader', { columns: CSV_COLUMNS.join(';') }), 1);
  let rows: TableRow[];
  try {
    rows = csvRecords(text, delimiter);
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new ImportFatalError(t(locale, 'contracts.import.fatal.unreadable', { line: line ?? '?' }), line);
  }
  if (rows.length - 1 > MAX_IMPORT_ROWS) throw new ImportFatalError(t(locale, 'contracts.import.fatal.tooMany', { max: MAX_IMPORT_ROWS }));
  return { encoding, delimiter, rows };
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
