import fc from 'fast-check';
import { createContractRepository, ContractRepository } from '../../src/contracts/repository';
import { seedSampleContracts } from '../../src/contracts/seed';
import { Expansion, MAX_QUERY_LENGTH, MAX_QUERY_TOKENS, buildTsQueries, parseQuery, quoteLexeme } from '../../src/contracts/search-query';
import { Db } from '../../src/db';
import { createLogger } from '../../src/logger';
import { createTestDb } from '../helpers/db';

/**
 * Property-based tests of the search query path: the parser never throws and only hands on safe tokens,
 * the tsquery texts it builds are always valid tsquery syntax, and the repository answers every string
 * (a bounded number of runs against the real database) without an error.
 */
const METACHARACTERS = ['&', '|', '!', ':', '*', '(', ')', '<->', '<1>', '\\', "'", '"', '%', '_', ';', '--', '/*', '\u0000', '\u0007', '\u202e', '\ufeff', '\ud800', '\udfff', ' ', '\n', 'å', 'Ö', 'ß', '🧤', 'handskar', 'RS-2023-0127', 'or', '1=1', 'DROP', 'TABLE'];

/** Any text: arbitrary code points, and strings made of search and SQL metacharacters (lone surrogates included). */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...METACHARACTERS), maxLength: 60 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
);

describe('parseQuery', () => {
  it('never throws, and returns only short lower-case ASCII words, at most the allowed number', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const p = parseQuery(input);
        expect(p.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        expect(p.tokens.length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
        for (const t of p.tokens) expect(t).toMatch(/^[a-z0-9]{2,}$/);
        expect(new Set(p.tokens).size).toBe(p.tokens.length);
        if (p.idKey !== null) expect(p.idKey).toMatch(/^[a-z0-9][a-z0-9._/-]{1,39}$/);
        // Nothing the user typed can bring control characters or bidi overrides into messages.
        // eslint-disable-next-line no-control-regex -- control characters are what this checks for
        expect(p.text).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('is stable: parsing its own text again gives the same words', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const p = parseQuery(input);
        expect(parseQuery(p.text).tokens).toEqual(p.tokens);
      }),
      { numRuns: 1000 },
    );
  });
});

let db: Db;
let repo: ContractRepository;
beforeAll(async () => {
  db = await createTestDb();
  await seedSampleContracts(db, createLogger('silent'));
  repo = createContractRepository(db);
});
afterAll(async () => {
  await db.close();
});

describe('tsquery texts', () => {
  /** Lexemes as the vocabulary could hold them: any text PostgreSQL can store (no NUL). */
  const lexeme = fc.string({ unit: fc.oneof(fc.constantFrom(...METACHARACTERS.filter((c) => c !== '\u0000' && !/^[\ud800-\udfff]$/.test(c))), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\u0000'));
  const expansions = fc.array(
    fc.record({ token: fc.nat({ max: 4 }), term: lexeme, quality: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom('exact', 'prefix', 'head', 'part', 'typo') as fc.Arbitrary<Expansion['kind']> }),
    { maxLength: 8 },
  );

  it('are always valid tsquery syntax for PostgreSQL, whatever the lexemes hold', async () => {
    await fc.assert(
      fc.asyncProperty(expansions, async (list) => {
        const q = buildTsQueries(list);
        const texts = [q.all, q.any, ...q.words.flatMap((w) => [w.any, w.strong, w.weak, w.split, w.exact])].filter((x): x is string => x !== null);
        for (const text of texts) await db.query('SELECT $1::tsquery', [text]);
      }),
      { numRuns: 150 },
    );
  });

  it('quote a lexeme so that it comes back as exactly one lexeme', async () => {
    await fc.assert(
      fc.asyncProperty(lexeme, async (term) => {
        const [row] = await db.query<{ n: number }>('SELECT numnode($1::tsquery)::int AS n', [quoteLexeme(term)]);
        expect(row.n).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the repository', () => {
  const TODAY = '2026-11-21';
  it('answers any query, supplier and id without an error', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.option(anyText, { nil: undefined }), fc.integer({ min: 0, max: 1000 }), async (q, supplier, offset) => {
        const result = await repo.search({ q, ...(supplier ? { supplier } : {}), status: 'all', limit: 5, offset, today: TODAY, useCache: false });
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.items.length).toBeLessThanOrEqual(5);
        await repo.get(q, TODAY);
      }),
      // Lone surrogates once failed on the embedded database ("invalid byte sequence for encoding UTF8").
      { numRuns: 250, examples: [['å\udfff', undefined, 0], ['\ud800handskar', '\udc00', 0]] },
    );
  });

  it('still finds a contract by a real word wrapped in metacharacters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('&', '|', '!', ':', '*', '(', ')', "'", '\\', '%', '_', ' '), maxLength: 8 }), async (noise) => {
        const result = await repo.search({ q: `${noise}handskar${noise}`, status: 'all', limit: 5, offset: 0, today: TODAY, useCache: false });
        expect(result.total).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
