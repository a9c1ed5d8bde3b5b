-- Personal-data retention: when a case's or survey's personal data was removed, and one row per
-- scheduled job so several instances run a daily job once (the row is claimed with SKIP LOCKED).
ALTER TABLE cases ADD COLUMN personal_data_purged_at timestamptz;
ALTER TABLE surveys ADD COLUMN personal_data_purged_at timestamptz;

CREATE TABLE scheduled_jobs (
  job text PRIMARY KEY,
  last_run_at timestamptz,
  last_result jsonb NOT NULL DEFAULT '{}'::jsonb
);
INSERT INTO scheduled_jobs (job) VALUES ('retention-purge');
