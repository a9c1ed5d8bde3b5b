-- English product words that officers add to the glossary kept with the code (src/contracts/glossary.json):
-- the English word or phrase (folded, lower case) and the Swedish words the search reads instead. No
-- personal data: who added an entry is not kept.
CREATE TABLE product_glossary (
  term_en text PRIMARY KEY CHECK (length(term_en) BETWEEN 1 AND 60),
  term_sv text NOT NULL CHECK (length(term_sv) BETWEEN 1 AND 60),
  added_at timestamptz NOT NULL DEFAULT now()
);
