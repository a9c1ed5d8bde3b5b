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

export type CategoryChange = { ok: true; moved?: number } | { ok: false; reason: 'not-found' | 'in-use' | 'same' | 'name-taken' };

/**
 * Renames a category (either language). Its contracts are rewritten so that their search text carries
 * the new name. A name another category already uses is refused (merge instead).
 */
export async function renameCategory(tx: Queryable, slug: string, name: { sv?: string; en?: string }): Promise<CategoryChange> {
  const [cat] = await tx.query<CategoryRow>('SELECT slug, name_sv, name_en, aliases, sort_order FROM categories WHERE slug = $1', [slug]);
  if (!cat) return { ok: false, reason: 'not-found' };
  const sv = name.sv ?? cat.name_sv;
  const en = name.en ?? cat.name_en;
  const [taken] = await tx.query<{ slug: string }>('SELECT slug FROM categories WHERE slug <> $1 AND (lower(name_sv) = lower($2) OR lower(name_en) = lower($3)) LIMIT 1', [slug, sv, en]);
  if (taken) return { ok: false, reason: 'name-taken' };
  // The old names stay as aliases, so a later import that still uses them finds the category.
  await tx.query(
    `UPDATE categories SET name_sv = $2, name_en = $3,
       aliases = (SELECT coalesce(array_agg(DISTINCT a), '{}') FROM unnest(aliases || ARRAY[name_sv, name_en]) AS a WHERE lower(a) NOT IN (lower($2), lower($3)))
     WHERE slug = $1`,
    [slug, sv, en],
  );
  await tx.query('UPDATE contracts SET category = category WHERE category = $1', [slug]);
  return { ok: true };
}

/** Moves every contract of `from` to `into`, keeps from's names as aliases of into, and deletes from. */
export async function mergeCategory(tx: Queryable, from: string, into: string): Promise<CategoryChange> {
  if (from === into) return { ok: false, reason: 'same' };
  const found = await tx.query<{ slug: string }>('SELECT slug FROM categories WHERE slug = ANY($1::text[])', [[from, into]]);
  if (found.length < 2) return { ok: false, reason: 'not-found' };
  await tx.query(
    `UPDATE categories i SET aliases = (SELECT coalesce(array_agg(DISTINCT a), '{}') FROM unnest(i.aliases || f.aliases || ARRAY[f.name_sv, f.name_en]) AS a)
     FROM categories f WHERE i.slug = $2 AND f.slug = $1`,
    [from, into],
  );
  const [{ n }] = await tx.query<{ n: number }>('WITH moved AS (UPDATE contracts SET category = $2 WHERE category = $1 RETURNING 1) SELECT count(*)::int AS n FROM moved', [from, into]);
  await tx.query('DELETE FROM categories WHERE slug = $1', [from]);
  return { ok: true, moved: n };
}

/** Deletes a category no contract (current, expired or removed) belongs to; one in use is refused. */
export async function removeCategory(tx: Queryable, slug: string): Promise<CategoryChange> {
  const [cat] = await tx.query<{ used: boolean }>('SELECT EXISTS (SELECT 1 FROM contracts WHERE category = $1) AS used FROM categories WHERE slug = $1', [slug]);
  if (!cat) return { ok: false, reason: 'not-found' };
  if (cat.used) return { ok: false, reason: 'in-use' };
  await tx.query('DELETE FROM categories WHERE slug = $1', [slug]);
  return { ok: true };
}

/**
 * What a merge would move and what keeps a category from being removed: every contract that names it
 * (current, expired or removed by a full export), and how many of them are current on `today`
 * (YYYY-MM-DD). Null when there is no such category.
 */
export async function categoryUsage(tx: Queryable, slug: string, today: string): Promise<{ contracts: number; current: number } | null> {
  const [row] = await tx.query<{ contracts: number; current: number }>(
    `SELECT (SELECT count(*)::int FROM contracts WHERE category = cat.slug) AS contracts,
            (SELECT count(*)::int FROM contracts WHERE category = cat.slug AND removed_at IS NULL AND valid_from <= $2::date AND valid_to >= $2::date) AS current
     FROM categories cat WHERE cat.slug = $1`,
    [slug, today],
  );
  return row ? { contracts: row.contracts, current: row.current } : null;
}
