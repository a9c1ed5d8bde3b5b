import { Queryable } from '../db';

/** The kinds of procedure an officer may state when publishing (the plan's routes a supplier can take part in or learn of). */
export const PUBLIC_PROCEDURES = ['advertised-below', 'open-above', 'complex', 'call-off', 'direct'] as const;
export type PublicProcedure = (typeof PUBLIC_PROCEDURES)[number];

/** A plan item made public by an officer ("Publicera i planen"): its public title and expected quarter. */
export interface PlanPublication {
  /** "contract:<contract id, lower case>" or "case:<case number>". */
  itemKey: string;
  publicTitle: string;
  /** "2027-Q2". */
  expectedQuarter: string;
  /** The kind of procedure the officer stated; absent: the plan's own route is shown. */
  procedure?: PublicProcedure | null;
}

export async function publishItem(q: Queryable, p: PlanPublication): Promise<void> {
  await q.query(
    `INSERT INTO plan_publications (item_key, public_title, expected_quarter, procedure) VALUES ($1, $2, $3, $4)
     ON CONFLICT (item_key) DO UPDATE SET public_title = EXCLUDED.public_title, expected_quarter = EXCLUDED.expected_quarter,
       procedure = EXCLUDED.procedure, published_at = now()`,
    [p.itemKey, p.publicTitle, p.expectedQuarter, p.procedure ?? null],
  );
}

export async function unpublishItem(q: Queryable, itemKey: string): Promise<boolean> {
  return (await q.query('DELETE FROM plan_publications WHERE item_key = $1 RETURNING item_key', [itemKey])).length > 0;
}

export async function listPublications(q: Queryable): Promise<PlanPublication[]> {
  const rows = await q.query<{ item_key: string; public_title: string; expected_quarter: string; procedure: PublicProcedure | null }>(
    'SELECT item_key, public_title, expected_quarter, procedure FROM plan_publications ORDER BY expected_quarter, item_key',
  );
  return rows.map((r) => ({ itemKey: r.item_key, publicTitle: r.public_title, expectedQuarter: r.expected_quarter, procedure: r.procedure }));
}
