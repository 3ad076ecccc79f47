import { Worker } from 'node:worker_threads';
import { mergeInRounds } from './mergeInRounds.mjs';

interface Answer {
  id: number;
  ok: boolean;
  merged?: Uint8Array;
  error?: string;
}

type Pending = { resolve: (merged: Uint8Array) => void; reject: (error: Error) => void };

/** Logs smaller than this are merged in the calling thread: a worker round trip costs more. */
const IN_THREAD_BYTES = 64 * 1024;

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function start(): Worker {
  const started = new Worker(new URL('./mergeWorker.mjs', import.meta.url));
  started.on('message', (answer: Answer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (pending.size === 0) started.unref();
    if (answer.ok && answer.merged) waiting.resolve(answer.merged);
    else waiting.reject(new Error(`merge failed: ${answer.error}`));
  });
  const fail = (error: Error) => {
    // A dead worker fails what it held; the next merge starts a new one.
    if (worker === started) worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`merge worker exited (${code})`)));
  return started;
}

/**
 * `Y.mergeUpdates(parts)` (in rounds: mergeInRounds.mjs), in a worker thread once the parts are
 * large: compacting a board of megabytes takes the room's thread tens of milliseconds, during
 * which nothing is relayed (see bench/RESULTS.md). One worker for the process, started at the
 * first large merge, not holding the process open while idle. The parts are copied to it,
 * never transferred: they may share memory with other buffers.
 */
export function mergeOffThread(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  let bytes = 0;
  for (const part of parts) bytes += part.byteLength;
  if (bytes < IN_THREAD_BYTES) return Promise.resolve(mergeInRounds(parts));
  worker ??= start();
  const id = nextId++;
  worker.ref();
  const answer = new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
  });
  worker.postMessage({ id, parts });
  return answer;
}
