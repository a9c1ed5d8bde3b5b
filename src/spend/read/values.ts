/**
 * Cell values of a ledger: amounts (decimal comma or point, spaces as thousands separators), dates,
 * org numbers (with or without hyphen, 10 or 12 digits) and the privacy rules at the door. Pure functions.
 */

export { decimalSeparatorOf } from '../../imports/csv-read';

/** An amount in öre, or null when the cell is not an amount. */
export function amountOre(cell: string, decimal: ',' | '.'): number | null {
  let s = cell.replace(/[\s\u00a0\u202f]/g, '').replace(/(SEK|kr)$/i, '');
  // A minus written as a trailing sign or with the typographic minus.
  s = s.replace(/\u2212/g, '-');
  if (/^\d[\d.,]*-$/.test(s)) s = `-${s.slice(0, -1)}`;
  const thousands = decimal === ',' ? '.' : ',';
  if (s.includes(thousands) && !new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+(\\${decimal}\\d+)?$`).test(s)) return null;
  s = s.split(thousands).join('');
  if (decimal === ',') s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const ore = Math.round(Number(s) * 100);
  return Number.isSafeInteger(ore) ? ore : null;
}

const EXCEL_EPOCH = 25569;
const real = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && y >= 1990 && y <= 2100;
};
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A date as YYYY-MM-DD (ISO, with a time, with slashes or dots, 20250131, or an Excel serial day), or null. */
export function dayOf(cell: string): string | null {
  const v = cell.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return real(+m[1], +m[2], +m[3]) ? iso(+m[1], +m[2], +m[3]) : null;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (m) return real(+m[3], +m[2], +m[1]) ? iso(+m[3], +m[2], +m[1]) : null;
  if (/^\d{5}(\.0+)?$/.test(v)) return new Date((Math.floor(Number(v)) - EXCEL_EPOCH) * 86_400_000).toISOString().slice(0, 10);
  return null;
}

/** An org number as NNNNNN-NNNN (10 digits, or 12 with a century or the 16 prefix), else null. */
export function orgNrOf(cell: string): string | null {
  const digits = cell.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const ten = digits.length === 12 && /^(16|19|20)/.test(digits) ? digits.slice(2) : digits;
  return ten.length === 10 ? `${ten.slice(0, 6)}-${ten.slice(6)}` : null;
}

/** A personnummer (a sole trader): the 3rd–4th digits are a month. Legal persons have 20 or more there. */
export function isPersonNumber(orgNr: string): boolean {
  const month = Number(orgNr.slice(2, 4));
  return month >= 1 && month <= 12;
}

/** A public body (state, municipality, region): the org number starts with 2. */
export const isPublicBody = (orgNr: string) => orgNr.startsWith('2');

/** The supplier cell a publisher writes when it has masked personal data. */
export function isMaskedName(name: string): boolean {
  const v = name.trim().toLowerCase();
  return v === '*' || /^\*+$/.test(v) || v.includes('personuppgift') || v === '[maskerad]' || v === 'skyddad';
}

/** The buyers the product serves, by org number. */
export const BUYERS: Readonly<Record<string, 'Sörmland' | 'Västmanland'>> = { '232100-0032': 'Sörmland', '232100-0172': 'Västmanland' };
