import { foldText } from '../util/text';
import { REGIONS, Region } from '../core/vocabulary';
import { CONTRACT_TYPES, ContractType, ORDERING_METHODS, OrderingMethod, Supplier } from './model';

/**
 * Reading the cells of an export the way people fill them in: plain functions, no I/O. Each returns
 * the value the contract schema expects, or a note saying what could not be used.
 */

const key = (v: string) => foldText(v).replace(/[^a-z0-9]+/g, ' ').trim();

/** Known spellings of the ordering methods the product names in both languages. */
const ORDERING_ALIASES: Record<string, OrderingMethod> = {
  'e handel': 'e-handel',
  ehandel: 'e-handel',
  proceedo: 'e-handel',
  'e handel proceedo': 'e-handel',
  'bestall i proceedo': 'e-handel',
  avrop: 'avrop',
  'avrop fran ramavtal': 'avrop',
  bestallningsuppdrag: 'beställningsuppdrag',
  'bestallningsuppdrag till inkop': 'beställningsuppdrag',
  varuforsorjningen: 'varuförsörjningen',
  'via varuforsorjningen': 'varuförsörjningen',
  'kontakta inkop': 'kontakta-inköp',
  inkop: 'kontakta-inköp',
};

const TYPE_ALIASES: Record<string, ContractType> = {
  avtal: 'avtal',
  'eget avtal': 'avtal',
  kontrakt: 'avtal',
  ramavtal: 'ramavtal',
  'eget ramavtal': 'ramavtal',
  'externt ramavtal': 'externt-ramavtal',
  'extern ramavtal': 'externt-ramavtal',
  adda: 'externt-ramavtal',
  'adda ramavtal': 'externt-ramavtal',
  kammarkollegiet: 'externt-ramavtal',
  'statens inkopscentral': 'externt-ramavtal',
  'kammarkollegiet statens inkopscentral': 'externt-ramavtal',
  'sinfra': 'externt-ramavtal',
};

for (const m of ORDERING_METHODS) ORDERING_ALIASES[key(m)] = m;
for (const c of CONTRACT_TYPES) TYPE_ALIASES[key(c)] = c;

/** A known method or type when the cell names one; otherwise the cell as written (known: false). */
export function knownOrAsWritten<T extends string>(cell: string, aliases: Record<string, T>): { value: string; known: boolean } {
  const found = aliases[key(cell)];
  return found ? { value: found, known: true } : { value: cell.trim().replace(/\s+/g, ' '), known: false };
}
export const orderingMethodOf = (cell: string) => knownOrAsWritten(cell, ORDERING_ALIASES);
export const contractTypeOf = (cell: string) => knownOrAsWritten(cell, TYPE_ALIASES);

const BOTH = ['bada', 'bada regionerna', 'alla', 'gemensam', 'gemensamt', 'samtliga'];

/** "Region Sörmland | region västmanland", "Sörmland och Västmanland", "Båda" → the regions; unknown parts listed. */
export function regionsOf(cell: string): { regions: Region[]; unknown: string[] } {
  const parts = cell
    .split(/[|,;/]|\soch\s|\s&\s/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const regions = new Set<Region>();
  const unknown: string[] = [];
  for (const part of parts) {
    const k = key(part).replace(/^region /, '').replace(/ lans? landsting$/, '');
    if (BOTH.includes(k)) REGIONS.forEach((r) => regions.add(r));
    else {
      const r = REGIONS.find((x) => key(x) === k);
      if (r) regions.add(r);
      else unknown.push(part);
    }
  }
  return { regions: REGIONS.filter((r) => regions.has(r)), unknown };
}

/** Splits a list cell: "|" as we write it, or a line break (Alt+Enter in an Excel cell). */
export const listOf = (v: string) =>
  v
    .split(/[|\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The tails of a supplier cell, each anchored at the end and of bounded length, so no match backtracks. */
const RANK_TAIL = /#(\d{1,2})$/;
const ORG_NR_TAIL = /\((\d{6})-?(\d{4})\)$/;

/**
 * "Nordmedica AB (556677-8899) #1" → name, org.nr and rank on a ranked framework. The tails are cut from
 * the end one at a time (rank, then org.nr), not matched by one pattern around a lazy name: that pattern
 * was cubic in a run of spaces.
 */
export function parseSupplier(raw: string): Supplier {
  let rest = raw.trim();
  const rank = RANK_TAIL.exec(rest);
  if (rank) rest = rest.slice(0, rank.index).trimEnd();
  const org = ORG_NR_TAIL.exec(rest);
  if (org) rest = rest.slice(0, org.index).trimEnd();
  return { name: rest, ...(org ? { orgNr: `${org[1]}-${org[2]}` } : {}), ...(rank ? { rank: Number(rank[1]) } : {}) };
}

/** Days between 1899-12-30 and 1970-01-01: Excel's serial day 0 (the 1900 leap-year bug included). */
const EXCEL_EPOCH_OFFSET = 25569;

/**
 * A date cell as YYYY-MM-DD: ISO (also with a time or with slashes), 20250131, or an Excel serial day
 * (a spreadsheet that stored the date as a number). Anything else is returned as is for the schema to reject.
 */
export function dateOf(cell: string): string {
  const v = cell.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(v);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  if (/^\d{5}(?:\.0+)?$/.test(v)) {
    const serial = Math.floor(Number(v));
    // 1950-01-01 … 2149-12-31: a contract date, not some other number.
    if (serial >= 18264 && serial <= 91675) return new Date((serial - EXCEL_EPOCH_OFFSET) * 86_400_000).toISOString().slice(0, 10);
  }
  return v;
}

/** A CPV code as the schema wants it; a spreadsheet that stored "03000000" as a number lost its leading zero. */
/** CPV codes are digits: any of | , ; space or a line break separates them. */
export const cpvListOf = (v: string) => v.split(/[|,;\s]+/).filter(Boolean);

export function cpvOf(cell: string): string {
  const v = cell.trim().replace(/\s+/g, '');
  return /^\d{7}(-\d)?$/.test(v) ? `0${v}` : v;
}

/** "www.region.se/avtal" is a web address too. */
export function urlOf(cell: string): string {
  const v = cell.trim();
  return /^www\./i.test(v) ? `https://${v}` : v;
}
