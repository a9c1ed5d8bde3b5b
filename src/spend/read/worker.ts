import path from 'node:path';
import { OffThreadTask, runOffThread } from '../../imports/off-thread';
import { LedgerReadError } from './errors';
import { ParseOptions, ReadLedger, parseLedger } from './parse';

/**
 * Parses a ledger file in a worker thread (the imports' shared runner), so chat and search keep answering
 * while a large file is read; a refusal comes back as the LedgerReadError it was.
 */
const TASK: OffThreadTask<[Buffer, ParseOptions], ReadLedger> = {
  module: path.join(__dirname, 'parse.js'),
  fn: 'parseLedger',
  inThread: parseLedger,
  // Over the reading's 1 GB heap the file is refused as too large; the server keeps running.
  outOfMemory: () => new LedgerReadError('too-large'),
  revive: (e) => {
    if (e.name !== 'LedgerReadError') return null;
    const p = e.props as { code: LedgerReadError['code']; details?: LedgerReadError['details'] };
    return new LedgerReadError(p.code, p.details ?? {});
  },
};

export function parseOffThread(buf: Buffer, opts: ParseOptions): Promise<ReadLedger> {
  return runOffThread(TASK, [buf, opts]);
}
