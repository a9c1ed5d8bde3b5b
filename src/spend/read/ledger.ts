import { HEADER_SEARCH_ROWS, LEDGER_COLUMNS, LedgerColumn, REQUIRED, columnOf, headerIndex } from './columns';
import { TextRow } from '../../imports/csv-read';
import { LedgerReadError } from './errors';
import { PackedPostings, Postings, PostingsPacker, unpackPostings } from './packed';
import { BUYERS, amountOre, dayOf, decimalSeparatorOf, isMaskedName, isPersonNumber, orgNrOf } from './values';

/**
 * Rows of a ledger → postings, all or nothing: a file with unreadable amounts or dates, or an unknown
 * buyer, is refused with the lines concerned. Privacy at the door: a masked row, or one whose supplier
 * number is a personnummer, keeps neither name nor number; it is counted as masked. Pure, no I/O.
 */

export type { Postings } from './packed';

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
/** The first data rows, whose amounts decide the decimal separator. */
const DECIMAL_SAMPLE = 2000;

export interface LedgerOptions {
  /** The buyer's org number when the file has no kopare_id column (the command line's --buyer). */
  buyer?: string;
}

/** A ledger read, its postings still packed (as they cross from the worker thread). */
export type PackedLedger = Omit<ParsedLedger, 'postings'> & { postings: PackedPostings };

/**
 * Reads a ledger's rows one at a time, so a large file's rows need not all be held at once: the rows up to
 * the header and the first data rows (which decide the decimal separator) are kept until that is known,
 * every later row is turned into a posting as it comes. finish() throws the refusal, if any.
 */
export class LedgerReader {
  private readonly pending: TextRow[] = [];
  private header: { at: Map<LedgerColumn, number>; line: number } | null = null;
  private decimal: ',' | '.' | null = null;
  private readonly packer = new PostingsPacker();
  private readonly warnings: ParsedLedger['warnings'] = [];
  private readonly problems: { line: number; field: string; value: string }[] = [];
  private readonly unknownBuyers = new Set<string>();
  private readonly regions = new Set<string>();
  private data = 0;
  private bad = 0;
  private masked = 0;
  private maskedAtImport = 0;
  private noOrg = 0;
  private firstDay: string | null = null;
  private lastDay: string | null = null;

  constructor(private readonly opts: LedgerOptions = {}) {}

  add(r: TextRow): void {
    if (this.decimal !== null) return this.posting(r);
    this.pending.push(r);
    if (this.header === null && this.pending.length >= HEADER_SEARCH_ROWS) this.findHeader();
    if (this.header !== null && this.pending.length >= DECIMAL_SAMPLE) this.flush();
  }

  finish(): PackedLedger {
    if (this.decimal === null) {
      if (this.header === null) this.findHeader();
      this.flush();
    }
    if (this.bad > 0) throw new LedgerReadError('bad-rows', { lines: this.problems });
    if (this.unknownBuyers.size > 0) throw new LedgerReadError('unknown-buyer', { buyers: [...this.unknownBuyers].slice(0, 5) });
    if (this.packer.length === 0) throw new LedgerReadError('empty');
    if (this.noOrg > 0) this.warnings.push({ code: 'no-org-number', value: String(this.noOrg) });
    const { masked, maskedAtImport, firstDay, lastDay } = this;
    return { postings: this.packer.done(), rows: this.data, masked, maskedAtImport, firstDay, lastDay, regions: [...this.regions].sort(), warnings: this.warnings };
  }

  /** Finds the header among the rows kept so far (refused when none is one), and drops the rows above it. */
  private findHeader(): void {
    const h = headerIndex(this.pending);
    if (h < 0) throw new LedgerReadError('no-header', { line: this.pending[0]?.line ?? 1 });
    const header = this.pending[h];
    const cols = header.cells.map(columnOf);
    const at = new Map<LedgerColumn, number>();
    cols.forEach((c, i) => c && !at.has(c) && at.set(c, i));
    const { buyer } = this.opts;
    const needed = REQUIRED.filter((c) => !(c === 'kopare_id' && buyer) && !(c === 'verifikationsnummer') && !(c === 'leverantor_id' && at.has('leverantor')) && !(c === 'leverantor' && at.has('leverantor_id')));
    const missing = needed.filter((c) => !at.has(c));
    if (missing.length > 0) throw new LedgerReadError('missing-columns', { columns: missing, line: header.line });
    const unknown = header.cells.filter((c, i) => c.trim() !== '' && cols[i] === undefined);
    if (unknown.length > 0) this.warnings.push({ code: 'unknown-columns', value: cut(unknown.join(', '), 200) });
    this.header = { at, line: header.line };
    this.pending.splice(0, h + 1);
  }

