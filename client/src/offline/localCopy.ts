import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { deleteDatabase } from './idb';
import { forgetLocalBoard } from './localBoards';
import { UnsavedLog } from './unsavedLog';

export function localCopyName(boardId: string): string {
  return `paja-board-${boardId}`;
}

/** How long the page waits for IndexedDB before it goes on without the local copy. */
const RESTORE_TIMEOUT_MS = 4000;

/** The local copy in use, or why there is none (the error, or null when it timed out). */
export type OpenedCopy =
  | { persistence: IndexeddbPersistence }
  | { persistence: null; error: unknown };

/**
 * The board's full local copy: y-indexeddb appends every document update (local and remote) to
 * IndexedDB as it happens and compacts the log now and then. On open it restores the stored
 * state into the document in one transaction whose origin is the persistence object itself.
 *
 * Without IndexedDB (unavailable, failing, or not answering in time) the board works online as
 * before, without the local copy.
 */
export async function openLocalCopy(boardId: string, doc: Y.Doc): Promise<OpenedCopy> {
  let persistence: IndexeddbPersistence;
  try {
    persistence = new IndexeddbPersistence(localCopyName(boardId), doc);
  } catch (error) {
    return { persistence: null, error };
  }
  // y-indexeddb never settles whenSynced when the database cannot be opened.
  const failed = persistence._db.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => ({ persistence: null, error }) as const,
  );
  const timeout = new Promise<OpenedCopy>((resolve) =>
    setTimeout(() => resolve({ persistence: null, error: null }), RESTORE_TIMEOUT_MS),
  );
  const restored = persistence.whenSynced.then(() => ({ persistence }));
  const result = await Promise.race([restored, failed, timeout]);
  if (result.persistence === null) void persistence.destroy().catch(() => undefined);
  return result;
}

/** Removes everything this browser keeps of a board. */
export async function clearLocalCopy(boardId: string): Promise<void> {
  forgetLocalBoard(boardId);
  await Promise.allSettled([deleteDatabase(localCopyName(boardId)), UnsavedLog.delete(boardId)]);
}
