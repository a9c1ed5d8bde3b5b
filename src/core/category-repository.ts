import { Queryable } from '../db';
import { Category } from './categories';

interface CategoryRow {
  slug: string;
  name_sv: string;
  name_en: string;
  aliases: string[];
  sort_order: number;
}

const toCategory = (r: CategoryRow): Category => ({
  slug: r.slug,
  name: { sv: r.name_sv, en: r.name_en },
  aliases: r.aliases,
  sortOrder: r.sort_order,
});

/** The categories table: every capability reads its categories from here (forms, filters, reports). */
export function createCategoryDirectory(db: Queryable) {
  return {
    async list(): Promise<Category[]> {
      const rows = await db.query<CategoryRow>('SELECT slug, name_sv, name_en, aliases, sort_order FROM categories ORDER BY sort_order, name_sv');
      return rows.map(toCategory);
    },
    /**
     * The categories a form offers: the configured ones (not created by an import) and those that hold a
     * current contract on `today` (YYYY-MM-DD). Not every category an import ever created.
     */
    async offered(today: string): Promise<Category[]> {
      const rows = await db.query<CategoryRow>(
        `SELECT slug, name_sv, name_en, aliases, sort_order FROM categories cat
         WHERE cat.created_by_import IS NULL
            OR EXISTS (SELECT 1 FROM contracts c WHERE c.category = cat.slug AND c.removed_at IS NULL AND c.valid_from <= $1::date AND c.valid_to >= $1::date)
         ORDER BY sort_order, name_sv`,
        [today],
      );
      return rows.map(toCategory);
    },
  };
}

export type CategoryDirectory = ReturnType<typeof createCategoryDirectory>;

/** Adds the categories an import named for the first time, after the existing ones, in the order given. */
export async function insertCategories(tx: Queryable, names: { slug: string; name: string }[], importId: number | null): Promise<void> {
  if (names.length === 0) return;
  await tx.query(
    `INSERT INTO categories (slug, name_sv, name_en, sort_order, created_by_import)
     SELECT r.slug, r.name, r.name, (SELECT coalesce(max(sort_order), 0) FROM categories) + r.n, $2
     FROM jsonb_to_recordset($1::jsonb) AS r(slug text, name text, n int)
     ON CONFLICT (slug) DO NOTHING`,
    [JSON.stringify(names.map((c, i) => ({ ...c, n: i + 1 }))), importId],
  );
}
