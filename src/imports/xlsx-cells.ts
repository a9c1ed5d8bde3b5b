import { SSF } from '@e965/xlsx';

/** A cell as the text the import works with, or an error value to refuse the file with. */
export type CellText = { text: string } | { error: string };

const DAY_MS = 86_400_000;
/** Excel's largest date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL = 2_958_465;

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

/**
 * One cell as the worksheet XML holds it: its type attribute (t), its value text (<v>, or an inline
 * string's text, or a shared string already looked up), its number format, and a hyperlink's target.
 */
export interface RawCell {
  t: string;
  v: string | undefined;
  format?: string;
  link?: string;
}

/** A cell of the worksheet XML as the text the imports work with, or an error value to refuse the file with. */
export function cellText(cell: RawCell | undefined, date1904: boolean): CellText {
  if (!cell) return { text: '' };
  const link = (cell.link ?? '').trim();
  if (cell.v === undefined) return { text: cell.t === 'e' ? '' : link };
  switch (cell.t) {
    case 'e':
      return { error: cell.v.trim() || '#ERROR!' };
    case 'b':
      return { text: cell.v.trim() === '1' || cell.v.trim().toLowerCase() === 'true' ? 'true' : 'false' };
    case 's':
    case 'str':
    case 'inlineStr':
      return { text: cell.v.trim() || link };
    case 'd': {
      // An ISO 8601 date cell (rare: Excel writes serials); the date part as the import's text.
      const day = /^\d{4}-\d{2}-\d{2}/.exec(cell.v.trim());
      return { text: day ? day[0] : cell.v.trim() };
    }
    default: {
      const v = cell.v.trim();
      if (v === '') return { text: link };
      const n = Number(v);
      return { text: Number.isFinite(n) ? numberText(n, cell.format, date1904) : v };
    }
  }
}
