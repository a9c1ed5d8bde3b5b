import { renewalStatus } from '../core/renewal';
import { ContractView } from './model';

/**
 * Contract search and reading with each contract's renewal status attached (ContractView.renewal), for the
 * cards staff see: "Ny upphandling pågår (INK-…)" or "Avtalet löper ut {datum}". Both come with the contract:
 * the open renewal case from the kernel's renewal_status, read in the same query (renewalCase), the near end
 * from its dates and `staffMonths` (src/core/renewal.ts). No call to another capability, no further query.
 * Cached search results are never changed: the decorated views are copies.
 */
export function withRenewalStatus<R extends { search(q: { today: string }): Promise<{ items: ContractView[] }>; get(id: string, today: string): Promise<ContractView | null> }>(
  repo: R,
  staffMonths: number,
): R {
  const attach = (c: ContractView, today: string): ContractView => {
    const renewal = renewalStatus(c, today, staffMonths);
    return renewal ? { ...c, renewal } : c;
  };
  const search: R['search'] = async (q) => {
    const result = await repo.search(q);
    return { ...result, items: result.items.map((c) => attach(c, q.today)) };
  };
  const get: R['get'] = async (id, today) => {
    const c = await repo.get(id, today);
    return c ? attach(c, today) : null;
  };
  return { ...repo, search, get };
}
