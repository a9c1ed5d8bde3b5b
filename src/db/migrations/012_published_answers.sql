-- Officers' answers published to the knowledge base ("Publicera i kunskapsbanken"), from an answered
-- "Fråga en inköpare" ticket. The entry outlives its ticket (which the retention purge deletes); the
-- publisher's and withdrawer's id and name are personal data the purge forgets after the period.
CREATE TABLE published_answers (
  id bigserial PRIMARY KEY,
  ticket_id bigint REFERENCES tickets (id) ON DELETE SET NULL,
  ticket_number text NOT NULL,
  question text NOT NULL,
  answer text NOT NULL,
  language text NOT NULL DEFAULT 'sv',
  published_by_aad_id text,
  published_by_name text,
  published_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  withdrawn_by_aad_id text,
  withdrawn_by_name text
);
-- One live entry per ticket; a withdrawn one may be published again.
CREATE UNIQUE INDEX published_answers_live_ticket_idx ON published_answers (ticket_id) WHERE withdrawn_at IS NULL;

-- A live entry is one passage in the knowledge index, searched exactly like the documents' passages.
-- Rebuilding the index from the files keeps these rows; withdrawing deletes the entry's row.
ALTER TABLE knowledge_chunks ADD COLUMN published_answer_id bigint REFERENCES published_answers (id) ON DELETE CASCADE;
CREATE INDEX knowledge_chunks_published_idx ON knowledge_chunks (published_answer_id) WHERE published_answer_id IS NOT NULL;