  /** The decimal separator from the data rows kept, then those rows as postings. */
  private flush(): void {
    this.decimal = decimalSeparatorOf(this.pending.slice(0, DECIMAL_SAMPLE).map((r) => this.cell(r, 'belopp')));
    for (const r of this.pending) this.posting(r);
    this.pending.length = 0;
  }

  private cell(r: TextRow, c: LedgerColumn): string {
    const i = this.header?.at.get(c);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  }

  private problem(line: number, field: string, value: string): void {
    this.bad++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ line, field, value: cut(value, 40) });
  }

  private posting(r: TextRow): void {
    this.data++;
    const { opts } = this;
    const at = this.header?.at;
    const buyerCell = at?.has('kopare_id') ? this.cell(r, 'kopare_id') : (opts.buyer ?? '');
    const buyer = orgNrOf(buyerCell);
    const region = buyer ? BUYERS[buyer] : undefined;
    if (!region) this.unknownBuyers.add(cut(buyerCell || '–', 20));
    const amount = amountOre(this.cell(r, 'belopp'), this.decimal ?? '.');
    const day = dayOf(this.cell(r, 'datum'));
    const accountCell = this.cell(r, 'konto_nr');
    const account = /^\d{1,9}$/.test(accountCell) ? Number(accountCell) : null;
    if (amount === null) this.problem(r.line, 'belopp', this.cell(r, 'belopp'));
    if (day === null) this.problem(r.line, 'datum', this.cell(r, 'datum'));
    if (account === null) this.problem(r.line, 'konto_nr', accountCell);
    if (amount === null || day === null || account === null || !region || this.bad > 0 || this.unknownBuyers.size > 0) return;

    const rawName = this.cell(r, 'leverantor');
    const rawId = this.cell(r, 'leverantor_id');
    const orgNr = orgNrOf(rawId);
    const isMasked = isMaskedName(rawName) || isMaskedName(rawId) || (orgNr !== null && isPersonNumber(orgNr));
    if (isMasked) {
      this.masked++;
      if (orgNr !== null && isPersonNumber(orgNr) && !isMaskedName(rawName)) this.maskedAtImport++;
    } else if (!orgNr) this.noOrg++;
    const invoice = this.cell(r, 'fakturanummer');
    const voucher = this.cell(r, 'verifikationsnummer') || (invoice ? `faktura:${invoice}` : `rad:${orgNr ?? rawName}`);
    this.packer.push({
      region,
      voucher: cut(voucher, 60),
      day,
      account,
      amountOre: amount,
      orgNr: isMasked ? null : orgNr,
      name: isMasked ? null : cut(rawName, 200) || null,
      masked: isMasked,
      forvaltning: cut(this.cell(r, 'forvaltning'), 120),
      accountText: cut(this.cell(r, 'konto_text'), 120),
    });
    this.regions.add(region);
    if (this.firstDay === null || day < this.firstDay) this.firstDay = day;
    if (this.lastDay === null || day > this.lastDay) this.lastDay = day;
  }
}

/** A ledger read packed (the worker's result). */
export function packedLedgerOf(rows: Iterable<TextRow>, opts: LedgerOptions = {}): PackedLedger {
  const reader = new LedgerReader(opts);
  for (const r of rows) reader.add(r);
  return reader.finish();
}

export function ledgerOf(rows: readonly TextRow[], opts: LedgerOptions = {}): ParsedLedger {
  const l = packedLedgerOf(rows, opts);
  return { ...l, postings: unpackPostings(l.postings) };
}

export { LEDGER_COLUMNS };
