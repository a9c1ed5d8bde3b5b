/**
 * A notice in the outbox, as the modules that deliver it see it. The kernel owns the shape (modules
 * declare delivery handlers in core/module.ts); src/outbox stores and delivers rows of it.
 */
/** A notice to deliver. Its content is rendered at delivery time from the current state (see handlers). */
export interface OutboxMessage {
  kind: string;
  caseId?: number | null;
  ticketId?: number | null;
  surveyId?: number | null;
  /** Key of the conversation reference to deliver to (conversation_refs.key). */
  target: string;
  payload: Record<string, unknown>;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
  attempts: number;
  status: 'pending' | 'delivered';
  lastError: string | null;
  createdAt: string;
  /** Identifies this worker's claim (set by claim()); renew() and failed() act only while it still holds. */
  lockToken?: string;
}

/** Delivers one notice; returns what to keep (e.g. the activity id); throws when the connector refused it. */
export type DeliveryHandler = (row: OutboxRow) => Promise<Record<string, unknown>>;
