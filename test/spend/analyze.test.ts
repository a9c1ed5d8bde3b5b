import { Db } from '../../src/db';
import { ANALYZE_AFTER_ROWS, SpendService } from '../../src/spend/service';
import { importLedger, openLedgerDb } from '../helpers/ledger';
import { Posting, SORMLAND, specCsv } from './ledgers';

/** A large first import leaves the planner statistics behind it on PostgreSQL (issue 26: a rematch planned without them ran for minutes). */
describe('statistics after a large import', () => {
  let db: Db;
  let spend: SpendService;
  beforeAll(async () => {
    ({ db, spend } = await openLedgerDb());
  });
  afterAll(() => db.close());

  const reltuples = async () => Number((await db.query<{ n: number }>(`SELECT reltuples AS n FROM pg_class WHERE relname = 'spend_postings'`))[0].n);

  it(`analyses the postings after an import of ${ANALYZE_AFTER_ROWS} or more on PostgreSQL; the embedded database builds by index and is left alone`, async () => {
    const rows: Posting[] = Array.from({ length: ANALYZE_AFTER_ROWS }, (_, i) => ({
      kopareId: SORMLAND,
      voucher: `A${i}`,
      supplier: `Leverantör ${i % 50} AB`,
      supplierId: `5560${String(i % 50).padStart(2, '0')}-0000`,
      account: 6110,
      accountText: 'Förbrukningsmaterial',
      amount: 100 + (i % 7),
      day: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      forvaltning: 'Hälso- och sjukvård',
    }));
    const report = await importLedger(spend, specCsv(rows));
    expect(report.added).toBe(ANALYZE_AFTER_ROWS);
    // ANALYZE sets the row estimate; a table never analysed (nor vacuumed) has none (-1) or the pages' guess.
    expect((await reltuples()) >= ANALYZE_AFTER_ROWS * 0.9).toBe(db.kind === 'postgres');
  });
});
