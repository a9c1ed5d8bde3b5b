import { ContractEnds, RenewalStatus, RenewalStatusProvider } from '../core/renewal';
import { IntakeService } from '../intake/api';
import { addMonths } from './calendar';
import { contractEnds, isRenewal } from './model';

/**
 * What staff see on a contract card: "Ny upphandling pågår (INK-…)" while the contract's renewal is open (a
 * linked case started from the plan, or planned or under way: isRenewal); else "Avtalet löper ut {datum}" when
 * its final end is within PLAN_STAFF_MONTHS. A need staff sent that is still inkommen leaves "löper ut".
 * One indexed query for the contracts of the page (no cache: a case started or moved shows at once).
 * A failing lookup throws; the contracts module then shows the cards without a status.
 */
export function createRenewalStatus(deps: { linkedOpenCases: IntakeService['linkedOpenCases']; staffMonths: number }): RenewalStatusProvider {
  return {
    async statusOf(contracts: readonly ContractEnds[], today: string): Promise<ReadonlyMap<string, RenewalStatus>> {
      const out = new Map<string, RenewalStatus>();
      if (contracts.length === 0) return out;
      const renewals = new Map<string, string>();
      // Sorted by case number: the first renewal of a contract is the one shown.
      for (const c of await deps.linkedOpenCases(contracts.map((c) => c.contractId))) {
        const k = c.contractId.trim().toLowerCase();
        if (isRenewal(c) && !renewals.has(k)) renewals.set(k, c.caseNumber);
      }
      const until = deps.staffMonths > 0 ? addMonths(today, deps.staffMonths) : null;
      for (const c of contracts) {
        const caseNumber = renewals.get(c.contractId.trim().toLowerCase());
        if (caseNumber) {
          out.set(c.contractId, { kind: 'under-way', caseNumber });
          continue;
        }
        const ends = contractEnds(c);
        if (until && ends.currentEnd && ends.finalEnd && ends.currentEnd >= today && ends.finalEnd <= until) {
          out.set(c.contractId, { kind: 'ending', end: ends.finalEnd, final: ends.finalEnd === ends.currentEnd });
        }
      }
      return out;
    },
  };
}
