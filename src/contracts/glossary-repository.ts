import { Queryable } from '../db';
import { foldText } from '../util/text';

/** The officers' own glossary entries (English → Swedish search words). */
export interface GlossaryEntry {
  en: string;
  sv: string;
}

export async function listGlossaryEntries(db: Queryable): Promise<GlossaryEntry[]> {
  return db.query<GlossaryEntry>('SELECT term_en AS en, term_sv AS sv FROM product_glossary ORDER BY term_en');
}

/** Makes every instance's search reload its vocabulary and glossary (and forget cached results). */
async function bumpSearchVersion(tx: Queryable): Promise<void> {
  await tx.query(`UPDATE search_meta SET value = value + 1 WHERE key = 'vocabulary_version'`);
}

/** Adds or replaces an entry; the English is stored folded (lower case, no diacritics). */
export async function saveGlossaryEntry(db: Queryable, entry: GlossaryEntry): Promise<void> {
  await db.query(
    `INSERT INTO product_glossary (term_en, term_sv) VALUES ($1, $2)
     ON CONFLICT (term_en) DO UPDATE SET term_sv = EXCLUDED.term_sv, added_at = now()`,
    [foldText(entry.en).replace(/\s+/g, ' ').trim(), entry.sv.replace(/\s+/g, ' ').trim()],
  );
  await bumpSearchVersion(db);
}

/** Removes an entry; false when there was none. */
export async function deleteGlossaryEntry(db: Queryable, en: string): Promise<boolean> {
  const rows = await db.query<{ term_en: string }>('DELETE FROM product_glossary WHERE term_en = $1 RETURNING term_en', [foldText(en).replace(/\s+/g, ' ').trim()]);
  if (rows.length > 0) await bumpSearchVersion(db);
  return rows.length > 0;
}
