import { LEDGER_COLUMNS, LedgerColumn, REQUIRED, columnOf, headerIndex } from './columns';
import { TextRow } from '../../imports/csv-read';
import { LedgerReadError } from './errors';
import { BUYERS, amountOre, dayOf, decimalSeparatorOf, isMaskedName, isPersonNumber, orgNrOf } from './values';

/**
 * Rows of a ledger → postings, all or nothing: a file with unreadable amounts or dates, or an unknown
 * buyer, is refused with the lines concerned. Privacy at the door: a masked row, or one whose supplier
 * number is a personnummer, keeps neither name nor number; it is counted as masked. Pure, no I/O.
 */

/** The postings of one file, column by column (cheap to pass from the worker thread). */
export interface Postings {
  region: string[];
  voucher: string[];
  day: string[];
  account: number[];
  amountOre: number[];
  orgNr: (string | null)[];
  name: (string | null)[];
  masked: boolean[];
  forvaltning: string[];
  accountText: string[];
}

export interface ParsedLedger {
  postings: Postings;
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  masked: number;
  /** Rows whose supplier number was a personnummer (masked here, at the door). */
  maskedAtImport: number;
  firstDay: string | null;
  lastDay: string | null;
  regions: string[];
  warnings: { code: 'unknown-columns' | 'no-org-number'; value: string }[];
}

/** Problems listed before the refusal stops reading. */
export const MAX_LISTED_PROBLEMS = 20;
const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

export interface LedgerOptions {
  /** The buyer's org number when the file has no kopare_id column (the command line's --buyer). */
  buyer?: string;
}

export function ledgerOf(rows: readonly TextRow[], opts: LedgerOptions = {}): ParsedLedger {
  const h = headerIndex(rows);
  if (h < 0) throw new LedgerReadError('no-header', { line: rows[0]?.line ?? 1 });
  const header = rows[h];
  const cols = header.cells.map(columnOf);
  const at = new Map<LedgerColumn, number>();
  cols.forEach((c, i) => c && !at.has(c) && at.set(c, i));
  const needed = REQUIRED.filter((c) => !(c === 'kopare_id' && opts.buyer) && !(c === 'verifikationsnummer') && !(c === 'leverantor_id' && at.has('leverantor')) && !(c === 'leverantor' && at.has('leverantor_id')));
  const missing = needed.filter((c) => !at.has(c));
  if (missing.length > 0) throw new LedgerReadError('missing-columns', { columns: missing, line: header.line });
  const warnings: ParsedLedger['warnings'] = [];
  const unknown = header.cells.filter((c, i) => c.trim() !== '' && cols[i] === undefined);
  if (unknown.length > 0) warnings.push({ code: 'unknown-columns', value: cut(unknown.join(', '), 200) });

  const data = rows.slice(h + 1);
  const cell = (r: TextRow, c: LedgerColumn) => {
    const i = at.get(c);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const decimal = decimalSeparatorOf(data.slice(0, 2000).map((r) => cell(r, 'belopp')));
  const p: Postings = { region: [], voucher: [], day: [], account: [], amountOre: [], orgNr: [], name: [], masked: [], forvaltning: [], accountText: [] };
  const problems: { line: number; field: string; value: string }[] = [];
  const unknownBuyers = new Set<string>();
  const regions = new Set<string>();
  let masked = 0;
  let maskedAtImport = 0;
  let noOrg = 0;
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  const problem = (line: number, field: string, value: string) => {
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, field, value: cut(value, 40) });
    else problems.length = MAX_LISTED_PROBLEMS;
  };
  let bad = 0;
  for (const r of data) {
    const buyerCell = at.has('kopare_id') ? cell(r, 'kopare_id') : (opts.buyer ?? '');
    const buyer = orgNrOf(buyerCell);
    const region = buyer ? BUYERS[buyer] : undefined;
    if (!region) unknownBuyers.add(cut(buyerCell || '–', 20));
    const amount = amountOre(cell(r, 'belopp'), decimal);
    const day = dayOf(cell(r, 'datum'));
    const accountCell = cell(r, 'konto_nr');
    const account = /^\d{1,9}$/.test(accountCell) ? Number(accountCell) : null;
    const unreadable = (field: LedgerColumn, value: string) => {
      bad++;
      problem(r.line, field, value);
    };
    if (amount === null) unreadable('belopp', cell(r, 'belopp'));
    if (day === null) unreadable('datum', cell(r, 'datum'));
    if (account === null) unreadable('konto_nr', accountCell);
    if (amount === null || day === null || account === null || !region) continue;

    const rawName = cell(r, 'leverantor');
    const rawId = cell(r, 'leverantor_id');
    const orgNr = orgNrOf(rawId);
    const isMasked = isMaskedName(rawName) || isMaskedName(rawId) || (orgNr !== null && isPersonNumber(orgNr));
    if (isMasked) {
      masked++;
      if (orgNr !== null && isPersonNumber(orgNr) && !isMaskedName(rawName)) maskedAtImport++;
    } else if (!orgNr) noOrg++;
    const voucher = cell(r, 'verifikationsnummer') || (cell(r, 'fakturanummer') ? `faktura:${cell(r, 'fakturanummer')}` : `rad:${orgNr ?? rawName}`);
    p.region.push(region);
    p.voucher.push(cut(voucher, 60));
    p.day.push(day);
    p.account.push(account);
    p.amountOre.push(amount);
    p.orgNr.push(isMasked ? null : orgNr);
    p.name.push(isMasked ? null : cut(rawName, 200) || null);
    p.masked.push(isMasked);
    p.forvaltning.push(cut(cell(r, 'forvaltning'), 120));
    p.accountText.push(cut(cell(r, 'konto_text'), 120));
    regions.add(region);
    if (firstDay === null || day < firstDay) firstDay = day;
    if (lastDay === null || day > lastDay) lastDay = day;
  }
  if (bad > 0) throw new LedgerReadError('bad-rows', { lines: problems });
  if (unknownBuyers.size > 0) throw new LedgerReadError('unknown-buyer', { buyers: [...unknownBuyers].slice(0, 5) });
  if (p.day.length === 0) throw new LedgerReadError('empty');
  if (noOrg > 0) warnings.push({ code: 'no-org-number', value: String(noOrg) });
  return { postings: p, rows: data.length, masked, maskedAtImport, firstDay, lastDay, regions: [...regions].sort(), warnings };
}

export { LEDGER_COLUMNS };
