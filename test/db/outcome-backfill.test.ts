import { Db, migrate } from '../../src/db';
import { loadMigrations } from '../../src/db/migrate';
import { createEmptyTestDb } from '../helpers/db';

/**
 * Migration 013 gives cases that ended before outcomes existed the outcome their status implies, and
 * remembers when a case reached "upphandling pågår", so last year's figures are not lost on upgrade.
 */
let db: Db;
const all = loadMigrations();
const before = all.filter((m) => m.version < 13);

beforeAll(async () => {
  db = await createEmptyTestDb();
  await migrate(db, before);
  const insert = (n: number, status: string, check: object) =>
    db.query(
      `INSERT INTO cases (case_number, idempotency_key, status, title, category, purchase_kind, value_total, value_per_year, desired_start,
         submitted_on, route, risk, slack_days, assessment, need, contract_check, submitter_aad_id)
       VALUES ($1, $1, $2, 'Behov', 'tjanster', 'supplies-services', 1, 1, '2026-06-01', '2026-01-10', 'advertised', 'i-tid', 0, '{}', '{}', $3, 'x')
       RETURNING id`,
      [`INK-2026-000${n}`, status, JSON.stringify(check)],
    );
  const none = { matches: [], choice: 'none' };
  const [procured] = await insert(1, 'avtal-tecknat', none);
  await insert(2, 'avbojd', none);
  await insert(3, 'atertagen', { matches: ['RS-1'], choice: 'use-contract', contractId: 'RS-2025-0101' });
  await insert(4, 'atertagen', none);
  await insert(5, 'planerad', none);
  await db.query(
    `INSERT INTO case_events (case_id, kind, actor_aad_id, from_status, to_status, at) VALUES ($1, 'status', 'o', 'planerad', 'upphandling-pagar', '2026-03-01T09:00:00Z')`,
    [(procured as { id: string }).id],
  );
  await migrate(db, all);
});
afterAll(async () => {
  await db.close();
});

it('backfills outcomes, the contract of a need met at submission, and the start of procurement', async () => {
  const rows = await db.query<{ case_number: string; outcome: string | null; contract_id: string | null; started: boolean }>(
    'SELECT case_number, outcome, contract_id, procurement_started_at IS NOT NULL AS started FROM cases ORDER BY case_number',
  );
  expect(rows).toEqual([
    { case_number: 'INK-2026-0001', outcome: 'upphandlad', contract_id: null, started: true },
    { case_number: 'INK-2026-0002', outcome: 'avbojd', contract_id: null, started: false },
    { case_number: 'INK-2026-0003', outcome: 'befintligt-avtal', contract_id: 'RS-2025-0101', started: false },
    { case_number: 'INK-2026-0004', outcome: 'atertagen', contract_id: null, started: false },
    { case_number: 'INK-2026-0005', outcome: null, contract_id: null, started: false },
  ]);
});
