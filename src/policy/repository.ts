import { Queryable, Tx, countTouched } from '../db';

/** Policy guidance's own records: model answers with their sources, feedback on them, ticket cards. */

export interface ModelAnswerRecord {
  activityId: string | null;
  question: string;
  answer: string;
  sources: { n: number; section: string; doc: string }[];
  askerAadId: string;
}

export async function recordModelAnswer(q: Queryable, a: ModelAnswerRecord): Promise<void> {
  await q.query('INSERT INTO policy_answers (activity_id, question, answer, sources, asker_aad_id) VALUES ($1, $2, $3, $4::jsonb, $5)', [
    a.activityId,
    a.question,
    a.answer,
    JSON.stringify(a.sources),
    a.askerAadId,
  ]);
}

/** A thumbs up or down, linked to the model answer it was given on (by the answer's message id). */
export async function recordFeedback(q: Queryable, f: { replyToId: string | null; reaction: 'like' | 'dislike'; feedback: string; userAadId: string }): Promise<void> {
  await q.query(
    `INSERT INTO policy_feedback (answer_id, reply_to_id, reaction, feedback, user_aad_id)
     VALUES ((SELECT id FROM policy_answers WHERE activity_id = $1 ORDER BY id DESC LIMIT 1), $1, $2, $3, $4)`,
    [f.replyToId, f.reaction, f.feedback, f.userAadId],
  );
}

/** The officers' channel message that shows the question, remembered the first time it is posted. */
export async function rememberTicketMessage(q: Queryable, ticketId: number, activityId: string): Promise<void> {
  await q.query('UPDATE tickets SET channel_activity_id = $2 WHERE id = $1 AND channel_activity_id IS NULL', [ticketId, activityId]);
}

/** Answered questions to officers, model answers and their feedback older than the retention period: deleted. */
export async function purgePolicy(tx: Tx, days: number): Promise<Record<string, number>> {
  const before = `now() - ($1::int * interval '1 day')`;
  return {
    ticketsDeleted: await countTouched(tx, `DELETE FROM tickets WHERE status = 'answered' AND coalesce(answered_at, created_at) < ${before}`, [days]),
    policyFeedbackDeleted: await countTouched(tx, `DELETE FROM policy_feedback WHERE created_at < ${before}`, [days]),
    policyAnswersDeleted: await countTouched(tx, `DELETE FROM policy_answers WHERE created_at < ${before}`, [days]),
  };
}
