-- Policy guidance: the knowledge base (Markdown/text documents chunked by heading) and questions to a person.
CREATE TABLE knowledge_chunks (
  id serial PRIMARY KEY,
  doc_path text NOT NULL,
  doc_title text NOT NULL,
  source_document text NOT NULL DEFAULT '',
  document_number text NOT NULL DEFAULT '',
  valid_from text NOT NULL DEFAULT '',
  owner text NOT NULL DEFAULT '',
  url text NOT NULL DEFAULT '',
  section text NOT NULL,
  body text NOT NULL,
  position integer NOT NULL,
  search_vector tsvector NOT NULL
);
CREATE INDEX knowledge_chunks_search_idx ON knowledge_chunks USING gin (search_vector);

-- What the index was built from (a hash of every file), so a start or a file change re-indexes only when needed.
CREATE TABLE knowledge_state (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ticket_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

-- "Fråga en inköpare": a question that goes to the officers' channel and whose answer goes back to the asker.
CREATE TABLE tickets (
  id bigserial PRIMARY KEY,
  ticket_number text NOT NULL UNIQUE,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'open',
  question text NOT NULL,
  asker_aad_id text NOT NULL,
  asker_name text NOT NULL DEFAULT '',
  asker_locale text NOT NULL DEFAULT 'sv',
  answer text,
  answered_by_aad_id text,
  answered_by_name text,
  answered_at timestamptz,
  kb_suggestion boolean NOT NULL DEFAULT false,
  channel_activity_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_kb_idx ON tickets (kb_suggestion) WHERE kb_suggestion;

-- Outbox rows may announce a ticket instead of a case.
ALTER TABLE outbox ADD COLUMN ticket_id bigint REFERENCES tickets (id) ON DELETE CASCADE;
