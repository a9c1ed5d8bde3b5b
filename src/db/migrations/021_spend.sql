-- Avtalstrohet from the regions' supplier ledgers ("Leverantörsreskontra" 1.1).
-- One row per posting. A posting is identified by its buyer (the region), voucher, day, account and
-- amount, whatever file it came from: importing it again, in another format or in an overlapping
-- monthly file never counts it twice. Masked postings (sole traders, or masked by the publisher) keep
-- neither supplier name nor number: only that they were masked.
CREATE TABLE spend_postings (
  region text NOT NULL CHECK (region IN ('Sörmland', 'Västmanland')),
  voucher text NOT NULL,
  posted_on date NOT NULL,
  account integer NOT NULL,
  amount_ore bigint NOT NULL,
  supplier_orgnr text CHECK (supplier_orgnr ~ '^\d{6}-\d{4}$'),
  supplier_name text,
  masked boolean NOT NULL DEFAULT false,
  forvaltning text NOT NULL DEFAULT '',
  account_text text NOT NULL DEFAULT '',
  import_id bigint NOT NULL,
  PRIMARY KEY (region, voucher, posted_on, account, amount_ore),
  CHECK (NOT masked OR (supplier_orgnr IS NULL AND supplier_name IS NULL))
);
CREATE INDEX spend_postings_region_day_idx ON spend_postings (region, posted_on);

-- Every ledger import applied or refused: when, from where, which file, what it did.
CREATE TABLE spend_imports (
  id bigserial PRIMARY KEY,
  imported_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL CHECK (source IN ('cli', 'api', 'teams')),
  -- The officer who imported from Teams: personal, emptied by the retention purge.
  actor_id text,
  actor_name text,
  file_name text,
  format text CHECK (format IN ('csv', 'xlsx')),
  outcome text NOT NULL CHECK (outcome IN ('applied', 'refused')),
  rows_read integer NOT NULL DEFAULT 0,
  added integer NOT NULL DEFAULT 0,
  already integer NOT NULL DEFAULT 0,
  masked integer NOT NULL DEFAULT 0,
  first_day date,
  last_day date,
  regions text[] NOT NULL DEFAULT '{}',
  reason text
);
CREATE INDEX spend_imports_at_idx ON spend_imports (imported_at DESC);

-- A ledger an officer sent in Teams, kept between the preview card and Importera / Avbryt (a day at most).
CREATE TABLE spend_uploads (
  token text PRIMARY KEY,
  officer_aad_id text NOT NULL,
  file_name text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  claimed_at timestamptz
);
CREATE INDEX spend_uploads_expires_idx ON spend_uploads (expires_at);
