-- One upload store for every file an officer sends the bot in Teams (issue 26): contract exports and supplier
-- ledgers wait in import_uploads between the preview card and its button. A token names what it was made for
-- (the capability whose buttons may use it), so a contract file's token does nothing on a ledger's Importera
-- and the other way round. The files waiting when this runs were all contract files.
ALTER TABLE import_uploads ADD COLUMN purpose text NOT NULL DEFAULT 'contracts';
-- From now on every upload says its purpose.
ALTER TABLE import_uploads ALTER COLUMN purpose DROP DEFAULT;
ALTER TABLE import_uploads ADD CONSTRAINT import_uploads_purpose_check CHECK (purpose ~ '^[a-z][a-z0-9-]{0,31}$');

-- spend_uploads was the ledgers' own copy of that store. It was only a waiting room of at most 24 hours, so its
-- rows are not moved: a ledger waiting there is dropped, and its preview's buttons answer that the file is gone
-- (send it again). Nothing else refers to the table.
DROP TABLE spend_uploads;
