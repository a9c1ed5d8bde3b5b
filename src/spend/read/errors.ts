/**
 * Why a ledger file was refused as a whole, as a code (the worker thread passes it back as data) with the
 * lines it concerns; the service turns it into a message in the reader's language.
 */
export type LedgerReadCode = 'empty' | 'damaged' | 'zip-bomb' | 'too-many-rows' | 'too-large' | 'no-header' | 'missing-columns' | 'bad-rows' | 'unknown-buyer' | 'broken-quotes';

export class LedgerReadError extends Error {
  constructor(
    readonly code: LedgerReadCode,
    readonly details: { columns?: string[]; lines?: { line: number; field: string; value: string }[]; buyers?: string[]; line?: number } = {},
  ) {
    super(code);
    this.name = 'LedgerReadError';
  }
}
