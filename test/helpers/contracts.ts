import { Contract, contractSchema } from '../../src/contracts/model';

/** A test contract unless it says otherwise: a current call-off agreement in medical technology for both regions. */
const DEFAULTS: Partial<Contract> = {
  category: 'medicinteknik',
  description: 'Ramavtal för regionernas vårdenheter.',
  keywords: [],
  suppliers: [{ name: 'Nordisk Vårdhandel AB' }],
  validFrom: '2025-01-01',
  validTo: '2028-12-31',
  regions: ['Sörmland', 'Västmanland'],
  orderingMethod: 'avrop',
  contractType: 'avtal',
};

/**
 * A builder of contracts as an import stores them (read by the catalogue's own schema, which fills in what a test
 * leaves out): an id, a title and the fields a contract changes, over the defaults above and a test file's own
 * (`contractBuilder({ regions: ['Sörmland'] })`).
 */
export const contractBuilder =
  (defaults: Partial<Contract> = {}) =>
  (contractId: string, title: string, extra: Partial<Contract> = {}): Contract =>
    contractSchema.parse({ ...DEFAULTS, ...defaults, contractId, title, ...extra });
