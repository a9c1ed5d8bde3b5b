-- Internal control 1, second half (issue 24): contracts in the plan that an officer marks "ska samordnas"
-- (to be procured again for both regions) and, when that did not happen, why: a reason from a short list and an
-- officer's note (which the retention purge clears). Cases keep their own mark (intake/001_appeal_cause).
-- No person is stored with a mark.
CREATE TABLE plan_coordination (
  contract_key text PRIMARY KEY,
  contract_id text NOT NULL,
  title text NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now(),
  reason text CHECK (reason IS NULL OR reason IN ('avtalsperioder', 'en-regions-behov', 'tidplan', 'leverantorsmarknad', 'annat')),
  note text CHECK (note IS NULL OR length(note) <= 300),
  reason_at timestamptz,
  note_purged_at timestamptz
);
