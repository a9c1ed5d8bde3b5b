-- The procurement plan outside (issue 24): plan items (contracts or cases) an officer has published with
-- a public title and the expected advertisement quarter. GET /plan and /api/public/plan.json show only these,
-- joined with the plan's category and regions; no internal notes, values or staff names are stored here.
CREATE TABLE plan_publications (
  item_key text PRIMARY KEY CHECK (item_key ~ '^(contract|case):.+$'),
  public_title text NOT NULL CHECK (length(public_title) BETWEEN 3 AND 200),
  expected_quarter text NOT NULL CHECK (expected_quarter ~ '^[0-9]{4}-Q[1-4]$'),
  published_at timestamptz NOT NULL DEFAULT now()
);
