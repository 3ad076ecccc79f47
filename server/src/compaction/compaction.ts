import { forgetDeleted } from '../storage/forgetDeleted';
import type { Storage } from '../storage/Storage';
import { mergeOffThread } from './mergeOffThread';

/**
 * The log is folded once it holds a quarter of the snapshot's bytes (and at least this much):
 * a compaction merges the whole board, so on a large board it runs rarely and costs at most a
 * few bytes merged per byte logged, on a small one it runs about as often as by count.
 */
export const MIN_COMPACT_LOG_BYTES = 64 * 1024;

/** Where a board's stored log stands since its last snapshot. */
export interface LogSize {
  /** Updates appended since the snapshot. */
  updates: number;
  /** Their bytes. */
  logBytes: number;
  /** Snapshot plus log, in bytes. */
  storedBytes: number;
}

/**
 * Whether the log should be folded now. A long log makes every load slow (each update is
 * applied on its own): due after `compactEvery` updates at the latest, or once the log's bytes
 * reach a quarter of the snapshot's (MIN_COMPACT_LOG_BYTES at least).
 */
export function compactionDue(size: LogSize, compactEvery: number): boolean {
  if (size.updates === 0) return false;
  if (size.updates >= compactEvery) return true;
  const snapshotBytes = size.storedBytes - size.logBytes;
  return size.logBytes >= Math.max(MIN_COMPACT_LOG_BYTES, snapshotBytes / 4);
}

/**
 * Folds a board's stored log into one snapshot under the board's compaction lease (one
 * instance at a time), merging in a worker thread when it is large (`forget`: dropping deleted
 * content too, in this thread). Resolves with what was
 * written, or null if another instance holds the lease or there is no such board; throws if
 * storage fails (the log is kept).
 */
export async function compactStoredBoard(
  storage: Storage,
  boardId: string,
  forget = false,
): Promise<{ throughSeq: number; bytes: number } | null> {
  // The snapshot is built from what storage holds, not from the live document: with several
  // instances, storage may hold another instance's updates that a lossy fan-out never
  // brought here, and a compaction must never drop them. (A room whose instance wrote the
  // whole log may fold a small board from its document: LogCompaction.#compactLive.)
  return storage.withCompactionLease(boardId, async (compact) => {
    const stored = await storage.loadBoard(boardId);
    if (!stored) return null;
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    // `forget`: leave out deleted content too (a forgotten name; storage/forgetDeleted.ts).
    const snapshot = forget ? forgetDeleted(parts) : await mergeOffThread(parts);
    await compact(snapshot, stored.lastSeq);
    return { throughSeq: stored.lastSeq, bytes: snapshot.byteLength };
  });
}
