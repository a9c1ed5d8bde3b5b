-- A contract file an officer sent the bot in Teams, kept between the preview card and the button that
-- applies it (or Avbryt). The card carries only the token; only the officer who sent the file may use it.
-- Rows expire after a day and are deleted then (at the next upload and by the retention job): the
-- officer's Entra id is personal data; the file itself is contract data.
CREATE TABLE import_uploads (
  token text PRIMARY KEY,
  officer_aad_id text NOT NULL,
  file_name text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Set while an import of it runs, so a second press of the button does not import it twice.
  claimed_at timestamptz
);
CREATE INDEX import_uploads_expires_idx ON import_uploads (expires_at);
