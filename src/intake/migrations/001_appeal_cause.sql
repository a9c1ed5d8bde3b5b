-- Internal control 5 (issue 24): the cause of an appeal (överprövning) beside its outcome, from a short list,
-- with an officer's optional note. The note may name people: the retention purge clears it.
ALTER TABLE cases ADD COLUMN appeal_cause text
  CHECK (appeal_cause IS NULL OR appeal_cause IN ('kvalificering', 'utvardering', 'underlag', 'tilldelning', 'direktupphandling', 'annat'));
ALTER TABLE cases ADD COLUMN appeal_cause_note text CHECK (appeal_cause_note IS NULL OR length(appeal_cause_note) <= 300);

-- Internal control 1, second half: a case marked "ska samordnas" (to be procured for both regions) and, when it
-- was not, why (a reason from a short list and an officer's note, which the retention purge clears). The mark
-- belongs to the case, so it lives with it (plan items that are contracts keep theirs in plan/002_coordination).
ALTER TABLE cases ADD COLUMN should_coordinate boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN coordination_reason text
  CHECK (coordination_reason IS NULL OR coordination_reason IN ('avtalsperioder', 'en-regions-behov', 'tidplan', 'leverantorsmarknad', 'annat'));
ALTER TABLE cases ADD COLUMN coordination_note text CHECK (coordination_note IS NULL OR length(coordination_note) <= 300);
ALTER TABLE cases ADD COLUMN coordination_reason_at timestamptz;
ALTER TABLE cases ADD CONSTRAINT cases_coordination_reason_marked CHECK (coordination_reason IS NULL OR should_coordinate);
