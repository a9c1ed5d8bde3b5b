import { Person } from '../core/person';
import { Queryable, Tx, countTouched } from '../db';
import { SEARCH_CONFIG } from './knowledge';

/**
 * Officers' answers published to the knowledge base. A live entry is also one row in knowledge_chunks
 * (doc_path "inkop-answer/KB-n", the question as its heading, the answer as its body), so retrieval
 * ranks it exactly like a document's passage; withdrawing deletes that row in the same transaction.
 * Every change bumps knowledge_state 'published', which retrieval's per-instance vocabulary cache is
 * keyed on, so every instance sees a new entry's words and loses a withdrawn one's at its next question.
 */

/** How a published answer's passage is told apart from a document's (retrieval's Passage.docPath). */
export const PUBLISHED_DOC_PREFIX = 'inkop-answer/';

export interface PublishedAnswer {
  id: number;
  /** "KB-12": what officers see and type. */
  entryNumber: string;
  ticketId: number | null;
  ticketNumber: string;
  question: string;
  answer: string;
  language: 'sv' | 'en';
  /** Null once the retention purge has forgotten who published it. */
  publishedBy: Person | null;
  publishedAt: string;
  withdrawnAt: string | null;
}

interface Row {
  id: string;
  ticket_id: string | null;
  ticket_number: string;
  question: string;
  answer: string;
  language: string;
  published_by_aad_id: string | null;
  published_by_name: string | null;
  published_at: string;
  withdrawn_at: string | null;
}

const COLUMNS = 'id, ticket_id, ticket_number, question, answer, language, published_by_aad_id, published_by_name, published_at, withdrawn_at';

export const entryNumberOf = (id: number) => `KB-${id}`;

const toEntry = (r: Row): PublishedAnswer => ({
  id: Number(r.id),
  entryNumber: entryNumberOf(Number(r.id)),
  ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
  ticketNumber: r.ticket_number,
  question: r.question,
  answer: r.answer,
  language: r.language === 'en' ? 'en' : 'sv',
  publishedBy: r.published_by_aad_id || r.published_by_name ? { aadId: r.published_by_aad_id ?? '', name: r.published_by_name ?? '' } : null,
  publishedAt: r.published_at,
  withdrawnAt: r.withdrawn_at,
});

export interface NewPublishedAnswer {
  ticketId: number;
  ticketNumber: string;
  question: string;
  answer: string;
  language: 'sv' | 'en';
  officer: Person;
  /** When (the app's clock, so the cited day and the list agree with the rest of the turn). */
  publishedAt: string;
  /** The day it is cited with ("Svar från Inköp, {datum}"), as an ISO day in Sweden. */
  day: string;
  /** The passage's document title in the entry's language ("Svar från Inköp"). */
  title: string;
}

/**
 * Stores the entry and indexes it as one passage in its own language's configuration, weighted as a
 * document's heading (the question) and body; retrieval reads the language from this table.
 */
export async function insertPublished(tx: Tx, e: NewPublishedAnswer): Promise<PublishedAnswer> {
  const [row] = await tx.query<Row>(
    `INSERT INTO published_answers (ticket_id, ticket_number, question, answer, language, published_by_aad_id, published_by_name, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [e.ticketId, e.ticketNumber, e.question, e.answer, e.language, e.officer.aadId, e.officer.name, e.publishedAt],
  );
  const entry = toEntry(row);
  await tx.query(
    `INSERT INTO knowledge_chunks (doc_path, doc_title, source_document, document_number, valid_from, owner, url, section, body, position, published_answer_id, search_vector)
     VALUES ($1, $2, $2, $3, $4, 'Inköp', '', $5, $6, 0, $7,
       setweight(to_tsvector($8::regconfig, $5), 'A') || setweight(to_tsvector($8::regconfig, $6), 'D'))`,
    [`${PUBLISHED_DOC_PREFIX}${entry.entryNumber}`, e.title, entry.entryNumber, e.day, e.question, e.answer, entry.id, SEARCH_CONFIG[e.language]],
  );
  await bumpPublishedVersion(tx);
  return entry;
}

/** Marks the entry withdrawn and removes its passage: no search finds it from this commit on. */
export async function markWithdrawn(tx: Tx, id: number, officer: Person): Promise<PublishedAnswer> {
  const [row] = await tx.query<Row>(
    `UPDATE published_answers SET withdrawn_at = now(), withdrawn_by_aad_id = $2, withdrawn_by_name = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, officer.aadId, officer.name],
  );
  await tx.query('DELETE FROM knowledge_chunks WHERE published_answer_id = $1', [id]);
  await bumpPublishedVersion(tx);
  return toEntry(row);
}

async function bumpPublishedVersion(tx: Queryable): Promise<void> {
  await tx.query(
    `INSERT INTO knowledge_state (key, value) VALUES ('published', '1')
     ON CONFLICT (key) DO UPDATE SET value = (knowledge_state.value::bigint + 1)::text, updated_at = now()`,
  );
}

export async function findPublished(q: Queryable, id: number, forUpdate = false): Promise<PublishedAnswer | null> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM published_answers WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toEntry(rows[0]) : null;
}

/** The ticket's live entry, if it has been published and not withdrawn. */
export async function livePublishedForTicket(q: Queryable, ticketId: number): Promise<PublishedAnswer | null> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM published_answers WHERE ticket_id = $1 AND withdrawn_at IS NULL`, [ticketId]);
  return rows[0] ? toEntry(rows[0]) : null;
}

/** Live entries, newest first. */
export async function livePublished(q: Queryable, limit = 50): Promise<PublishedAnswer[]> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM published_answers WHERE withdrawn_at IS NULL ORDER BY id DESC LIMIT $1`, [limit]);
  return rows.map(toEntry);
}

/**
 * Retention: an entry stays in the knowledge base as long as officers keep it, but who published it is
 * forgotten after the period; a withdrawn entry is deleted once it has been withdrawn that long.
 */
export async function purgePublished(tx: Tx, days: number): Promise<Record<string, number>> {
  const before = `now() - ($1::int * interval '1 day')`;
  return {
    publishedAnswersDeleted: await countTouched(tx, `DELETE FROM published_answers WHERE withdrawn_at < ${before}`, [days]),
    publishedAnswersAnonymised: await countTouched(
      tx,
      `UPDATE published_answers SET published_by_aad_id = NULL, published_by_name = NULL
       WHERE published_at < ${before} AND (published_by_aad_id IS NOT NULL OR published_by_name IS NOT NULL)`,
      [days],
    ),
  };
}
