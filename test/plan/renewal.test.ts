import { withRenewalStatus } from '../../src/contracts/renewal';
import { ContractView } from '../../src/contracts/model';
import { createRenewalStatus } from '../../src/plan/renewal';

/** The renewal status staff see, from one lookup of the page's contracts' linked open cases. */
const TODAY = '2026-11-21';
type Linked = { contractId: string; caseNumber: string; status: 'inkommen' | 'under-bedomning' | 'planerad' | 'upphandling-pagar'; fromPlan: boolean };
const contracts = [
  { contractId: 'RS-1', validTo: '2027-03-31', maxExtensionTo: null },
  { contractId: 'RS-2', validTo: '2027-03-31', maxExtensionTo: '2027-09-30' },
  { contractId: 'RS-3', validTo: '2027-03-31', maxExtensionTo: null },
  { contractId: 'RS-4', validTo: '2027-03-31', maxExtensionTo: null },
  { contractId: 'RS-5', validTo: '2029-03-31', maxExtensionTo: null },
];

it('says under way for a renewal (from the plan, or planned or under way) and ending for a contract with only a need received', async () => {
  const lookups: string[][] = [];
  const linked: Linked[] = [
    { contractId: 'rs-1', caseNumber: 'INK-2026-0001', status: 'inkommen', fromPlan: true },
    { contractId: 'RS-2', caseNumber: 'INK-2026-0002', status: 'inkommen', fromPlan: false },
    { contractId: 'RS-3', caseNumber: 'INK-2026-0003', status: 'under-bedomning', fromPlan: false },
    { contractId: 'RS-3', caseNumber: 'INK-2026-0004', status: 'planerad', fromPlan: false },
    { contractId: 'RS-5', caseNumber: 'INK-2026-0005', status: 'upphandling-pagar', fromPlan: false },
  ];
  const provider = createRenewalStatus({ linkedOpenCases: async (ids) => (lookups.push([...ids]), linked), staffMonths: 12 });
  const status = await provider.statusOf(contracts, TODAY);
  expect(lookups).toEqual([contracts.map((c) => c.contractId)]); // one lookup for the page
  expect(Object.fromEntries(status)).toEqual({
    'RS-1': { kind: 'under-way', caseNumber: 'INK-2026-0001' },
    'RS-2': { kind: 'ending', end: '2027-09-30', final: false },
    'RS-3': { kind: 'under-way', caseNumber: 'INK-2026-0004' },
    'RS-4': { kind: 'ending', end: '2027-03-31', final: true },
    'RS-5': { kind: 'under-way', caseNumber: 'INK-2026-0005' },
  });
  expect((await provider.statusOf([], TODAY)).size).toBe(0);
  expect(lookups).toHaveLength(1); // no lookup for no contracts
});

it('leaves the cards unchanged when the lookup fails', async () => {
  const provider = createRenewalStatus({ linkedOpenCases: async () => Promise.reject(new Error('database down')), staffMonths: 12 });
  const items = contracts.map((c) => ({ ...c, title: c.contractId }) as unknown as ContractView);
  const plain = { search: async (_q: { today: string }) => ({ items }), get: async (_id: string, _today: string) => items[0] };
  const repo = withRenewalStatus(plain, () => provider);
  expect((await repo.search({ today: TODAY })).items).toEqual(items);
  expect(await repo.get('RS-1', TODAY)).toEqual(items[0]);
});
