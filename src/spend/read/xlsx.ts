import { FileReadError } from '../../imports/read-error';
import { TextRow } from '../../imports/csv-read';
import { looksLikeXlsx, readWorkbookSheet } from '../../imports/xlsx-read';
import { LedgerReadError } from './errors';

/**
 * A ledger workbook's first sheet as rows of text, through the imports' one workbook reader: the zip is
 * checked first (a zip bomb never reaches the reading), the sheet is read row by row, and each row only up
 * to its own last cell, so a stray cell in column XFD costs nothing.
 */
export const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
export const MAX_SHEET_ROWS = 1_100_000;
/** Columns read; a ledger has 15. */
const MAX_COLUMNS = 64;

export const looksLikeZip = looksLikeXlsx;

/** The shared reader's refusal as a ledger refusal. */
function ledgerRefusal(err: FileReadError): LedgerReadError {
  switch (err.code) {
    case 'unpackedTooLarge':
      return new LedgerReadError('zip-bomb');
    case 'tooManyRows':
    case 'overBudget':
      return new LedgerReadError('too-many-rows');
    case 'fileTooLarge':
      return new LedgerReadError('too-large');
    case 'empty':
      return new LedgerReadError('empty');
    case 'cellError':
      return new LedgerReadError('bad-rows', { lines: [{ line: err.line ?? 0, field: String(err.params.cell), value: String(err.params.error) }] });
    default:
      return new LedgerReadError('damaged');
  }
}

/** The non-empty rows of the first sheet; headRows reads only the first ones (to recognise a header). */
export async function xlsxRows(buf: Buffer, headRows?: number): Promise<TextRow[]> {
  try {
    const limits = { maxFileBytes: Number.MAX_SAFE_INTEGER, maxUnpackedBytes: MAX_UNPACKED_BYTES, maxRows: MAX_SHEET_ROWS, maxColumns: MAX_COLUMNS, maxCells: MAX_SHEET_ROWS * 16 };
    return (await readWorkbookSheet(buf, { limits, headRows })).rows;
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    // An empty sheet is a file without a header, as an empty CSV would be.
    if (err.code === 'emptySheet') return [];
    throw ledgerRefusal(err);
  }
}
