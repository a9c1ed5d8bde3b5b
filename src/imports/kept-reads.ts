/**
 * Files read for a preview, kept in memory under the upload's token so that the import works from the
 * same reading (the file is parsed once). Only the latest few are kept; a token not (or no longer) here,
 * e.g. after a restart, means reading the stored file again.
 */
export const MAX_KEPT_READS = 4;

export class KeptReads<T> {
  private readonly reads = new Map<string, T>();

  constructor(private readonly max = MAX_KEPT_READS) {}

  keep(token: string, read: T): void {
    this.reads.delete(token);
    this.reads.set(token, read);
    while (this.reads.size > this.max) this.reads.delete(this.reads.keys().next().value as string);
  }

  get(token: string): T | undefined {
    return this.reads.get(token);
  }

  drop(token: string): void {
    this.reads.delete(token);
  }

  get size(): number {
    return this.reads.size;
  }
}
