-- What staff search for without finding a contract (issue 13, avtalslösa områden), kept as aggregates.
-- search_counts: searches per day, folded query (lower case, no diacritics, stop words out, single spaces),
-- where (chat, message extension, REST) and whether anything was found. No person in it.
-- stem is the query's Swedish stems from the search's own text-search configuration (inkop_sv), sorted:
-- "nitrilhandske" and "nitrilhandskar" share one, and the report groups by it.
CREATE TABLE search_counts (
  day date NOT NULL,
  query text NOT NULL,
  stem text NOT NULL,
  source text NOT NULL CHECK (source IN ('chat', 'msgext', 'rest')),
  found boolean NOT NULL,
  searches integer NOT NULL CHECK (searches > 0),
  PRIMARY KEY (day, query, source, found)
);
CREATE INDEX search_counts_unmet_idx ON search_counts (day, stem) WHERE NOT found;

-- Only what counting distinct people needs, and only for searches without a hit in Teams: a keyed hash
-- (HMAC-SHA256) of the stem and the person's Entra id, under the key of its period. A person's hashes
-- differ per stem (no profile of what one person searched for) and per period (the keys rotate).
CREATE TABLE search_people (
  day date NOT NULL,
  stem text NOT NULL,
  person_hash bytea NOT NULL,
  PRIMARY KEY (stem, day, person_hash)
);
CREATE INDEX search_people_day_idx ON search_people (day);

-- One random key per period (as long as the retention period). A key is deleted when its period ends,
-- so no hash already stored can be recomputed from an Entra id, nor linked to the next period's hashes.
CREATE TABLE search_log_keys (
  period_start date PRIMARY KEY,
  period_end date NOT NULL,
  key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
