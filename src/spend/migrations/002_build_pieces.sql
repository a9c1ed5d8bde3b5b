-- The year's supplier and area aggregates are built in pieces, each a range of a hash of the supplier key
-- (the org number, or the name in lower case when a row has none), so that on the embedded database no
-- statement holds the main thread for long: each piece reads only its suppliers' postings through this
-- index, and a supplier's postings are all in one piece (its distinct vouchers and administrations stay
-- exact). Only postings that can be uncontracted spend are in it (no contract, not masked), which keeps it
-- small and its cost at import low.
CREATE INDEX spend_postings_supplier_piece_idx ON spend_postings
  (region, hashtext(coalesce(supplier_orgnr, lower(trim(supplier_name)), '')), posted_on)
  WHERE contract_id IS NULL AND NOT masked;
