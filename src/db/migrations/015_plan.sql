-- The procurement plan (src/plan): officers' decisions on contracts in the plan, and the weekly digest's claims.
-- A decision names the contract as the catalogue spells it (contract_key is its lower-case form, as contracts.id_key)
-- and who made it; the actor's id and name are removed after the retention period (personal_data_purged_at).
CREATE TABLE plan_decisions (
  id bigserial PRIMARY KEY,
  contract_id text NOT NULL,
  contract_key text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('case-started', 'extend', 'no-procurement')),
  new_end date,
  reason text,
  case_number text,
  actor_aad_id text NOT NULL DEFAULT '',
  actor_name text NOT NULL DEFAULT '',
  decided_at timestamptz NOT NULL DEFAULT now(),
  personal_data_purged_at timestamptz,
  CHECK (kind <> 'extend' OR new_end IS NOT NULL),
  CHECK (kind <> 'case-started' OR case_number IS NOT NULL)
);
CREATE INDEX plan_decisions_contract_idx ON plan_decisions (contract_key, decided_at);
CREATE INDEX plan_decisions_purge_idx ON plan_decisions (decided_at) WHERE personal_data_purged_at IS NULL;

-- One row per ISO week ("2026-W48"): the instance that inserts it sends that week's digest (or, with nothing
-- to say, sends nothing); the others find the week taken.
CREATE TABLE plan_digests (
  week text PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  entries integer NOT NULL
);
