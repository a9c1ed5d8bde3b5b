import { parseContractFile } from '../../src/contracts/import-service';
import { FIXTURE_CATEGORIES } from '../fixtures/categories';

/** The contract import reads a separate supplier org-number column (the ledger match needs the numbers). */
test.each(['Organisationsnummer', 'Leverantörens orgnr'])('a "%s" column gives the suppliers their org numbers, in order', async (header) => {
  const csv = [
    `contract_id;title;valid_from;valid_to;suppliers;${header}`,
    'RS-1;Städtjänster;2025-01-01;2026-12-31;Städ AB|Rent & Fint AB;5563333333|556444-4444',
    'RS-2;Kontorsmaterial;2025-01-01;2026-12-31;Kontorab (556222-2222);',
  ].join('\r\n');
  const parsed = await parseContractFile(Buffer.from(csv), FIXTURE_CATEGORIES, { locale: 'sv' });
  expect(parsed.rows.map((r) => r.contract.suppliers)).toEqual([
    [
      { name: 'Städ AB', orgNr: '556333-3333' },
      { name: 'Rent & Fint AB', orgNr: '556444-4444' },
    ],
    [{ name: 'Kontorab', orgNr: '556222-2222' }],
  ]);
});
