-- Broad searches (issue 28): a query word that thousands of contracts hold ("läkemedel") is ranked among the
-- contracts that hold one of its words in the title, keywords or CPV codes (weights A and B of search_vector),
-- not among every contract that mentions it somewhere. This index finds those contracts without reading the
-- others; search uses exactly this expression, ts_filter(search_vector, '{a,b}').
CREATE INDEX contract_search_head_idx ON contract_search USING gin (ts_filter(search_vector, '{a,b}'));
ANALYZE contract_search;
