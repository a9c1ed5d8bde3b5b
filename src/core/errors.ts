/**
 * The refusals every capability may give: not found, not allowed, too many in an hour, already closed, not
 * possible in this state. A capability with refusals of its own declares their codes beside its rules
 * (e.g. src/intake/errors.ts) as DomainError<ItsCodes>; the kernel holds no capability's codes.
 */
export type DomainErrorCode = 'not-found' | 'forbidden' | 'too-many' | 'closed' | 'transition';

/**
 * A refusal or a rule a capability enforces, with a code the Teams handlers turn into a message in the
 * user's language (and the REST routes into problem+json). Anything else thrown is a bug.
 */
export class DomainError<C extends string = DomainErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
