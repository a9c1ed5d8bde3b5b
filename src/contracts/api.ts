import { serviceKey } from '../core/services';
/**
 * What other capabilities may use of the contract capability: the contract search as a service, the
 * contract types, and the Swedish query parsing and vocabulary (policy guidance expands its questions
 * with the same words).
 */
import { ContractView, StatusFilter } from './model';

export type { ContractView, StatusFilter } from './model';
export { parseQuery, quoteLexeme } from './search-query';
export { contractFactLabel, orderingLabel } from './model';
export { Vocabulary } from './vocabulary';
export type { VocabularyTerm } from './vocabulary';

/**
 * The limited action (per person and hour, LIMIT_IMPORT_ACTIONS_PER_HOUR) a file sent to the bot and an import
 * button count as. The contract module declares it; the supplier-ledger import counts on the same budget.
 */
export const IMPORT_ACTION = 'import';

/** The service name under which the contract module provides ContractSearch. */
export const CONTRACT_SEARCH = serviceKey<ContractSearch>('contracts.search');

export interface ContractSearchQuery {
  q?: string;
  category?: string;
  region?: string;
  status?: StatusFilter;
  limit?: number;
  offset?: number;
  today: string;
}

/** Searching and reading contracts, for the intake's contract-first check. */
export interface ContractSearch {
  /** totalAtLeast: a very broad query counted only its head hits (see SearchResult). */
  search(query: ContractSearchQuery): Promise<{ total: number; items: ContractView[]; totalAtLeast?: true }>;
  get(id: string, today: string): Promise<ContractView | null>;
}

/** The internal control's count of coordinated procurements: contracts covering both regions, by start year. */
export { coordinatedContracts } from './coordinated-repository';
export type { CoordinatedContractRow } from './coordinated-repository';

/** The procurement plan's reading of the catalogue: contracts whose final end falls before a day. */
export { contractsEnding } from './ending-repository';
export type { EndingContractRow } from './ending-repository';

/** Fetching a file an officer sent in the 1:1 chat under the download policy (the supplier-ledger import uses it too). */
export { downloadFile, DownloadError } from '../imports/file-download';
export type { DownloadPolicy } from '../imports/file-download';

/** One aggregate of the unmet-searches list: a query many people searched for without finding a contract. */
export interface UnmetSearchAggregate {
  query: string;
  searches: number;
  people: number;
}

/**
 * The unmet-searches list (the last UNMET_WINDOW_DAYS days, groups of at least UNMET_MIN_PEOPLE people,
 * most people first): aggregates only, never who searched. The spend capability shows it beside the
 * uncontracted spend as "avtalslösa områden".
 */
export interface UnmetSearchList {
  top(limit: number): Promise<readonly UnmetSearchAggregate[]>;
}

/** The key under which the contract module provides its UnmetSearchList. */
export const UNMET_SEARCHES = serviceKey<UnmetSearchList>('contracts.unmet');

/** The days the unmet-searches list covers. */
export { UNMET_WINDOW_DAYS } from './search-log';
