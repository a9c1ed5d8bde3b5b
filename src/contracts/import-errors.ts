/** A file that cannot be imported at all (unreadable, no header, over a limit): nothing of it is applied. */
export class ImportFatalError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportFatalError';
  }
}
