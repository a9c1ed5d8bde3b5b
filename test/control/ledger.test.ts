import { controlReportCard } from '../../src/control/cards';
import { controlCsv } from '../../src/control/csv';
import { ledgerCompliance } from '../../src/control/figures';
import { controlPage } from '../../src/control/html';
import { createControlReports, ledgerYears } from '../../src/control/service';
import { Db } from '../../src/db';
import { SpendService } from '../../src/spend/service';
import { openLedgerDb } from '../helpers/ledger';
import { cardText } from '../helpers/teams';
import { LEDGER, Posting, VASTMANLAND, specCsv } from '../spend/ledgers';

/**
 * The internal-control report's contract-compliance control, from ledgers imported through the spend
 * capability (the fixture of test/spend/spend.test.ts for 2025, and a Västmanland-only 2026), with the
 * figures worked out by hand below.
 */
const opts = { categories: [], minResponses: 3 };

/** Västmanland 2026: 3 000 kr contracted (Kontorab, K2), 150 000 kr with an uncontracted supplier. */
const VAST_2026: Posting[] = [
  { kopareId: VASTMANLAND, voucher: 'W1', supplier: 'Kontorab', supplierId: '556222-2222', account: 6540, accountText: 'IT-tjänster', amount: 3000, day: '2026-02-01', forvaltning: 'Vuxenpsykiatri' },
  { kopareId: VASTMANLAND, voucher: 'W2', supplier: 'Konsult AB', supplierId: '556444-4444', account: 6550, accountText: 'Konsulttjänster', amount: 150000, day: '2026-03-01', forvaltning: 'Vuxenpsykiatri' },
];

describe('contract compliance in the internal-control report, from the ledgers', () => {
  let db: Db;
  let spend: SpendService;
  beforeAll(async () => {
    ({ db, spend } = await openLedgerDb({
      contracts: [
        { id: 'K1', supplier: { name: 'Medico AB', orgNr: '556111-1111' }, regions: ['Sörmland'], from: '2024-01-01', to: '2025-06-30' },
        { id: 'K2', supplier: { name: 'Kontorab', orgNr: '556222-2222' }, regions: ['Västmanland'], from: '2024-01-01', to: '2026-12-31' },
        { id: 'K3', supplier: { name: 'Städ AB', orgNr: '556333-3333' }, regions: ['Sörmland'], from: '2023-01-01', to: '2024-12-31' },
      ],
      ledgers: [specCsv(LEDGER), specCsv(VAST_2026)],
    }));
  });
  afterAll(() => db.close());

  test('per region and year: the share, the flagged suppliers, and which years have no ledger', async () => {
    const years = await ledgerYears(spend, 2026);
    // Sörmland 2025: influenceable 886 000 kr, contracted 10 000 kr; Kontorab 750 000 kr over the direct
    // limit; Städ AB 120 000 kr over the documentation duty; Medico's 5 000 kr and the name match below.
    expect(years.get(2025)).toEqual([
      { region: 'Sörmland', imported: true, share: 10_000 / 886_000, flagged: { 'over-direct-limit': { count: 1, sek: 750_000 }, 'documentation-duty': { count: 1, sek: 120_000 } } },
      { region: 'Västmanland', imported: true, share: 1, flagged: { 'over-direct-limit': { count: 0, sek: 0 }, 'documentation-duty': { count: 0, sek: 0 } } },
    ]);
    // 2026: no Sörmland ledger; Västmanland 3 000 of 153 000 kr, Konsult AB's 150 000 kr over the documentation duty.
    expect(years.get(2026)).toEqual([
      { region: 'Sörmland', imported: false, share: null, flagged: { 'over-direct-limit': { count: 0, sek: 0 }, 'documentation-duty': { count: 0, sek: 0 } } },
      { region: 'Västmanland', imported: true, share: 3_000 / 153_000, flagged: { 'over-direct-limit': { count: 0, sek: 0 }, 'documentation-duty': { count: 1, sek: 150_000 } } },
    ]);
  });

  test('the CSV, the card and the page say "no ledger" instead of a zero, and show the figures where there is one', async () => {
    const reports = createControlReports({ db, intake: { allCases: async () => [] }, coordinatedTarget: 30, nki: { minResponses: 3, satisfiedFrom: 8 }, ledger: spend });
    const report = await reports.build(2026);
    const csv = controlCsv('sv', report, opts).slice(1).split('\r\n');
    const line = (figure: string) => csv.find((l) => l.startsWith(`Avtalstrohet och LOU: köp från avtalade leverantörer;${figure};`));
    // Columns: control; figure; value (2026); target; previous year (2025); definition. Shares in whole percent.
    expect(line('Leverantörstrohet – Sörmland')).toMatch(/;ingen leverantörsreskontra inläst för 2026;;1;/);
    expect(line('Leverantörstrohet – Västmanland')).toMatch(/;2;;100;/);
    expect(line('Avtalslösa leverantörer över direktupphandlingsgränsen – Sörmland')).toMatch(/;ingen leverantörsreskontra inläst för 2026;;1;/);
    expect(line('Inköp från avtalslösa leverantörer över direktupphandlingsgränsen (kr) – Sörmland')).toMatch(/;ingen leverantörsreskontra inläst för 2026;;750000;/);
    expect(line('Avtalslösa leverantörer över dokumentationsplikten – Västmanland')).toMatch(/;1;;0;/);
    expect(line('Inköp från avtalslösa leverantörer över dokumentationsplikten (kr) – Västmanland')).toMatch(/;150000;;0;/);
    expect(csv.join('\n')).not.toContain('fylls av leverantörsreskontran');

    const card = cardText(controlReportCard('en', report, opts));
    expect(card).toContain('no accounts-payable ledger imported for 2026 (2025: 1\u00a0%)');
    expect(card).toContain('1 (2025: 0)');
    expect(card).toContain('150,000\u00a0kr (2025: 0\u00a0kr)');

    const page = controlPage('sv', report, { ...opts, today: '2026-12-07' });
    const section = page.slice(page.indexOf('<section id="contractCompliance">'), page.indexOf('<section id="nki">'));
    expect(section).toContain('ingen leverantörsreskontra inläst för 2026');
    expect(section).toContain('750\u00a0000\u00a0kr');
    expect(section).toContain('Leverantörstrohet – Västmanland');
    // The chart: Västmanland 100 % in 2025 and 2 % in 2026; Sörmland 1 % in 2025 and nothing for 2026.
    expect(section).toContain('<svg');
    expect(section).toMatch(/>100\u00a0%</);
    expect(section).toMatch(/>2\u00a0%</);
  });

  test('without a spend service, every region and year says no ledger was read', async () => {
    const years = await ledgerYears(undefined, 2026);
    expect([...years.values()].flat().map((l) => [l.region, l.imported])).toEqual([
      ['Sörmland', false],
      ['Västmanland', false],
      ['Sörmland', false],
      ['Västmanland', false],
    ]);
    expect(ledgerCompliance('Sörmland', { total: { share: 0.5 }, suppliers: [{ flag: 'below', ore: 100 }] }).flagged['documentation-duty']).toEqual({ count: 0, sek: 0 });
  });
});
