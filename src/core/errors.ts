/**
 * A refusal or a rule a capability enforces, with a code the Teams handlers turn into a message in the
 * user's language (and the REST routes into problem+json). Anything else thrown is a bug.
 */
export type DomainErrorCode =
  | 'not-found'
  | 'forbidden'
  | 'transition'
  | 'no-question'
  | 'closed'
  | 'past-start'
  | 'too-many'
  | 'outcome-not-allowed'
  | 'start-needs-procured'
  | 'contract-needs-outcome'
  | 'actual-start-early'
  | 'actual-start-late'
  | 'not-procured'
  | 'not-appealable'
  | 'coordinated-already';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
