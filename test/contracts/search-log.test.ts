import { Writable } from 'node:stream';
import { aggregateSearches, createForgetJob, createSearchLog, foldedQuery, foundCurrent, personHash, SearchAggregate } from '../../src/contracts/search-log';
import { createLogger } from '../../src/logger';
import { until } from '../helpers/wait';

/** The in-memory side of the search log: folding, aggregates, hashes, flushing, and never failing a turn. */
const logs: string[] = [];
const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, cb) => (logs.push(c.toString()), cb()) }));

describe('foldedQuery', () => {
  it.each([
    ['Läkemedelskylskåp', 'lakemedelskylskap'],
    ['  sök   avtal  Bärbar   DATOR ', 'barbar dator'],
    ['finns det avtal för nitrilhandskar?', 'nitrilhandskar'],
    ['RS-2023-0412', null],
    ['och det', null],
    ['', null],
  ])('%p → %p', (q, expected) => {
    expect(foldedQuery(q)).toBe(expected);
  });
});

describe('aggregateSearches', () => {
  it('counts per folded query, source and outcome, with people only for searches without a hit in Teams', () => {
    const rows = aggregateSearches([
      { q: 'Xylofon', source: 'chat', found: false, aadId: 'AAA' },
      { q: 'xylofon', source: 'chat', found: false, aadId: 'aaa' },
      { q: 'xylofon', source: 'chat', found: false, aadId: 'bbb' },
      { q: 'xylofon', source: 'rest', found: false },
      { q: 'handskar', source: 'msgext', found: true, aadId: 'aaa' },
      { q: 'RS-2023-0412', source: 'chat', found: false, aadId: 'aaa' },
    ]);
    const sorted = [...rows].sort((a, b) => a.source.localeCompare(b.source) || a.query.localeCompare(b.query));
    expect(sorted).toEqual<SearchAggregate[]>([
      { query: 'xylofon', source: 'chat', found: false, searches: 3, people: ['aaa', 'bbb'] },
      { query: 'handskar', source: 'msgext', found: true, searches: 1, people: [] },
      { query: 'xylofon', source: 'rest', found: false, searches: 1, people: [] },
    ]);
  });
});

describe('foundCurrent', () => {
  it('is a hit only when a current or upcoming contract was found, not an expired one alone', () => {
    expect(foundCurrent([])).toBe(false);
    expect(foundCurrent([{ status: 'expired' }, { status: 'expired' }])).toBe(false);
    for (const status of ['active', 'expiring', 'upcoming'] as const) expect(foundCurrent([{ status }, { status: 'expired' }])).toBe(true);
  });
});

describe('createForgetJob', () => {
  it('runs at most every everyMs, and logs a failure instead of throwing', async () => {
    let calls = 0;
    const job = createForgetJob({
      forget: async () => {
        if (++calls === 2) throw new Error('database away');
        return { counts: 2, people: 1 };
      },
      logger,
      everyMs: 20,
    });
    await job();
    await job(); // too soon
    expect(calls).toBe(1);
    expect(logs.some((l) => l.includes('"searchCountsForgotten":2'))).toBe(true);
    await new Promise((r) => setTimeout(r, 25));
    await expect(job()).resolves.toBeUndefined();
    expect(calls).toBe(2);
    expect(logs.some((l) => l.includes('rare queries not forgotten') && l.includes('database away'))).toBe(true);
  });
});

describe('personHash', () => {
  it('is an HMAC that differs per key and per stem, and ignores the case of the id', () => {
    const k1 = Buffer.alloc(32, 1);
    const k2 = Buffer.alloc(32, 2);
    const h = personHash(k1, 'xylofon', 'ABC');
    expect(h).toHaveLength(32);
    expect(personHash(k1, 'xylofon', 'abc').equals(h)).toBe(true);
    expect(personHash(k2, 'xylofon', 'abc').equals(h)).toBe(false);
    expect(personHash(k1, 'marimba', 'abc').equals(h)).toBe(false);
  });
});

describe('createSearchLog', () => {
  const event = (q: string, aadId = 'aaa') => ({ q, source: 'chat' as const, found: false, aadId });

  it('writes on a timer, without being asked', async () => {
    const written: SearchAggregate[][] = [];
    const log = createSearchLog({ write: async (rows) => void written.push(rows), logger, flushMs: 10 });
    log.record(event('xylofon'));
    await until('the timer to flush', () => written.length > 0);
    expect(written[0]).toEqual([{ query: 'xylofon', source: 'chat', found: false, searches: 1, people: ['aaa'] }]);
    await log.stop();
  });

  it('never throws into the caller, keeps a failed batch for the next flush and says so in the log', async () => {
    let fail = true;
    const written: SearchAggregate[][] = [];
    const log = createSearchLog({
      write: async (rows) => {
        if (fail) throw new Error('database away');
        written.push(rows);
      },
      logger,
      flushMs: 60_000,
    });
    expect(() => log.record(event('xylofon'))).not.toThrow();
    expect(() => log.record({ q: undefined as unknown as string, source: 'chat', found: false })).not.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();
    expect(logs.some((l) => l.includes('search log not written') && l.includes('database away'))).toBe(true);
    fail = false;
    await log.stop();
    expect(written).toEqual([[{ query: 'xylofon', source: 'chat', found: false, searches: 1, people: ['aaa'] }]]);
  });

  it('counts only the last message-extension query of a person while they type, and all of them at stop', async () => {
    const written: SearchAggregate[] = [];
    const log = createSearchLog({ write: async (rows) => void written.push(...rows), logger, flushMs: 60_000, settleMs: 60_000 });
    for (const q of ['mar', 'marim', 'marimba']) log.record({ q, source: 'msgext', found: false, aadId: 'ccc' });
    log.record({ q: 'xylo', source: 'msgext', found: false, aadId: 'ddd' });
    await log.flush();
    expect(written).toEqual([]); // still typing
    await log.stop();
    expect(written.map((r) => r.query).sort()).toEqual(['marimba', 'xylo']);
  });

  it('holds at most maxPending searches and logs how many it could not count', async () => {
    const written: SearchAggregate[] = [];
    const log = createSearchLog({ write: async (rows) => void written.push(...rows), logger, flushMs: 60_000, maxPending: 2 });
    for (let i = 0; i < 5; i++) log.record(event('xylofon'));
    await log.stop();
    expect(written).toEqual([{ query: 'xylofon', source: 'chat', found: false, searches: 2, people: ['aaa'] }]);
    expect(logs.some((l) => l.includes('"dropped":3'))).toBe(true);
  });
});
