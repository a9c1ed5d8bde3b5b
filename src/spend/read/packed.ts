/**
 * The postings of a file in a compact form that crosses the worker-thread boundary cheaply: every
 * repeating text column (region, day, supplier, administration, account text) as a dictionary of its
 * distinct values plus one index per posting, numbers in typed arrays, and the vouchers as one UTF-8 byte
 * buffer with the end of each. The typed arrays' memory is transferred, not copied; only the dictionaries
 * (a few thousand strings) are cloned. Unpacked, equal texts are one shared string. Pure, no I/O.
 */

/** The postings of one file, column by column (as the repository writes them). */
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

/** A text column: its distinct values and, per posting, the index of its value. */
export interface PackedText {
  values: (string | null)[];
  index: Uint32Array;
}

export interface PackedPostings {
  length: number;
  region: PackedText;
  day: PackedText;
  orgNr: PackedText;
  name: PackedText;
  forvaltning: PackedText;
  accountText: PackedText;
  /** The vouchers' UTF-8 bytes, one after another; voucherEnd[i] is where the i-th ends. */
  voucherBytes: Uint8Array;
  voucherEnd: Uint32Array;
  account: Float64Array;
  amountOre: Float64Array;
  masked: Uint8Array;
}

/** A typed array that grows by doubling. */
class Growing<T extends Uint32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values, in an array of their own exact size (its buffer can be transferred). */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

class TextColumn {
  private readonly at = new Map<string | null, number>();
  private readonly values: (string | null)[] = [];
  private readonly index = new Growing(new Uint32Array(1024), (n) => new Uint32Array(n));
  push(v: string | null): void {
    let i = this.at.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.at.set(v, i);
    }
    this.index.push(i);
  }
  done(): PackedText {
    return { values: this.values, index: this.index.done() };
  }
}

export interface Posting {
  region: string;
  voucher: string;
  day: string;
  account: number;
  amountOre: number;
  orgNr: string | null;
  name: string | null;
  masked: boolean;
  forvaltning: string;
  accountText: string;
}

/** Collects postings one by one into the packed form. */
export class PostingsPacker {
  length = 0;
  private readonly region = new TextColumn();
  private readonly day = new TextColumn();
  private readonly orgNr = new TextColumn();
  private readonly name = new TextColumn();
  private readonly forvaltning = new TextColumn();
  private readonly accountText = new TextColumn();
  private readonly account = new Growing(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly amountOre = new Growing(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly masked = new Growing(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly voucherEnd = new Growing(new Uint32Array(1024), (n) => new Uint32Array(n));
  private voucherBytes = Buffer.alloc(64 * 1024);
  private voucherLength = 0;

  push(p: Posting): void {
    this.length++;
    this.region.push(p.region);
    this.day.push(p.day);
    this.orgNr.push(p.orgNr);
    this.name.push(p.name);
    this.forvaltning.push(p.forvaltning);
    this.accountText.push(p.accountText);
    this.account.push(p.account);
    this.amountOre.push(p.amountOre);
    this.masked.push(p.masked ? 1 : 0);
    const bytes = Buffer.byteLength(p.voucher);
    while (this.voucherLength + bytes > this.voucherBytes.length) {
      const next = Buffer.alloc(this.voucherBytes.length * 2);
      this.voucherBytes.copy(next, 0, 0, this.voucherLength);
      this.voucherBytes = next;
    }
    this.voucherLength += this.voucherBytes.write(p.voucher, this.voucherLength);
    this.voucherEnd.push(this.voucherLength);
  }

  done(): PackedPostings {
    const voucherBytes = new Uint8Array(this.voucherLength);
    voucherBytes.set(this.voucherBytes.subarray(0, this.voucherLength));
    return {
      length: this.length,
      region: this.region.done(),
      day: this.day.done(),
      orgNr: this.orgNr.done(),
      name: this.name.done(),
      forvaltning: this.forvaltning.done(),
      accountText: this.accountText.done(),
      voucherBytes,
      voucherEnd: this.voucherEnd.done(),
      account: this.account.done(),
      amountOre: this.amountOre.done(),
      masked: this.masked.done(),
    };
  }
}

function texts<T extends string | null>(c: PackedText): T[] {
  const out = new Array<T>(c.index.length);
  for (let i = 0; i < c.index.length; i++) out[i] = c.values[c.index[i]] as T;
  return out;
}

/** The packed postings as the columns the repository writes (equal texts share one string). */
export function unpackPostings(p: PackedPostings): Postings {
  const bytes = Buffer.from(p.voucherBytes.buffer, p.voucherBytes.byteOffset, p.voucherBytes.byteLength);
  const voucher = new Array<string>(p.length);
  const account = new Array<number>(p.length);
  const amountOre = new Array<number>(p.length);
  const masked = new Array<boolean>(p.length);
  for (let i = 0, start = 0; i < p.length; i++) {
    voucher[i] = bytes.toString('utf8', start, p.voucherEnd[i]);
    start = p.voucherEnd[i];
    account[i] = p.account[i];
    amountOre[i] = p.amountOre[i];
    masked[i] = p.masked[i] === 1;
  }
  return {
    region: texts<string>(p.region),
    voucher,
    day: texts<string>(p.day),
    account,
    amountOre,
    orgNr: texts<string | null>(p.orgNr),
    name: texts<string | null>(p.name),
    masked,
    forvaltning: texts<string>(p.forvaltning),
    accountText: texts<string>(p.accountText),
  };
}
