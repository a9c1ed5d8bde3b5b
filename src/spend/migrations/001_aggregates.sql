-- The yearly figures from kept aggregates instead of a classification of every posting at query time.
--
-- Each posting keeps its match against the contract catalogue, made when it is imported: the contract
-- that covered its supplier (org number, the buyer's region) on its day and that contract's category,
-- else the supplier's most recently ended contract, and whether a row without an org number names a
-- contracted supplier. Its bucket (excluded account, masked, public body, influenceable) follows from the
-- account ranges when the aggregates are built.
ALTER TABLE spend_postings
  ADD COLUMN contract_id text,
  ADD COLUMN category text,
  ADD COLUMN ended_contract_id text,
  ADD COLUMN name_match boolean NOT NULL DEFAULT false;

-- One row per region and calendar year with postings: the catalogue fingerprint its postings were matched
-- against and the account ranges its aggregates were built with. Either NULL, or unlike the current one
-- (a contract import changed the catalogue, SPEND_ACCOUNTS changed), and the year is matched and built
-- again before its figures are read.
CREATE TABLE spend_years (
  region text NOT NULL,
  year integer NOT NULL,
  catalogue text,
  accounts text,
  built_at timestamptz,
  PRIMARY KEY (region, year)
);
INSERT INTO spend_years (region, year) SELECT DISTINCT region, extract(year FROM posted_on)::int FROM spend_postings;

-- Amounts and rows by administration, month, bucket, contracted or not, category and name match.
CREATE TABLE spend_year_figures (
  region text NOT NULL,
  year integer NOT NULL,
  forvaltning text NOT NULL,
  month integer NOT NULL,
  bucket text NOT NULL,
  contracted boolean NOT NULL,
  category text NOT NULL,
  name_match boolean NOT NULL,
  ore bigint NOT NULL,
  rows integer NOT NULL
);
CREATE INDEX spend_year_figures_idx ON spend_year_figures (region, year);

-- Uncontracted influenceable spend by supplier (org number, or the name when a row has none), over the
-- whole year (scope '') and within each administration (scope 'f:' and the administration in lower case):
-- invoices are distinct vouchers, so neither adds up from the other.
CREATE TABLE spend_year_suppliers (
  region text NOT NULL,
  year integer NOT NULL,
  scope text NOT NULL,
  orgnr text NOT NULL,
  name text,
  ore bigint NOT NULL,
  invoices integer NOT NULL,
  forvaltningar text[] NOT NULL,
  name_match boolean NOT NULL,
  ended_contract_id text,
  after_end_ore bigint NOT NULL
);
CREATE INDEX spend_year_suppliers_idx ON spend_year_suppliers (region, year, scope);

-- Uncontracted influenceable spend by administration and account text (avtalslösa områden).
CREATE TABLE spend_year_areas (
  region text NOT NULL,
  year integer NOT NULL,
  forvaltning text NOT NULL,
  account_text text NOT NULL,
  ore bigint NOT NULL
);
CREATE INDEX spend_year_areas_idx ON spend_year_areas (region, year);
