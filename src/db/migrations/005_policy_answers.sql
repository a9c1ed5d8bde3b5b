-- Answers written by the language model, and the thumbs up/down staff give them.
CREATE TABLE policy_answers (
  id bigserial PRIMARY KEY,
  activity_id text,
  question text NOT NULL,
  answer text NOT NULL,
  sources jsonb NOT NULL DEFAULT '[]'::jsonb,
  asker_aad_id text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_answers_activity_idx ON policy_answers (activity_id);

CREATE TABLE policy_feedback (
  id bigserial PRIMARY KEY,
  answer_id bigint REFERENCES policy_answers (id) ON DELETE SET NULL,
  reply_to_id text,
  reaction text NOT NULL,
  feedback text NOT NULL DEFAULT '',
  user_aad_id text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
