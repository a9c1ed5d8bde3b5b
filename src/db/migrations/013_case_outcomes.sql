-- How a case ended, recorded by the officer: the outcome, the resulting contract and its actual start
-- (both may come later than the signing), the cause of a cancellation, and an appeal with its outcome.
-- procurement_started_at is when the case first reached "upphandling pågår": the internal-control
-- figures count only cases that went to procurement. linked_contract_id is the current contract a case
-- renews or replaces (a re-procurement started from the procurement plan or found by the contract check).
ALTER TABLE cases
  ADD COLUMN outcome text,
  ADD COLUMN outcome_at timestamptz,
  ADD COLUMN contract_id text,
  ADD COLUMN actual_start date,
  ADD COLUMN cancel_cause text,
  ADD COLUMN appealed boolean NOT NULL DEFAULT false,
  ADD COLUMN appeal_outcome text,
  ADD COLUMN procurement_started_at timestamptz,
  ADD COLUMN linked_contract_id text;

-- Cases that ended before outcomes existed get the outcome their status implies.
UPDATE cases SET procurement_started_at = (
  SELECT min(e.at) FROM case_events e WHERE e.case_id = cases.id AND e.to_status = 'upphandling-pagar'
);
UPDATE cases SET outcome = CASE
    WHEN status IN ('avtal-tecknat', 'avslutad') AND procurement_started_at IS NOT NULL THEN 'upphandlad'
    WHEN status = 'avtal-tecknat' THEN 'upphandlad'
    WHEN status = 'avbojd' THEN 'avbojd'
    WHEN status = 'atertagen' AND contract_check->>'choice' = 'use-contract' THEN 'befintligt-avtal'
    WHEN status = 'atertagen' THEN 'atertagen'
  END,
  -- When the case reached its end status (from its history), else its last change.
  outcome_at = CASE WHEN status IN ('avtal-tecknat', 'avslutad', 'avbojd', 'atertagen') THEN coalesce(
    (SELECT min(e.at) FROM case_events e WHERE e.case_id = cases.id
       AND e.to_status = CASE WHEN cases.status = 'avslutad' THEN 'avtal-tecknat' ELSE cases.status END),
    updated_at) END,
  contract_id = CASE WHEN status = 'atertagen' AND contract_check->>'choice' = 'use-contract' THEN NULLIF(contract_check->>'contractId', '') END;

CREATE INDEX cases_outcome_at_idx ON cases (outcome_at);
CREATE INDEX cases_actual_start_idx ON cases (actual_start);
CREATE INDEX cases_linked_contract_idx ON cases (linked_contract_id) WHERE linked_contract_id IS NOT NULL;
