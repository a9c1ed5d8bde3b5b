-- Bot Framework state (conversation, user), written with eTag concurrency.
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  etag bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
