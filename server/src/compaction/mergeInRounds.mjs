// Y.mergeUpdates in rounds of a few updates each: used by the compaction worker
// (mergeWorker.mjs) and by mergeOffThread.ts for small logs. Plain JavaScript, like the worker,
// so that it runs the same under tsx and compiled.
import * as Y from 'yjs';

/**
 * Updates one Y.mergeUpdates call takes. Y.mergeUpdates re-sorts all the updates it merges for
 * every struct it writes, so its time grows with the square of their number: 6,000 small
 * updates of 50 writers took 1.7 s in one call, about 0.1 s in rounds of 32 (bench/RESULTS.md,
 * "The writers at 30 Hz").
 */
export const MERGE_FAN_IN = 32;

/**
 * The same update as `Y.mergeUpdates(parts)` (deleted content kept, nothing of the whole
 * document in memory), merged in rounds: groups of MERGE_FAN_IN, then groups of those. The
 * largest part (a compaction's snapshot) is left out of the rounds and merged last, with the
 * rest merged into one: every struct a merge writes costs a sort of all its parts, so the
 * snapshot's structs went through a 32-way merge once per round. A 1.5 MB snapshot of 10,000
 * notes and 5,000 moves of 50 writers: 617 ms in rounds with the snapshot, 214 ms this way.
 */
export function mergeInRounds(parts) {
  if (parts.length <= 2) return Y.mergeUpdates([...parts]);
  let largest = 0;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].byteLength > parts[largest].byteLength) largest = i;
  }
  const rest = parts.filter((_, i) => i !== largest);
  return Y.mergeUpdates([parts[largest], mergeSmall(rest)]);
}

/** `Y.mergeUpdates(parts)` in rounds of MERGE_FAN_IN. */
function mergeSmall(parts) {
  if (parts.length <= MERGE_FAN_IN) return Y.mergeUpdates([...parts]);
  let round = parts;
  while (round.length > 1) {
    const next = [];
    for (let at = 0; at < round.length; at += MERGE_FAN_IN) {
      const group = round.slice(at, at + MERGE_FAN_IN);
      next.push(group.length === 1 ? group[0] : Y.mergeUpdates(group));
    }
    round = next;
  }
  return round[0];
}
