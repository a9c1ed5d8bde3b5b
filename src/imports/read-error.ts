/**
 * Why a file was refused as a whole by the shared readers, as a code with its numbers (plain data, so a
 * worker thread can pass it back). Each capability turns it into a message in the reader's language.
 */
export type FileReadCode =
  | 'empty'
  | 'fileTooLarge'
  | 'encrypted'
  | 'notXlsx'
  | 'damaged'
  | 'unpackedTooLarge'
  | 'noSheets'
  | 'unknownSheet'
  | 'emptySheet'
  | 'cellError'
  | 'tooManyRows'
  | 'overBudget'
  /** The reading needed more memory than one import may use (its worker's heap limit). */
  | 'memory';

export type FileReadParams = Record<string, string | number>;

export class FileReadError extends Error {
  constructor(
    readonly code: FileReadCode,
    readonly params: FileReadParams = {},
    /** The file's line (a worksheet's row number) the refusal concerns, when there is one. */
    readonly line?: number,
  ) {
    super(code);
    this.name = 'FileReadError';
  }
}
