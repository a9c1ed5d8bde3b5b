import { modulePurges } from '../../src/core/module';
import { Db } from '../../src/db';
import { MODULES } from '../../src/modules';
import { insertDecision, listDecisions, purgePlan } from '../../src/plan/repository';
import { createTestDb } from '../helpers/db';
import { OFFICER } from './fixtures';

/** The plan's decisions keep who made them until the retention period; then the actor is forgotten, the decision stays. */
let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

it('is one of the modules\' purges', () => {
  expect(modulePurges(MODULES).map((p) => p.module)).toContain('plan');
});

it('empties the actor\'s id and name of decisions older than the period, once', async () => {
  const actor = { aadId: OFFICER.aadObjectId, name: OFFICER.name };
  const old = await insertDecision(db, { contractId: 'RS-2020-0001', kind: 'no-procurement', reason: 'Upphör', actor });
  const recent = await insertDecision(db, { contractId: 'RS-2026-0002', kind: 'extend', newEnd: '2027-12-31', actor });
  await db.query(`UPDATE plan_decisions SET decided_at = now() - interval '800 days' WHERE id = $1`, [old.id]);
  expect(await db.transaction((tx) => purgePlan(tx, 730))).toEqual({ planDecisionsAnonymised: 1, planCoordinationNotesCleared: 0 });
  expect(await db.transaction((tx) => purgePlan(tx, 730))).toEqual({ planDecisionsAnonymised: 0, planCoordinationNotesCleared: 0 });
  const rows = await db.query<{ id: number; actor_aad_id: string; actor_name: string; reason: string | null; purged: boolean }>(
    'SELECT id::int AS id, actor_aad_id, actor_name, reason, personal_data_purged_at IS NOT NULL AS purged FROM plan_decisions ORDER BY id',
  );
  expect(rows).toEqual([
    { id: old.id, actor_aad_id: '', actor_name: '', reason: 'Upphör', purged: true },
    { id: recent.id, actor_aad_id: OFFICER.aadObjectId, actor_name: OFFICER.name, reason: null, purged: false },
  ]);
  expect((await listDecisions(db, 'rs-2026-0002')).map((d) => [d.kind, d.newEnd, d.actorName])).toEqual([['extend', '2027-12-31', OFFICER.name]]);
});
