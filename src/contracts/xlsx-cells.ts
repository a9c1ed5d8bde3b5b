import { CellObject, SSF } from '@e965/xlsx';

/** A cell as the text the import works with, or an error value to refuse the file with. */
export type CellText = { text: string } | { error: string };

const DAY_MS = 86_400_000;
/** Excel's largest date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL = 2_958_465;

/** SheetJS's codes for error values (BErr); newer errors such as #SPILL! come without a code. */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/**
 * A number as plain decimal text, rounded to Excel's 15 significant digits, never with an exponent or
 * thousands separators: 33140000 → "33140000", 0.1 + 0.2 → "0.3", 1e-7 → "0.0000001".
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(15));
  if (rounded === 0) return '0';
  const s = String(rounded);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const sign = rounded < 0 ? '-' : '';
  const [int, frac = ''] = s.slice(sign.length, e).split('.');
  const digits = int + frac;
  const point = int.length + Number(s.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * An Excel date serial as YYYY-MM-DD (the time of day dropped), computed in UTC so that no time zone can
 * move it a day. 1900 system: serial 1 is 1900-01-01 and serial 60 the 1900-02-29 that Lotus and Excel
 * pretend existed; 1904 system: serial 0 is 1904-01-01. Null outside Excel's date range.
 */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  // Rounded to the millisecond first, so 45657.99999999999 (float noise) is still 45658 and 23:59:59.999 stays the same day.
  const days = Math.floor(Math.round(serial * DAY_MS) / DAY_MS);
  if (!Number.isFinite(days) || days < (date1904 ? 0 : 1) || days > MAX_SERIAL - (date1904 ? 1462 : 0)) return null;
  if (!date1904 && days === 60) return '1900-02-29';
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Formats that only pad an integer with zeros and separators, e.g. 000000\-0000 (org numbers) or 000\ 00
 * (postcodes), as Excel stores them: the number is shown with its leading zeros, as the user sees it.
 */
const ZERO_PADDED = /^0(?:[0 -]|\\[ -])*$/;

function numberText(v: number, format: string | undefined, date1904: boolean): string {
  if (format && format !== 'General') {
    if (SSF.is_date(format)) return serialToIsoDate(v, date1904) ?? plainNumber(v);
    if (ZERO_PADDED.test(format) && Number.isSafeInteger(v) && v >= 0) return String(SSF.format(format, v));
  }
  return plainNumber(v);
}

/** The text of one cell read by SheetJS with cellDates off and cellNF on (numbers keep their serials and formats). */
export function cellText(cell: CellObject | undefined, date1904: boolean): CellText {
  if (!cell) return { text: '' };
  switch (cell.t) {
    case 'e':
      return { error: ERRORS[cell.v as number] ?? '#ERROR!' };
    case 'n':
      return { text: typeof cell.v === 'number' ? numberText(cell.v, cell.z as string | undefined, date1904) : '' };
    case 'b':
      return { text: cell.v ? 'true' : 'false' };
    case 's': {
      const text = String(cell.v ?? '').trim();
      return { text: text || (cell.l?.Target ?? '').trim() };
    }
    default:
      // 'z': a cell with no value, perhaps only a hyperlink. ('d' does not occur: dates are read as serials.)
      return { text: (cell.l?.Target ?? '').trim() };
  }
}
