import { PostingsPacker, unpackPostings } from '../../src/spend/read/packed';
import { parseLedger } from '../../src/spend/read/parse';
import { LedgerReadError } from '../../src/spend/read/errors';

/** The postings cross from the worker packed; these check that nothing changes on the way. */

const posting = (voucher: string, supplier: { orgNr: string | null; name: string | null }, amountOre: number, day: string, masked = false) => ({
  region: 'Västmanland',
  voucher,
  day,
  account: 6110,
  amountOre,
  orgNr: supplier.orgNr,
  name: supplier.name,
  masked,
  forvaltning: 'Hälso- och sjukvård',
  accountText: 'Förbrukningsmaterial',
});

describe('packed postings', () => {
  test('unpacked they are the postings packed, texts and nulls included, each repeating text stored once', () => {
    const acme = { orgNr: '556677-8899', name: 'Åkeri Öst AB' };
    const input = [
      posting('VÖ-1', acme, 1_250_050, '2025-01-31'),
      posting('V2', { orgNr: null, name: null }, -3_000, '2025-02-01', true),
      posting('faktura:Ä/77', acme, 999_999_999_99, '2025-01-31'),
      posting('', { orgNr: null, name: 'Bara Namn HB' }, 0, '2025-12-31'),
    ];
    const packer = new PostingsPacker();
    input.forEach((p) => packer.push(p));
    const packed = packer.done();

    expect(packed.length).toBe(4);
    expect(packed.region.values).toEqual(['Västmanland']);
    expect(packed.orgNr.values).toEqual(['556677-8899', null]);
    expect(packed.day.values).toEqual(['2025-01-31', '2025-02-01', '2025-12-31']);
    const p = unpackPostings(packed);
    expect(p).toEqual({
      region: ['Västmanland', 'Västmanland', 'Västmanland', 'Västmanland'],
      voucher: ['VÖ-1', 'V2', 'faktura:Ä/77', ''],
      day: ['2025-01-31', '2025-02-01', '2025-01-31', '2025-12-31'],
      account: [6110, 6110, 6110, 6110],
      amountOre: [1_250_050, -3_000, 999_999_999_99, 0],
      orgNr: ['556677-8899', null, '556677-8899', null],
      name: ['Åkeri Öst AB', null, 'Åkeri Öst AB', 'Bara Namn HB'],
      masked: [false, true, false, false],
      forvaltning: Array(4).fill('Hälso- och sjukvård'),
      accountText: Array(4).fill('Förbrukningsmaterial'),
    });
  });

  test('a packer grows past its first capacity without losing a posting', () => {
    const packer = new PostingsPacker();
    for (let i = 0; i < 3000; i++) packer.push(posting(`V${i}`, { orgNr: '556677-8899', name: 'A AB' }, i, '2025-03-01'));
    const p = unpackPostings(packer.done());
    expect(p.voucher).toHaveLength(3000);
    expect(p.voucher[2999]).toBe('V2999');
    expect(p.amountOre.reduce((a, b) => a + b, 0)).toBe((2999 * 3000) / 2);
  });
});

describe('a ledger read record by record', () => {
  const header = 'kopare_id;kopare;verifikationsnummer;leverantor;leverantor_id;konto_nr;konto_text;belopp;datum';
  const line = (i: number, amount: string) => `232100-0172;Region Västmanland;V${i};Städ AB;556123-4567;6110;Städning;${amount};2025-05-0${1 + (i % 9)}`;

  test('rows after the first 2 000 (which decide the decimal separator) are read with it', async () => {
    // 2 100 data rows of 1,50 kr and 10 kr: 2 100 × 1,50 + 10 = 3 160 kr.
    const rows = [header, ...Array.from({ length: 2100 }, (_, i) => line(i, '1,50')), line(2100, '10')];
    const l = await parseLedger(Buffer.from(rows.join('\n')), { maxBytes: 1e7 });
    expect(l.rows).toBe(2101);
    expect(l.postings.amountOre.reduce((a, b) => a + b, 0)).toBe(316_000);
    expect(l.postings.voucher[2100]).toBe('V2100');
  });

  test('an unreadable amount after the first 2 000 rows refuses the file with its line', async () => {
    const rows = [header, ...Array.from({ length: 2050 }, (_, i) => line(i, '2,00')), line(2050, 'tio kronor')];
    const read = parseLedger(Buffer.from(rows.join('\n')), { maxBytes: 1e7 });
    await expect(read).rejects.toBeInstanceOf(LedgerReadError);
    await expect(read).rejects.toMatchObject({ code: 'bad-rows', details: { lines: [{ line: 2052, field: 'belopp', value: 'tio kronor' }] } });
  });
});
