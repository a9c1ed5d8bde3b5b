import { RenewalStatusProvider } from '../core/renewal';
import { ContractView } from './model';

/**
 * Contract search and reading with each contract's renewal status attached (ContractView.renewal), for the
 * cards staff see: "Ny upphandling pågår (INK-…)" or "Avtalet löper ut {datum}". The provider is looked up at
 * call time (the module that provides it is set up after this one, and may be absent); without one, or when
 * it fails, contracts come back as they are: a search never fails for the sake of a status line. Cached
 * search results are never changed: the decorated views are copies.
 */
export function withRenewalStatus<R extends { search(q: { today: string }): Promise<{ items: ContractView[] }>; get(id: string, today: string): Promise<ContractView | null> }>(
  repo: R,
  provider: () => RenewalStatusProvider | undefined,
): R {
  async function attach(items: ContractView[], today: string): Promise<ContractView[]> {
    const p = provider();
    if (!p || items.length === 0) return items;
    try {
      const statuses = await p.statusOf(items, today);
      return items.map((c) => (statuses.has(c.contractId) ? { ...c, renewal: statuses.get(c.contractId) } : c));
    } catch {
      return items;
    }
  }
  const search: R['search'] = async (q) => {
    const result = await repo.search(q);
    return { ...result, items: await attach(result.items, q.today) };
  };
  const get: R['get'] = async (id, today) => {
    const c = await repo.get(id, today);
    return c ? (await attach([c], today))[0] : null;
  };
  return { ...repo, search, get };
}
