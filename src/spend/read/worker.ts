import path from 'node:path';
import { OffThreadTask, runOffThread } from '../../imports/off-thread';
import { LedgerReadError } from './errors';
import { unpackPostings } from './packed';
import { ParseOptions, ReadLedger, ReadLedgerPacked, parseLedgerPacked } from './parse';

/**
 * Parses a ledger file in a worker thread (the imports' shared runner), so chat and search keep answering
 * while a large file is read; a refusal comes back as the LedgerReadError it was. The file goes in as
 * shared memory (not cloned) and the postings come back packed, their typed arrays transferred (not a
 * million cloned objects); they are unpacked here, equal texts sharing one string.
 */
const TASK: OffThreadTask<[Buffer, ParseOptions], ReadLedgerPacked> = {
  module: path.join(__dirname, 'parse.js'),
  fn: 'parseLedgerPacked',
  inThread: parseLedgerPacked,
  transfer: true,
  shareBuffers: true,
  // Over the reading's 1 GB heap the file is refused as too large; the server keeps running.
  outOfMemory: () => new LedgerReadError('too-large'),
  revive: (e) => {
    if (e.name !== 'LedgerReadError') return null;
    const p = e.props as { code: LedgerReadError['code']; details?: LedgerReadError['details'] };
    return new LedgerReadError(p.code, p.details ?? {});
  },
};

export async function parseOffThread(buf: Buffer, opts: ParseOptions): Promise<ReadLedger> {
  const l = await runOffThread(TASK, [buf, opts]);
  return { ...l, postings: unpackPostings(l.postings) };
}
