import fc from 'fast-check';
import { CSV_COLUMNS, ImportFatalError, parseContractsCsv, toCsv } from '../../src/contracts/csv-import';
import { CONTRACT_TYPES, Contract, ORDERING_METHODS, contractSchema } from '../../src/contracts/model';
import { REGIONS } from '../../src/core/vocabulary';
import { FIXTURE_CATEGORIES } from '../fixtures/categories';

/**
 * Property-based tests of the CSV importer: any bytes are either read or refused with ImportFatalError
 * (never another exception); in a readable file every data row is accepted or reported with its line;
 * and valid contracts survive a trip through the export format unchanged.
 */

/** Either the file is refused as a whole with a reason, or parsed. Anything else thrown is a bug. */
function parseOrFatal(buf: Buffer) {
  try {
    return parseContractsCsv(buf, FIXTURE_CATEGORIES, 'sv');
  } catch (err) {
    if (err instanceof ImportFatalError) {
      expect(err.message.length).toBeGreaterThan(0);
      return null;
    }
    throw err;
  }
}

const HEADER = CSV_COLUMNS.join(';');
const CSV_CHARS = [';', ',', '"', '\r', '\n', '|', '#', '(', ')', ' ', 'a', 'Ö', '1', '-', '2026-01-01', 'RS-2025-0101', 'kontor-allmant', 'Sörmland', 'e-handel', 'avtal', '\u0000', '\ufeff'];

describe('any input', () => {
  it('arbitrary bytes: parsed or refused with a reason, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        parseOrFatal(Buffer.from(bytes));
      }),
      { numRuns: 1500 },
    );
  });

  it('a real header followed by arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom('\ufeff', ''), fc.uint8Array({ maxLength: 2048 }), (bom, tail) => {
        parseOrFatal(Buffer.concat([Buffer.from(`${bom}${HEADER}\n`), Buffer.from(tail)]));
      }),
      { numRuns: 1000 },
    );
  });

  it('CSV-like text with quotes, delimiters and line breaks anywhere', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...CSV_CHARS), maxLength: 400 }), fc.constantFrom('utf-8', 'latin1') as fc.Arbitrary<BufferEncoding>, (body, enc) => {
        const parsed = parseOrFatal(Buffer.from(`${HEADER}\n${body}`, enc));
        if (parsed) {
          for (const r of parsed.rejected) expect(r.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('a readable file', () => {
  /** Cells without quotes, delimiters or line breaks, so the number of records is known without a CSV parser. */
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'b', 'Ö', ' ', '-', '|', '#', '(', ')', '1', '2', '@', '.', '/'), maxLength: 20 }),
    fc.constantFrom('2026-01-01', '2028-12-31', '2026-02-30', 'kontor-allmant', 'Sörmland', 'e-handel', 'avtal', 'ramavtal', 'X AB (556677-8899) #1', 'https://example.org', 'a@example.org', '33141420-0'),
  );
  const record = fc.array(cell, { minLength: CSV_COLUMNS.length, maxLength: CSV_COLUMNS.length });

  it('accepts or reports every data row, each reported by its own line number', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 15 }), fc.constantFrom('\n', '\r\n'), (records, eol) => {
        const lines = [HEADER, ...records.map((r) => r.join(';'))];
        const parsed = parseOrFatal(Buffer.from(lines.join(eol)));
        expect(parsed).not.toBeNull();
        if (!parsed) return;
        const nonBlank = records.map((r, i) => ({ line: i + 2, blank: r.every((c) => c.trim() === '') })).filter((r) => !r.blank);
        const seen = [...parsed.rows.map((r) => r.line), ...parsed.rejected.map((r) => r.line)].sort((a, b) => a - b);
        expect(seen).toEqual(nonBlank.map((r) => r.line));
        for (const r of parsed.rejected) expect(r.problems.length).toBeGreaterThan(0);
        const ids = parsed.rows.map((r) => r.contract.contractId.toLowerCase());
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 800 },
    );
  });
});

describe('round trip', () => {
  const word = (chars: string, min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max }).map((s) => s.trim()).filter((s) => s.length >= min);
  const TEXT = 'abcdefghijklmnopqrstuvwxyzåäöÅÄÖéü ABC0123456789.,:;"\'!?&%/+-_=@';
  const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const supplier = fc.record(
    {
      name: word('abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ABC&.-', 1, 40),
      orgNr: fc.stringMatching(/^\d{6}-\d{4}$/),
      rank: fc.integer({ min: 1, max: 99 }),
    },
    { requiredKeys: ['name'] },
  );
  const contract: fc.Arbitrary<Contract> = fc
    .record({
      contractId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{1,20}$/),
      title: word(TEXT, 2, 80),
      description: fc.oneof(fc.constant(''), word(`${TEXT}\n`, 1, 200)),
      category: fc.constantFrom(...FIXTURE_CATEGORIES.map((c) => c.slug)),
      suppliers: fc.array(supplier, { minLength: 1, maxLength: 4 }),
      keywords: fc.array(word('abcdefghijklmnopqrstuvwxyzåäö -', 1, 20), { maxLength: 5 }),
      cpvCodes: fc.array(fc.stringMatching(/^\d{8}(-\d)?$/), { maxLength: 3 }),
      dates: fc.tuple(day, day, fc.option(day, { nil: null })).map(([a, b, c]) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        return { validFrom: from, validTo: to, maxExtensionTo: c && c >= to ? c : null };
      }),
      regions: fc.subarray([...REGIONS], { minLength: 1 }),
      orderingMethod: fc.constantFrom(...ORDERING_METHODS),
      contactName: fc.option(word('abcdefghijklmnopqrstuvwxyzåäö ÅÄÖ-', 1, 40), { nil: null }),
      contactEmail: fc.option(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}(\.[a-z0-9]{1,5})?$/), fc.stringMatching(/^[a-z]{2,10}$/)).map(([l, d]) => `${l}@${d}.se`), { nil: null }),
      url: fc.option(fc.stringMatching(/^[a-z0-9/-]{0,20}$/).map((p) => `https://example.org/${p}`), { nil: null }),
      contractType: fc.constantFrom(...CONTRACT_TYPES),
    })
    .map(({ dates, ...c }) => ({ ...c, ...dates }))
    // The generator aims at valid contracts; the schema has the last word on what valid is.
    .filter((c) => contractSchema.safeParse(c).success);

  it('valid contracts come back from the export format exactly as they went in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(contract, { minLength: 1, maxLength: 10, selector: (c) => c.contractId.toLowerCase() }), (contracts) => {
        const parsed = parseContractsCsv(Buffer.from(toCsv(contracts), 'utf-8'), FIXTURE_CATEGORIES, 'sv');
        expect(parsed.rejected).toEqual([]);
        expect(parsed.rows.map((r) => r.contract)).toEqual(contracts);
      }),
      { numRuns: 400 },
    );
  });
});
