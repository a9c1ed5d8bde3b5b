-- NKI figures are released per calendar quarter once the quarter has ended and all its surveys have closed,
-- and frozen: nki_releases.figures is computed once (src/survey/release.ts) and never updated. Open surveys
-- are never counted. A released quarter's comments (stripped of names and numbers, stored in random order,
-- so id order tells nothing) may be hidden by an officer (who and when is kept), never edited; the
-- retention purge deletes them with the rest of the period's free text.
CREATE TABLE nki_releases (
  id bigserial PRIMARY KEY,
  quarter text NOT NULL UNIQUE,
  released_at timestamptz NOT NULL DEFAULT now(),
  figures jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE nki_release_comments (
  id bigserial PRIMARY KEY,
  release_id bigint NOT NULL REFERENCES nki_releases (id) ON DELETE CASCADE,
  text text NOT NULL,
  hidden_at timestamptz,
  hidden_by_aad_id text
);
CREATE INDEX nki_release_comments_release_idx ON nki_release_comments (release_id);

ALTER TABLE surveys ADD COLUMN release_id bigint REFERENCES nki_releases (id);

-- At release an answer loses its link to the respondent; it keeps at most a keyed pseudonym of the person
-- (HMAC with NKI_PSEUDONYM_KEY, which is not in the database) until the retention purge clears it.
ALTER TABLE survey_responses ALTER COLUMN respondent_id DROP NOT NULL;
ALTER TABLE survey_responses ADD COLUMN person_key text;
