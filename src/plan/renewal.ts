import { ContractEnds, RenewalStatus, RenewalStatusProvider } from '../core/renewal';
import { CaseRecord } from '../intake/api';
import { addMonths } from './calendar';
import { contractEnds } from './model';
import { openLinks } from './service';

/** How long a read of the open cases' contract links is reused (a search turn must not load every open case). */
export const LINKS_TTL_MS = 15_000;

/**
 * What staff see on a contract card: "Ny upphandling pågår (INK-…)" while a case linked to the contract is
 * open; else "Avtalet löper ut {datum}" when its final end is within PLAN_STAFF_MONTHS. The links are read
 * through the intake service and kept for LINKS_TTL_MS; starting a case from the plan, or a case changing
 * status on this instance, drops them at once (another instance sees it within the TTL).
 */
export function createRenewalStatus(deps: { openCases: () => Promise<CaseRecord[]>; staffMonths: number; clock?: () => number }) {
  const clock = deps.clock ?? Date.now;
  let cached: { at: number; links: Map<string, string> } | null = null;

  async function links(): Promise<Map<string, string>> {
    if (cached && clock() - cached.at < LINKS_TTL_MS) return cached.links;
    const at = clock();
    const fresh = new Map([...openLinks(await deps.openCases())].map(([k, c]) => [k, c.caseNumber]));
    cached = { at, links: fresh };
    return fresh;
  }

  const provider: RenewalStatusProvider & { invalidate(): void } = {
    invalidate() {
      cached = null;
    },
    async statusOf(contracts: readonly ContractEnds[], today: string): Promise<ReadonlyMap<string, RenewalStatus>> {
      const out = new Map<string, RenewalStatus>();
      if (contracts.length === 0) return out;
      const linked = await links();
      const until = deps.staffMonths > 0 ? addMonths(today, deps.staffMonths) : null;
      for (const c of contracts) {
        const caseNumber = linked.get(c.contractId.trim().toLowerCase());
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
  return provider;
}
