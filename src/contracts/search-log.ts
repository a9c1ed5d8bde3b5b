import { createHmac } from 'node:crypto';
import { Logger } from '../logger';
import type { ContractStatus } from './model';
import { parseQuery } from './search-query';

/**
 * What staff search for, counted (issue 13, avtalslösa områden). A search turn only appends to a list
 * in memory (no parsing, no hashing, no database); every FLUSH_MS the list is folded into aggregates
 * and written in one transaction, off the turn. A failed write is logged and retried with the next
 * flush; nothing here ever throws into a turn. Shutdown (ModuleParts.stop) and the reports flush too.
 */
export type SearchSource = 'chat' | 'msgext' | 'rest';

export interface SearchEvent {
  q: string;
  source: SearchSource;
  found: boolean;
  /** The searcher's Entra object id; REST searches have none (they count searches, not people). */
  aadId?: string;
}

/** One aggregate of a flush: a folded query from one source, found or not, how often, and by whom (unmet only). */
export interface SearchAggregate {
  query: string;
  source: SearchSource;
  found: boolean;
  searches: number;
  /** Entra ids of those who searched in Teams without a hit; hashed by the repository, never stored. */
  people: string[];
}

export type WriteSearches = (rows: SearchAggregate[]) => Promise<void>;

export interface SearchLog {
  /** Notes a search: constant time, never throws. */
  record(event: SearchEvent): void;
  /** Writes what is waiting; `all` also takes message-extension queries still being typed. Never rejects. */
  flush(opts?: { all?: boolean }): Promise<void>;
  /** Stops the timer and writes everything (at shutdown). */
  stop(): Promise<void>;
}

export const FLUSH_MS = 5000;
/**
 * Teams sends a message-extension query as the person types ("nit", "nitril", "nitrilhandskar"): only
 * the last query of a person that has stood this long counts.
 */
export const SETTLE_MS = 2000;
/** Searches kept in memory at most (a flush every 5 s at 450 turns/s holds about 2 300). */
export const MAX_PENDING = 20_000;
/**
 * The report window (the officers' card and the report's default): the people-count key rotates at least
 * this often, and the text of queries too few people made is forgotten once it is older.
 */
export const UNMET_WINDOW_DAYS = 90;
/** How often an instance looks for such queries (its schedule runs every few seconds). */
export const FORGET_EVERY_MS = 3_600_000;

/**
 * Whether a search found a contract, for the log: a current or upcoming one on its first page (expired
 * contracts sort after them and removed ones are never found). Finding only an expired contract is a hit
 * in the list but an area without a contract.
 */
export function foundCurrent(items: readonly { status: ContractStatus }[]): boolean {
  return items.some((c) => c.status !== 'expired');
}

/**
 * Whether a query holds what may identify a person, so it is never logged (not counted, not hashed): an
 * e-mail address, or a run of at least 7 digits allowing one space, dash, dot, slash, plus or parenthesis
 * between them (a personnummer "19800101-1234", a phone number "+46 70-123 45 67"). A loop, no regex
 * that could backtrack.
 */
export function holdsPersonalData(q: string): boolean {
  if (/\S@\S/.test(q)) return true;
  let digits = 0;
  let separated = false;
  for (const ch of q) {
    if (ch >= '0' && ch <= '9') {
      digits++;
      separated = false;
      if (digits >= 7) return true;
    } else if (digits > 0 && !separated && ' -+()./'.includes(ch)) {
      separated = true;
    } else {
      digits = 0;
      separated = false;
    }
  }
  return false;
}

/** A search as the search log's rule sees it, wherever it came from. */
export interface SearchShape {
  q: string | undefined;
  offset: number;
  /** Found a current or upcoming contract (foundCurrent). */
  found: boolean;
  region?: string;
  category?: string;
  supplier?: string;
  status?: string;
}

/**
 * The one rule for whether a search counts in the search log (chat, the message extension and REST): a
 * new search (the first page) over the whole catalogue with words to count. A narrower filter finding
 * nothing says nothing about a missing contract, so a region-filtered search counts only when it found
 * one, and category, supplier and status filters never count. A query that holds personal data never does.
 */
export function countsInSearchLog(s: SearchShape): boolean {
  if (typeof s.q !== 'string' || s.q.trim() === '' || s.offset !== 0) return false;
  if (s.category || s.supplier || (s.status !== undefined && s.status !== 'all')) return false;
  if (s.region && !s.found) return false;
  return !holdsPersonalData(s.q);
}

/**
 * Counts an answered search by the one rule: whether it found a current contract (foundCurrent), and whether
 * it counts at all (countsInSearchLog). Chat, the message extension and REST all log through this.
 */
export function logSearch(
  log: SearchLog | undefined,
  s: Omit<SearchShape, 'found'> & { items: readonly { status: ContractStatus }[] },
  who: { source: SearchSource; aadId?: string },
): void {
  const found = foundCurrent(s.items);
  if (log && countsInSearchLog({ ...s, found })) log.record({ q: s.q ?? '', source: who.source, found, ...(who.aadId ? { aadId: who.aadId } : {}) });
}

