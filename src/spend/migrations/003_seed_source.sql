-- The sample ledger loaded at start (SEED_SAMPLE_DATA) is logged as what it is, not as a command-line import.
ALTER TABLE spend_imports DROP CONSTRAINT spend_imports_source_check;
ALTER TABLE spend_imports ADD CONSTRAINT spend_imports_source_check CHECK (source IN ('cli', 'api', 'teams', 'seed'));
