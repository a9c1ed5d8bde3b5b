-- Issue 21: the search log's HMAC key no longer lives beside the hashes. Keys are derived from
-- SEARCH_LOG_SECRET (or a file under DATA_DIR in local mode), outside the database, so the stored keys go.
-- Query text is now written only once UNMET_MIN_PEOPLE people searched its stem; until then the query and
-- its stem are kept as keyed hashes. Rows written under the old rules hold text few people typed and
-- hashes under deleted keys, so the log starts afresh.
DROP TABLE search_log_keys;
DELETE FROM search_people;
DELETE FROM search_counts;
-- key_id is now the key period's number (days since 2000-01-01 divided by the period's length).
COMMENT ON COLUMN search_people.key_id IS 'key period number; the key is derived from SEARCH_LOG_SECRET';
COMMENT ON COLUMN search_counts.query IS 'the folded query, or #<keyed hash> until UNMET_MIN_PEOPLE people searched its stem';
COMMENT ON COLUMN search_counts.stem IS '#<keyed hash> of the query''s stem';
