// The compaction worker thread: merges a board's stored updates into one snapshot, so that the
// room's thread keeps relaying while a large board's log is folded (mergeOffThread.ts). Plain
// JavaScript: it needs nothing of the server but Yjs, and runs the same under tsx and compiled.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, parts }) => {
  try {
    const merged = Y.mergeUpdates(parts);
    parentPort.postMessage({ id, ok: true, merged }, [merged.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: String(error?.message ?? error) });
  }
});
