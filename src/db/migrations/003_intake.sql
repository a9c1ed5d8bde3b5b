-- Purchase needs (cases), their history, the outbox that delivers notices, and where to deliver them.

-- One counter per year for case numbers INK-YYYY-NNNN.
CREATE TABLE case_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  case_number text NOT NULL UNIQUE,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL,
  title text NOT NULL,
  category text NOT NULL,
  purchase_kind text NOT NULL,
  value_total bigint NOT NULL,
  value_per_year bigint NOT NULL,
  desired_start date NOT NULL,
  submitted_on date NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  route text NOT NULL,
  risk text NOT NULL,
  slack_days integer NOT NULL,
  assessment jsonb NOT NULL,
  need jsonb NOT NULL,
  contract_check jsonb NOT NULL DEFAULT '{}'::jsonb,
  submitter_aad_id text NOT NULL,
  submitter_name text NOT NULL DEFAULT '',
  submitter_locale text NOT NULL DEFAULT 'sv',
  assigned_aad_id text,
  assigned_name text,
  channel_activity_id text,
  pending_question text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_submitter_idx ON cases (submitter_aad_id);
CREATE INDEX cases_status_idx ON cases (status);
CREATE INDEX cases_submitted_idx ON cases (submitted_on);

CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  actor_aad_id text NOT NULL,
  actor_name text NOT NULL DEFAULT '',
  from_status text,
  to_status text,
  comment text
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);

-- Notices to deliver through the Bot Connector, written in the same transaction as the change they
-- announce. Workers claim due rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  case_id bigint REFERENCES cases (id) ON DELETE CASCADE,
  target jsonb NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';

-- Conversation references: where to reach a user 1:1, and the officers' channel.
CREATE TABLE conversation_refs (
  key text PRIMARY KEY,
  reference jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Members of the officers' team (refreshed when the channel is registered and when members change).
CREATE TABLE officer_team_members (
  aad_object_id text PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  team_id text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