/**
 * The folded query a search is counted under: the search's own words (lower case, diacritics folded,
 * stop words and command words out, single spaces). null for a contract id or nothing to search.
 */
export function foldedQuery(q: string): string | null {
  const parsed = parseQuery(q);
  if (parsed.idKey !== null || parsed.tokens.length === 0) return null;
  return parsed.tokens.join(' ');
}

/** Folds searches into one aggregate per query, source and outcome; people only for unmet searches in Teams. */
export function aggregateSearches(events: readonly SearchEvent[]): SearchAggregate[] {
  const rows = new Map<string, SearchAggregate & { who: Set<string> }>();
  for (const e of events) {
    // Checked again here, whoever recorded the search: personal data never reaches the database.
    const query = typeof e.q === 'string' && !holdsPersonalData(e.q) ? foldedQuery(e.q) : null;
    if (query === null) continue;
    const key = `${e.source}|${e.found}|${query}`;
    const row = rows.get(key) ?? { query, source: e.source, found: e.found, searches: 0, people: [], who: new Set<string>() };
    row.searches++;
    if (!e.found && e.source !== 'rest' && e.aadId) row.who.add(e.aadId.trim().toLowerCase());
    rows.set(key, row);
  }
  return [...rows.values()].map(({ who, ...row }) => ({ ...row, people: [...who] }));
}

/**
 * A person as the people count stores them: HMAC-SHA256 of the stem and the Entra id under the period's
 * key. The stem is part of the input, so one person's hashes for two stems cannot be matched.
 */
export function personHash(key: Buffer, stem: string, aadId: string): Buffer {
  return createHmac('sha256', key).update(`${stem}\n${aadId.trim().toLowerCase()}`).digest();
}

/**
 * The schedule's job that forgets rare queries (forgetRareSearches): at most every `everyMs` per instance,
 * the deletions logged as counts, a failure logged and never thrown (the other scheduled work goes on).
 */
export function createForgetJob(opts: { forget: () => Promise<{ counts: number; people: number }>; logger: Logger; everyMs?: number }): () => Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  return async () => {
    if (Date.now() - last < (opts.everyMs ?? FORGET_EVERY_MS)) return;
    last = Date.now();
    try {
      const { counts, people } = await opts.forget();
      if (counts + people > 0) opts.logger.info({ searchCountsForgotten: counts, searchPeopleForgotten: people }, 'search log: rare queries forgotten');
    } catch (err) {
      opts.logger.warn({ err: (err as Error)?.message }, 'search log: rare queries not forgotten; tried again later');
    }
  };
}

/** Logging switched off (SEARCH_LOG=false). */
export const NO_SEARCH_LOG: SearchLog = { record: () => undefined, flush: async () => undefined, stop: async () => undefined };

export interface SearchLogOptions {
  write: WriteSearches;
  logger: Logger;
  flushMs?: number;
  settleMs?: number;
  maxPending?: number;
}

export function createSearchLog(opts: SearchLogOptions): SearchLog {
  const flushMs = opts.flushMs ?? FLUSH_MS;
  const settleMs = opts.settleMs ?? SETTLE_MS;
  const maxPending = opts.maxPending ?? MAX_PENDING;
  let pending: SearchEvent[] = [];
  /** Message-extension queries by person: the latest one and when it came. */
  const typing = new Map<string, { event: SearchEvent; at: number }>();
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();

  const arm = () => {
    if (timer || stopped || (pending.length === 0 && typing.size === 0)) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush().then(arm);
    }, flushMs);
    timer.unref();
  };

  function take(all: boolean): SearchEvent[] {
    const cutoff = Date.now() - settleMs;
    for (const [who, { event, at }] of typing) {
      if (!all && at > cutoff) continue;
      typing.delete(who);
      pending.push(event);
    }
    const batch = pending;
    pending = [];
    return batch;
  }

  async function writeOnce(all: boolean): Promise<void> {
    const batch = take(all);
    if (batch.length === 0) return;
    const lost = dropped;
    dropped = 0;
    try {
      await opts.write(aggregateSearches(batch));
      if (lost > 0) opts.logger.warn({ dropped: lost }, 'search log: searches not counted (too many waiting)');
    } catch (err) {
      // Kept for the next flush (within the bound): a database that is away for a while loses nothing.
      const before = batch.length + pending.length;
      pending = batch.concat(pending).slice(0, maxPending);
      dropped += lost + before - pending.length;
      opts.logger.warn({ err: (err as Error)?.message, searches: batch.length }, 'search log not written; retried at the next flush');
      arm();
    }
  }

  function flush(o: { all?: boolean } = {}): Promise<void> {
    chain = chain.then(() => writeOnce(o.all === true));
    return chain;
  }

  return {
    record(event) {
      try {
        if (typeof event?.q !== 'string') return;
        if (event.source === 'msgext' && event.aadId) {
          if (!typing.has(event.aadId) && typing.size >= maxPending) return void dropped++;
          typing.set(event.aadId, { event, at: Date.now() });
        } else if (pending.length < maxPending) pending.push(event);
        else dropped++;
        arm();
      } catch {
        // Counting a search must never cost the search its answer.
      }
    },
    flush,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush({ all: true });
    },
  };
}
