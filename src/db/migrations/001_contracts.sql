-- Contracts, their categories and the Swedish search index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Swedish stop words are removed before unaccent (the stop list is spelled with å/ä/ö),
-- then accents are folded so "lakemedel" finds "läkemedel", then the Swedish stemmer runs.
CREATE TEXT SEARCH DICTIONARY inkop_sv_stop (TEMPLATE = pg_catalog.simple, STOPWORDS = swedish, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION inkop_sv (COPY = pg_catalog.swedish);
ALTER TEXT SEARCH CONFIGURATION inkop_sv
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
  WITH inkop_sv_stop, unaccent, swedish_stem;

CREATE TABLE categories (
  slug text PRIMARY KEY,
  name_sv text NOT NULL,
  name_en text NOT NULL,
  sort_order integer NOT NULL
);

INSERT INTO categories (slug, name_sv, name_en, sort_order) VALUES
  ('medicinteknik', 'Medicinteknik', 'Medical technology', 1),
  ('lakemedel', 'Läkemedel', 'Pharmaceuticals', 2),
  ('vard-omsorgsmaterial', 'Vård- och omsorgsmaterial', 'Care and nursing supplies', 3),
  ('laboratorium', 'Laboratorium', 'Laboratory', 4),
  ('it-telekom', 'IT och telekom', 'IT and telecom', 5),
  ('konsulttjanster', 'Konsulttjänster', 'Consultancy services', 6),
  ('tjanster', 'Tjänster', 'Services', 7),
  ('fastighet-bygg', 'Fastighet och bygg', 'Property and construction', 8),
  ('transporter-fordon', 'Transporter och fordon', 'Transport and vehicles', 9),
  ('livsmedel', 'Livsmedel', 'Food', 10),
  ('kontor-allmant', 'Kontor och allmänt material', 'Office and general supplies', 11);

CREATE TABLE contracts (
  contract_id text PRIMARY KEY,
  id_key text NOT NULL UNIQUE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  category text NOT NULL REFERENCES categories (slug),
  suppliers jsonb NOT NULL DEFAULT '[]'::jsonb,
  supplier_names text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  cpv_codes text[] NOT NULL DEFAULT '{}',
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  max_extension_to date,
  regions text[] NOT NULL,
  ordering_method text NOT NULL,
  contact_name text,
  contact_email text,
  url text,
  contract_type text NOT NULL,
  search_vector tsvector NOT NULL DEFAULT ''::tsvector,
  supplier_key text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to >= valid_from),
  CHECK (max_extension_to IS NULL OR max_extension_to >= valid_to)
);

-- Field weights: A title, B keywords and CPV codes, C suppliers and category, D description.
CREATE FUNCTION contracts_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  category_name text;
BEGIN
  SELECT name_sv INTO category_name FROM categories WHERE slug = NEW.category;
  NEW.id_key := lower(NEW.contract_id);
  NEW.supplier_key := lower(unaccent(array_to_string(NEW.supplier_names, ' | ')));
  NEW.search_vector :=
    setweight(to_tsvector('inkop_sv', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('inkop_sv', array_to_string(NEW.keywords, ' ')), 'B') ||
    setweight(to_tsvector('simple', regexp_replace(array_to_string(NEW.cpv_codes, ' '), '-[0-9]', '', 'g')), 'B') ||
    setweight(to_tsvector('inkop_sv', array_to_string(NEW.supplier_names, ' ')), 'C') ||
    setweight(to_tsvector('inkop_sv', coalesce(category_name, '')), 'C') ||
    setweight(to_tsvector('inkop_sv', coalesce(NEW.description, '')), 'D');
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER contracts_before_write
  BEFORE INSERT OR UPDATE ON contracts
  FOR EACH ROW EXECUTE FUNCTION contracts_before_write();

CREATE INDEX contracts_search_vector_idx ON contracts USING gin (search_vector);
CREATE INDEX contracts_category_idx ON contracts (category);
CREATE INDEX contracts_valid_to_idx ON contracts (valid_to);
CREATE INDEX contracts_supplier_key_trgm_idx ON contracts USING gin (supplier_key gin_trgm_ops);

-- The vocabulary of the search index: every lexeme with the number of contracts that hold it.
-- Each instance keeps it in memory and expands query words against it (prefixes, parts of compound words, typos).
CREATE TABLE search_terms (
  term text PRIMARY KEY,
  ndoc integer NOT NULL
);

-- Bumped whenever the vocabulary is rebuilt, so every instance knows to reload its in-memory copy.
CREATE TABLE search_meta (
  key text PRIMARY KEY,
  value bigint NOT NULL
);
INSERT INTO search_meta (key, value) VALUES ('vocabulary_version', 0);
