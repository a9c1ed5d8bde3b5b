-- The organisation's own vocabularies, full exports that remove contracts, and the import log.

-- Categories are data: an import may add the organisation's own, and names it uses map by alias.
ALTER TABLE categories ADD COLUMN aliases text[] NOT NULL DEFAULT '{}';
ALTER TABLE categories ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE categories ADD COLUMN created_by_import bigint;

UPDATE categories SET aliases = ARRAY['Medicinsk teknik', 'MT'] WHERE slug = 'medicinteknik';
UPDATE categories SET aliases = ARRAY['Läkemedel och vacciner'] WHERE slug = 'lakemedel';
UPDATE categories SET aliases = ARRAY['Vård och omsorgsmaterial', 'Vårdmaterial', 'Omvårdnadsmaterial'] WHERE slug = 'vard-omsorgsmaterial';
UPDATE categories SET aliases = ARRAY['Lab', 'Laboratoriemedicin', 'Laboratorieprodukter'] WHERE slug = 'laboratorium';
UPDATE categories SET aliases = ARRAY['IT', 'IT/Telekom', 'IT och tele', 'IT & telekom', 'IT-telekom', 'Telekom'] WHERE slug = 'it-telekom';
UPDATE categories SET aliases = ARRAY['Konsulter', 'Konsult'] WHERE slug = 'konsulttjanster';
UPDATE categories SET aliases = ARRAY['Övriga tjänster'] WHERE slug = 'tjanster';
UPDATE categories SET aliases = ARRAY['Fastighet/bygg', 'Fastighet & bygg', 'Bygg och fastighet', 'Fastighet'] WHERE slug = 'fastighet-bygg';
UPDATE categories SET aliases = ARRAY['Transporter/fordon', 'Transport och fordon', 'Fordon', 'Transporter'] WHERE slug = 'transporter-fordon';
UPDATE categories SET aliases = ARRAY['Mat', 'Livsmedel och måltider'] WHERE slug = 'livsmedel';
UPDATE categories SET aliases = ARRAY['Kontor/allmänt material', 'Kontor och allmänt', 'Kontorsmaterial', 'Allmänt material'] WHERE slug = 'kontor-allmant';

-- A contract absent from a full export leaves the catalogue but keeps its row (and history).
ALTER TABLE contracts ADD COLUMN removed_at timestamptz;
ALTER TABLE contracts ADD COLUMN removed_by_import bigint;
CREATE INDEX contracts_removed_idx ON contracts (removed_at) WHERE removed_at IS NOT NULL;

-- Every import that was applied or refused: who, when, which file, what it did.
CREATE TABLE contract_imports (
  id bigserial PRIMARY KEY,
  imported_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL CHECK (source IN ('cli', 'api', 'teams')),
  -- The officer who imported from Teams (Entra object id and name): personal, emptied by the retention purge.
  actor_id text,
  actor_name text,
  file_name text,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  mode text NOT NULL CHECK (mode IN ('update', 'full')),
  outcome text NOT NULL CHECK (outcome IN ('applied', 'refused')),
  forced boolean NOT NULL DEFAULT false,
  rows_read integer NOT NULL DEFAULT 0,
  added integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  new_categories text[] NOT NULL DEFAULT '{}',
  reason text
);
CREATE INDEX contract_imports_at_idx ON contract_imports (imported_at DESC);
