-- The NKI survey after a procurement: one survey per case, its respondents and their answers.
CREATE TABLE surveys (
  id bigserial PRIMARY KEY,
  case_id bigint UNIQUE REFERENCES cases (id) ON DELETE SET NULL,
  procurement_title text NOT NULL,
  category text NOT NULL,
  submitted_on date,
  contract_start date,
  status text NOT NULL DEFAULT 'open',
  opened_at timestamptz NOT NULL DEFAULT now(),
  remind_at timestamptz NOT NULL,
  reminded_at timestamptz,
  close_at timestamptz NOT NULL,
  closed_at timestamptz,
  started_by_aad_id text NOT NULL DEFAULT ''
);
CREATE INDEX surveys_due_idx ON surveys (remind_at, close_at) WHERE status = 'open';

CREATE TABLE survey_respondents (
  id bigserial PRIMARY KEY,
  survey_id bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  aad_object_id text,
  name text NOT NULL DEFAULT '',
  role text NOT NULL,
  locale text NOT NULL DEFAULT 'sv',
  reachable boolean NOT NULL DEFAULT true,
  UNIQUE (survey_id, aad_object_id)
);

-- Answers are only ever read back in aggregate by officers; the link to the respondent exists so a
-- respondent can change their own answers until the survey closes and reminders skip those who answered.
CREATE TABLE survey_responses (
  id bigserial PRIMARY KEY,
  survey_id bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  respondent_id bigint NOT NULL UNIQUE REFERENCES survey_respondents (id) ON DELETE CASCADE,
  answers jsonb NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE outbox ADD COLUMN survey_id bigint REFERENCES surveys (id) ON DELETE CASCADE;
