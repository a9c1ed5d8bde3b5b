-- The people count of the search log (014) by key period; keys now rotate every 90 days (the report window), or
-- every retention period when shorter: a person's hash changes when the key rotates, so
-- distinct hashes are counted per key and never summed across keys (the report takes the largest period's
-- count: an under-count at a rotation, never an over-count). search_log_keys.id names a key for good (a
-- sequence never gives the same id twice, even when a later key has the same period_start).
ALTER TABLE search_log_keys ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
-- NULL for hashes written before this migration: their key is not known, so each of their days counts on its own.
ALTER TABLE search_people ADD COLUMN key_id bigint;
