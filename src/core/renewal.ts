import { serviceKey } from './services';

/**
 * What staff see about a contract's renewal, as a kernel interface: the contract capability shows it on
 * its cards without knowing who works it out (the procurement plan provides it, from the open re-procurement cases linked
 * to a contract and the plan's settings). The contracts module reads the provider from the service
 * registry at call time, so the catalogue works the same with no provider at all.
 */

/** A contract's ends, as the catalogue holds them (YYYY-MM-DD). */
export interface ContractEnds {
  contractId: string;
  validTo: string;
  maxExtensionTo: string | null;
}

export type RenewalStatus =
  /** A re-procurement of the contract is open (started from the plan, or a linked case an officer has planned): under way. */
  | { kind: 'under-way'; caseNumber: string }
  /** The contract's final end is near; `final` when no extension option remains past `end`. */
  | { kind: 'ending'; end: string; final: boolean };

export interface RenewalStatusProvider {
  /** The statuses of the contracts that have one, by contract id as given; the others are absent. */
  statusOf(contracts: readonly ContractEnds[], today: string): Promise<ReadonlyMap<string, RenewalStatus>>;
}

/** The service name the provider registers under. */
export const RENEWAL_STATUS = serviceKey<RenewalStatusProvider>('core.renewal-status');
