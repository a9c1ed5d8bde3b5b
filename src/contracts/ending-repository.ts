import { Queryable } from '../db';

/** A contract in the catalogue as the procurement plan reads it: its ends, type, category and regions. */
export interface EndingContractRow {
  contractId: string;
  title: string;
  category: string;
  categoryName: { sv: string; en: string } | null;
  contractType: string;
  regions: string[];
  validFrom: string | null;
  validTo: string | null;
  maxExtensionTo: string | null;
}

/**
 * Contracts in the catalogue (not removed) whose current end has not passed on `today` and is on or before
 * `until` (an extension option may reach far beyond it: the plan decides from the decision and latest-start dates); also any whose dates cannot be
 * read that way (no end, an extension before the end), for the plan to list as data problems. Final end first.
 * `extended`: contracts the plan knows are extended to a new end still ahead, kept when their current end
 * passes before an import confirms the extension (the plan's own horizon check then applies).
 */
export async function contractsEnding(db: Queryable, today: string, until: string, extended: readonly string[] = []): Promise<EndingContractRow[]> {
  const rows = await db.query<{
    contract_id: string;
    title: string;
    category: string;
    name_sv: string | null;
    name_en: string | null;
    contract_type: string;
    regions: string[];
    valid_from: string | null;
    valid_to: string | null;
    max_extension_to: string | null;
  }>(
    `SELECT c.contract_id, c.title, c.category, cat.name_sv, cat.name_en, c.contract_type, c.regions, c.valid_from, c.valid_to, c.max_extension_to
     FROM contracts c LEFT JOIN categories cat ON cat.slug = c.category
     WHERE c.removed_at IS NULL
       AND (c.valid_to IS NULL OR c.max_extension_to < c.valid_to
            OR ((c.valid_to >= $1::date OR lower(c.contract_id) = ANY($3::text[])) AND c.valid_to <= $2::date))
     ORDER BY coalesce(c.max_extension_to, c.valid_to), c.contract_id`,
    [today, until, extended.map((id) => id.trim().toLowerCase())],
  );
  return rows.map((r) => ({
    contractId: r.contract_id,
    title: r.title,
    category: r.category,
    categoryName: r.name_sv !== null && r.name_en !== null ? { sv: r.name_sv, en: r.name_en } : null,
    contractType: r.contract_type,
    regions: r.regions,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxExtensionTo: r.max_extension_to,
  }));
}
