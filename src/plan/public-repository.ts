import { Queryable } from '../db';

/** A plan item made public by an officer ("Publicera i planen"): its public title and expected quarter. */
export interface PlanPublication {
  /** "contract:<contract id, lower case>" or "case:<case number>". */
  itemKey: string;
  publicTitle: string;
  /** "2027-Q2". */
  expectedQuarter: string;
}

export async function publishItem(q: Queryable, p: PlanPublication): Promise<void> {
  await q.query(
    `INSERT INTO plan_publications (item_key, public_title, expected_quarter) VALUES ($1, $2, $3)
     ON CONFLICT (item_key) DO UPDATE SET public_title = EXCLUDED.public_title, expected_quarter = EXCLUDED.expected_quarter, published_at = now()`,
    [p.itemKey, p.publicTitle, p.expectedQuarter],
  );
}

export async function unpublishItem(q: Queryable, itemKey: string): Promise<boolean> {
  return (await q.query('DELETE FROM plan_publications WHERE item_key = $1 RETURNING item_key', [itemKey])).length > 0;
}

export async function listPublications(q: Queryable): Promise<PlanPublication[]> {
  const rows = await q.query<{ item_key: string; public_title: string; expected_quarter: string }>(
    'SELECT item_key, public_title, expected_quarter FROM plan_publications ORDER BY expected_quarter, item_key',
  );
  return rows.map((r) => ({ itemKey: r.item_key, publicTitle: r.public_title, expectedQuarter: r.expected_quarter }));
}
