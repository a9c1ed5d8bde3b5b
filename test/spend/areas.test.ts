import { Db } from '../../src/db';
import { complianceCard } from '../../src/spend/cards';
import { areasSection } from '../../src/spend/html';
import { uncontractedAreas } from '../../src/spend/model';
import { SpendService } from '../../src/spend/service';
import { openLedgerDb } from '../helpers/ledger';
import { cardText } from '../helpers/teams';
import { LEDGER, specCsv } from './ledgers';

/**
 * "Avtalslösa områden": the uncontracted spend by account text over both regions, beside the contract
 * capability's unmet searches, on the officers' card and the printable page. The fixture is spend.test.ts's
 * 2025 ledger with a catalogue of K1 (Medico AB, Sörmland, to 30 June 2025) and K3 (Städ AB, Sörmland,
 * ended 2024); Kontorab has no contract here, so it is uncontracted in both regions.
 */
describe('avtalslösa områden', () => {
  let db: Db;
  let spend: SpendService;
  beforeAll(async () => {
    ({ db, spend } = await openLedgerDb({
      contracts: [
        { id: 'K1', supplier: { name: 'Medico AB', orgNr: '556111-1111' }, regions: ['Sörmland'], from: '2023-01-01', to: '2025-06-30' },
        { id: 'K3', supplier: { name: 'Städ AB', orgNr: '556333-3333' }, regions: ['Sörmland'], from: '2023-01-01', to: '2024-12-31' },
      ],
      ledgers: [specCsv(LEDGER)],
    }));
  });
  afterAll(() => db.close());

  const unmet = [
    { query: 'tolkar', searches: 14, people: 6 },
    { query: 'hjälpmedel', searches: 5, people: 3 },
  ];

  test('the account texts added up over both regions, largest first', async () => {
    const regions = [await spend.figures('Sörmland', 2025), await spend.figures('Västmanland', 2025)];
    // IT-tjänster: Kontorab 800 000 − 50 000 in Sörmland + 2 000 in Västmanland = 752 000 kr.
    // Städtjänster: Städ AB's 120 000 kr (K3 ended in 2024). Förbrukningsmaterial: Medico's 5 000 kr after K1
    // ended, and the 1 000 kr row matched by name only. Masked, public-body and excluded accounts are not areas.
    expect(uncontractedAreas(regions, 10)).toEqual([
      { accountText: 'IT-tjänster', ore: 75_200_000, regions: ['Sörmland', 'Västmanland'] },
      { accountText: 'Städtjänster', ore: 12_000_000, regions: ['Sörmland'] },
      { accountText: 'Förbrukningsmaterial', ore: 600_000, regions: ['Sörmland'] },
    ]);
    expect(uncontractedAreas(regions, 2).map((a) => a.accountText)).toEqual(['IT-tjänster', 'Städtjänster']);
  });

  test('the officers card shows them beside the unmet searches, sums and counts only', async () => {
    const regions = [{ figures: await spend.figures('Sörmland', 2025), trend: [] }, { figures: await spend.figures('Västmanland', 2025), trend: [] }];
    const text = cardText(complianceCard('sv', 2025, regions, unmet));
    expect(text).toContain('Avtalslösa områden');
    expect(text).toMatch(/IT-tjänster\n752\s000\skr/);
    expect(text).toMatch(/Städtjänster\n120\s000\skr/);
    expect(text).toContain('6 personer, 14 sökningar');
    expect(text).toContain('hjälpmedel');
    // Without the contract capability the card says the list is not available, not that nobody searched.
    expect(cardText(complianceCard('en', 2025, regions, null))).toContain('The list of searches without a hit is not available.');
    expect(cardText(complianceCard('en', 2025, regions, []))).toContain('No searches without a hit made by enough people.');
  });

  test('the printable page lists both, escaped, and names no supplier in the section', async () => {
    const regions = [await spend.figures('Sörmland', 2025), await spend.figures('Västmanland', 2025)];
    const html = areasSection('sv', regions, [...unmet, { query: '<b>städ</b>', searches: 3, people: 3 }]);
    expect(html).toContain('<h2>Avtalslösa områden</h2>');
    expect(html).toMatch(/<td>IT-tjänster<\/td><td class="num">Sörmland, Västmanland<\/td><td class="num">752\s000\s?kr<\/td>/);
    expect(html).toContain('<td>tolkar</td><td class="num">6</td><td class="num">14</td>');
    expect(html).toContain('&lt;b&gt;städ&lt;/b&gt;');
    expect(html).not.toMatch(/Kontorab|Medico|Städ AB|Regionstab/);
  });
});
