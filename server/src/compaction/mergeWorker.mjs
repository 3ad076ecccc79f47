// The compaction worker thread: merges a board's stored updates into one snapshot, so that the
// room's thread keeps relaying while a large board's log is folded (mergeOffThread.ts). Plain
// JavaScript: it needs nothing of the server but Yjs, and runs the same under tsx and compiled.
// The parts are merged in rounds (mergeInRounds.mjs): in one call, thousands took seconds.
import { parentPort } from 'node:worker_threads';
import { mergeInRounds } from './mergeInRounds.mjs';

parentPort.on('message', ({ id, parts }) => {
  try {
    const merged = mergeInRounds(parts);
    parentPort.postMessage({ id, ok: true, merged }, [merged.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: String(error?.message ?? error) });
  }
});
