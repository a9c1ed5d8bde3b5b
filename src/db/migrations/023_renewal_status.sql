-- A contract's renewal under way, as data (issue 25): staff see "Ny upphandling pågår (INK-…)" on a
-- contract card while a re-procurement of it is open. Until now a staff search asked the plan for it after
-- every search, and the plan asked intake: a loop through three capabilities on every turn. Now the row is
-- written in the same transaction as the case change that alters it, and the contract search reads it in
-- the query that reads its page.
--
-- A renewal is an open case linked to the contract that was started from the procurement plan (its
-- idempotency key starts with "plan:") or that Inköp has planned or started (planerad, upphandling pågår,
-- avtal tecknat); a need staff sent that is still inkommen or under bedömning is not. The first such case
-- by case number is the one shown. The same rule is `isRenewal` in src/plan/model.ts, and
-- test/plan/renewal.test.ts holds the two to each other for every status.
--
-- Kept in step by a trigger on cases, as contract_search is on contracts, so every writer (intake's status
-- changes and outcomes, a case the plan starts, tests, hand-made SQL) keeps it right. Each change also
-- bumps search_meta's renewal_version, so every instance drops the search results it remembers.
CREATE TABLE renewal_status (
  -- lower(btrim(contract id)), as contracts.id_key holds it.
  contract_key text PRIMARY KEY,
  case_number text NOT NULL
);

CREATE FUNCTION case_is_renewal(status text, idempotency_key text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status NOT IN ('avslutad', 'avbojd', 'atertagen', 'avbruten')
    AND (status IN ('planerad', 'upphandling-pagar', 'avtal-tecknat') OR coalesce(idempotency_key LIKE 'plan:%', false))
$$;

CREATE INDEX cases_linked_contract_key_idx ON cases (lower(btrim(linked_contract_id))) WHERE linked_contract_id IS NOT NULL;

CREATE FUNCTION renewal_status_refresh(key text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  found_case text;
BEGIN
  SELECT case_number INTO found_case FROM cases
    WHERE lower(btrim(linked_contract_id)) = key AND case_is_renewal(status, idempotency_key)
    ORDER BY case_number LIMIT 1;
  IF found_case IS NULL THEN
    DELETE FROM renewal_status WHERE contract_key = key;
  ELSE
    INSERT INTO renewal_status (contract_key, case_number) VALUES (key, found_case)
      ON CONFLICT (contract_key) DO UPDATE SET case_number = EXCLUDED.case_number;
  END IF;
END $$;

CREATE FUNCTION cases_renewal_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key text;
  new_key text;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_key := lower(btrim(OLD.linked_contract_id)); END IF;
  IF TG_OP <> 'DELETE' THEN new_key := lower(btrim(NEW.linked_contract_id)); END IF;
  IF TG_OP = 'UPDATE' AND old_key IS NOT DISTINCT FROM new_key
     AND case_is_renewal(OLD.status, OLD.idempotency_key) = case_is_renewal(NEW.status, NEW.idempotency_key) THEN
    RETURN NULL;
  END IF;
  IF old_key IS NOT NULL THEN PERFORM renewal_status_refresh(old_key); END IF;
  IF new_key IS NOT NULL AND new_key IS DISTINCT FROM old_key THEN PERFORM renewal_status_refresh(new_key); END IF;
  IF old_key IS NOT NULL OR new_key IS NOT NULL THEN
    UPDATE search_meta SET value = value + 1 WHERE key = 'renewal_version';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_renewal_status AFTER INSERT OR DELETE OR UPDATE OF status, linked_contract_id, idempotency_key ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_renewal_after_write();

INSERT INTO search_meta (key, value) VALUES ('renewal_version', 0);

-- The cases already open.
INSERT INTO renewal_status (contract_key, case_number)
  SELECT DISTINCT ON (lower(btrim(linked_contract_id))) lower(btrim(linked_contract_id)), case_number FROM cases
  WHERE linked_contract_id IS NOT NULL AND case_is_renewal(status, idempotency_key)
  ORDER BY lower(btrim(linked_contract_id)), case_number;
