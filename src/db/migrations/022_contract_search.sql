-- A narrow copy of what contract search reads for every hit: the searched and filtered columns of each
-- contract in the catalogue. Search scores every hit of a query; on the wide contracts rows (description,
-- suppliers, contacts, …) a broad query such as "läkemedel" read a heap page for every few hits. Here about
-- three times as many rows fit on a page, and removed contracts are left out, so no hit is read only to be
-- dropped. Search joins back to contracts only for the page it shows.
-- Kept in step by a trigger on contracts, so every writer (imports, seeding, tests, hand-made SQL) keeps it right.
CREATE TABLE contract_search (
  contract_id text PRIMARY KEY,
  id_key text NOT NULL,
  title text NOT NULL,
  category text NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  regions text[] NOT NULL,
  supplier_key text NOT NULL,
  search_vector tsvector NOT NULL
);

-- Runs after contracts_before_write, so id_key, supplier_key and search_vector are already computed.
CREATE FUNCTION contracts_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM contract_search WHERE contract_id = OLD.contract_id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.contract_id <> NEW.contract_id THEN
      DELETE FROM contract_search WHERE contract_id = OLD.contract_id;
    END IF;
  END IF;
  IF NEW.removed_at IS NOT NULL THEN
    DELETE FROM contract_search WHERE contract_id = NEW.contract_id;
    RETURN NULL;
  END IF;
  INSERT INTO contract_search AS s (contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector)
  VALUES (NEW.contract_id, NEW.id_key, NEW.title, NEW.category, NEW.valid_from, NEW.valid_to, NEW.regions, NEW.supplier_key, NEW.search_vector)
  ON CONFLICT (contract_id) DO UPDATE SET
    id_key = EXCLUDED.id_key, title = EXCLUDED.title, category = EXCLUDED.category, valid_from = EXCLUDED.valid_from,
    valid_to = EXCLUDED.valid_to, regions = EXCLUDED.regions, supplier_key = EXCLUDED.supplier_key, search_vector = EXCLUDED.search_vector
  -- An import that rewrites an unchanged contract leaves its search row (and the GIN index) untouched.
  WHERE (s.id_key, s.title, s.category, s.valid_from, s.valid_to, s.regions, s.supplier_key, s.search_vector)
    IS DISTINCT FROM (EXCLUDED.id_key, EXCLUDED.title, EXCLUDED.category, EXCLUDED.valid_from, EXCLUDED.valid_to, EXCLUDED.regions, EXCLUDED.supplier_key, EXCLUDED.search_vector);
  RETURN NULL;
END
$$;

CREATE TRIGGER contracts_after_write
  AFTER INSERT OR UPDATE OR DELETE ON contracts
  FOR EACH ROW EXECUTE FUNCTION contracts_after_write();

CREATE FUNCTION contracts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE contract_search;
  RETURN NULL;
END
$$;

CREATE TRIGGER contracts_after_truncate
  AFTER TRUNCATE ON contracts
  FOR EACH STATEMENT EXECUTE FUNCTION contracts_after_truncate();

INSERT INTO contract_search (contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector)
SELECT contract_id, id_key, title, category, valid_from, valid_to, regions, supplier_key, search_vector
FROM contracts WHERE removed_at IS NULL;

-- Built after the copy, so the GIN indexes start without a pending list.
CREATE INDEX contract_search_vector_idx ON contract_search USING gin (search_vector);
CREATE INDEX contract_search_id_key_idx ON contract_search (id_key);
CREATE INDEX contract_search_category_idx ON contract_search (category);
CREATE INDEX contract_search_valid_to_idx ON contract_search (valid_to);
CREATE INDEX contract_search_supplier_key_trgm_idx ON contract_search USING gin (supplier_key gin_trgm_ops);
ANALYZE contract_search;
