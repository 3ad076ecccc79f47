import { migrate } from '@paja/shared';
import * as Y from 'yjs';
import type { Storage } from '../storage/Storage';

/**
 * A stored board as a document, migrated to the current schema, without loading a room (for
 * the command line, which may run beside a server). Null if there is no such board.
 */
export async function loadBoardDoc(storage: Storage, boardId: string): Promise<Y.Doc | null> {
  const stored = await storage.loadBoard(boardId);
  if (!stored) return null;
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  migrate(doc);
  return doc;
}
