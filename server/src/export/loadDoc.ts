import { migrate } from '@paja/shared';
import * as Y from 'yjs';
import type { Storage, StoredBoard } from '../storage/Storage';

/**
 * A stored board as a document, migrated to the current schema, without loading a room (for
 * the command line, which may run beside a server). Null if there is no such board.
 */
export async function loadBoardDoc(storage: Storage, boardId: string): Promise<Y.Doc | null> {
  const stored = await storage.loadBoard(boardId);
  return stored ? storedDoc(stored) : null;
}

/** The document of a board as storage gave it, migrated to the current schema. */
export function storedDoc(stored: StoredBoard): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  migrate(doc);
  return doc;
}
