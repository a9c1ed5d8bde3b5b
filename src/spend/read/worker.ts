import fs from 'node:fs';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LedgerReadError } from './errors';
import { ParseOptions, ReadLedger, parseLedger } from './parse';

/**
 * Parses a ledger file in a worker thread, so chat and search keep answering while a large file is
 * read. The compiled build runs this file as the worker; under the TypeScript test runner (no compiled
 * sibling) the same function runs in the calling thread.
 */
type Answer = { ok: true; ledger: ReadLedger } | { ok: false; code: LedgerReadError['code']; details: LedgerReadError['details'] } | { ok: false; crash: string };

const WORKER_FILE = path.join(__dirname, 'worker.js');

export function parseOffThread(buf: Buffer, opts: ParseOptions): Promise<ReadLedger> {
  if (!fs.existsSync(WORKER_FILE) || __filename.endsWith('.ts')) return Promise.resolve().then(() => parseLedger(buf, opts));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: { buf, opts }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.once('message', (a: Answer) => {
      if (a.ok) resolve(a.ledger);
      else if ('crash' in a) reject(new Error(a.crash));
      else reject(new LedgerReadError(a.code, a.details));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`ledger worker stopped with ${code}`)));
  });
}

if (!isMainThread && parentPort && (workerData as { buf?: unknown })?.buf) {
  const { buf, opts } = workerData as { buf: Uint8Array; opts: ParseOptions };
  let answer: Answer;
  try {
    answer = { ok: true, ledger: parseLedger(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), opts) };
  } catch (err) {
    answer = err instanceof LedgerReadError ? { ok: false, code: err.code, details: err.details } : { ok: false, crash: (err as Error)?.message ?? String(err) };
  }
  parentPort.postMessage(answer);
}
