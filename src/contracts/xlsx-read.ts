import { Locale, t } from '../i18n';
import { FileReadError } from '../imports/read-error';
import { SheetTable, XlsxLimits, readWorkbookSheet } from '../imports/xlsx-read';
import { ImportFatalError } from './import-errors';

/**
 * A contract export's worksheet through the imports' one workbook reader (src/imports/xlsx-read.ts), its
 * refusals worded in the officer's language.
 */
export { DEFAULT_XLSX_LIMITS, looksLikeCfb, looksLikeXlsx } from '../imports/xlsx-read';
export type { SheetTable, XlsxLimits };

/** Bytes as MB (MiB): one decimal, two significant digits below 10 MB, a decimal comma in Swedish. */
export function mebibytes(bytes: number, locale: Locale): string {
  const n = bytes / 1024 / 1024;
  const mb = String(n >= 10 ? Math.round(n * 10) / 10 : Number(n.toPrecision(2)));
  return locale === 'sv' ? mb.replace('.', ',') : mb;
}

/** A shared reader's refusal as the contract import words it. */
export function readRefusal(err: FileReadError, locale: Locale): ImportFatalError {
  const p = err.params;
  if (err.code === 'empty') return new ImportFatalError(t(locale, 'contracts.import.fatal.empty'));
  const params: Record<string, string | number> = { ...p };
  if (typeof p.sizeBytes === 'number') params.size = mebibytes(p.sizeBytes, locale);
  if (typeof p.maxBytes === 'number') params.max = mebibytes(p.maxBytes, locale);
  return new ImportFatalError(t(locale, `contracts.import.xlsx.${err.code}`, params), err.line);
}

/**
 * The non-empty rows of the first worksheet (or of the one named sheet) as strings. Throws
 * ImportFatalError, in the user's language, for a file that is not an .xlsx, is password-protected or an
 * old .xls, is over a limit, is damaged, has no such sheet, an empty sheet or an error value (#REF! …).
 */
export async function readXlsxTable(buf: Buffer, opts: { sheet?: string; locale: Locale; limits?: Partial<XlsxLimits> }): Promise<SheetTable> {
  try {
    return await readWorkbookSheet(buf, { sheet: opts.sheet, limits: opts.limits });
  } catch (err) {
    if (err instanceof FileReadError) throw readRefusal(err, opts.locale);
    throw err;
  }
}
