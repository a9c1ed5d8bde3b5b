import fs from 'node:fs';
import path from 'node:path';
import { Worker, isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { FileReadError } from './read-error';

/**
 * Runs an import's file reading in a worker thread, so chat and search keep answering while a large file
 * is read: the worker loads the compiled module that holds the reading function, calls it with the
 * arguments (structured-cloned; Buffers arrive as Buffers), and sends back its result or its error as
 * plain data, which the caller turns back into the capability's error. Under the TypeScript test runner
 * (no compiled module beside this one) the function runs in the calling thread.
 */

/** An error as plain data across the thread boundary. */
export interface PlainError {
  name: string;
  message: string;
  props: Record<string, unknown>;
}

export interface OffThreadTask<A extends unknown[], R> {
  /** The compiled module (an absolute path to its .js) that exports fn. */
  module: string;
  fn: string;
  /** The same function, run in this thread when there is no compiled module. */
  inThread: (...args: A) => Promise<R> | R;
  /** A capability's error rebuilt from its plain data; null for one it does not know. */
  revive?: (e: PlainError) => Error | null;
  /** The result's typed arrays (found in its plain objects, not in arrays) are moved back, not copied. */
  transfer?: boolean;
  /** Buffer arguments go in as shared memory (one copy, read in place by the worker) rather than cloned. */
  shareBuffers?: boolean;
  /** The worker's heap limit: the memory budget of one reading. */
  maxHeapMb?: number;
  /** The error a reading over its memory budget is refused with (default: FileReadError 'memory'). */
  outOfMemory?: () => Error;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: PlainError };

const WORKER_FILE = path.join(__dirname, 'off-thread.js');
/** The reading's short-lived objects (cells, rows) are collected often rather than piling up. */
const YOUNG_GENERATION_MB = 8;

function plain(err: unknown): PlainError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), props: {} };
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(err)) props[key] = (err as unknown as Record<string, unknown>)[key];
  return { name: err.name, message: err.message, props };
}

function revive(e: PlainError, own?: (e: PlainError) => Error | null): Error {
  const known = own?.(e);
  if (known) return known;
  if (e.name === 'FileReadError') {
    const p = e.props as { code: FileReadError['code']; params?: FileReadError['params']; line?: number };
    return new FileReadError(p.code, p.params ?? {}, p.line);
  }
  return new Error(e.message);
}

/** The thread a function runs in (0: the main thread); the tests use it to see where a reading ran. */
export const currentThreadId = (): number => threadId;

/** Whether reading runs in a worker thread here (the compiled build), or in this thread (the test runner). */
export function offThreadAvailable(task: { module: string }): boolean {
  return !__filename.endsWith('.ts') && fs.existsSync(WORKER_FILE) && fs.existsSync(task.module);
}

export function runOffThread<A extends unknown[], R>(task: OffThreadTask<A, R>, args: A): Promise<R> {
  if (!offThreadAvailable(task)) return Promise.resolve().then(() => task.inThread(...args));
  return new Promise<R>((resolve, reject) => {
    const sent = task.shareBuffers ? args.map((a) => (a instanceof Uint8Array ? shared(a) : a)) : args;
    const worker = new Worker(WORKER_FILE, {
      workerData: { module: task.module, fn: task.fn, args: sent, transfer: task.transfer === true },
      resourceLimits: { maxOldGenerationSizeMb: task.maxHeapMb ?? 1024, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    let settled = false;
    worker.once('message', (a: Answer) => {
      settled = true;
      if (a.ok) resolve(a.value as R);
      else reject(revive(a.error, task.revive));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      // Over the heap limit the worker alone stops; the import is refused, the server keeps running.
      if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') reject(task.outOfMemory?.() ?? new FileReadError('memory'));
      else reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`import reader stopped with ${code}`));
    });
  });
}

/** A copy of the bytes in shared memory: the worker reads them in place (a clone would copy them twice). */
function shared(a: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/** The memory of the typed arrays in a result's plain objects (arrays are not searched), to move it. */
function transferables(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) transferables(v, found);
  }
  return [...found];
}

/** In the worker: Uint8Arrays back to Buffers (structured cloning drops the Buffer class). */
const asBuffers = (args: unknown[]) => args.map((a) => (a instanceof Uint8Array && !Buffer.isBuffer(a) ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : a));

async function work(data: { module: string; fn: string; args: unknown[]; transfer?: boolean }): Promise<Answer> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(data.module) as Record<string, (...a: unknown[]) => unknown>;
    return { ok: true, value: await mod[data.fn](...asBuffers(data.args)) };
  } catch (err) {
    return { ok: false, error: plain(err) };
  }
}

const job = workerData as { module?: unknown } | null;
if (!isMainThread && parentPort && typeof job?.module === 'string') {
  const port = parentPort;
  const data = job as { module: string; fn: string; args: unknown[]; transfer?: boolean };
  void work(data).then((a) => port.postMessage(a, a.ok && data.transfer ? transferables(a.value) : []));
}
