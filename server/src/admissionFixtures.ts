import { initBoard } from '@paja/shared';
import * as Y from 'yjs';
import type { BoardBudget } from './admission';

/** For tests: a board far from every limit, so that only what a test changes can refuse. */
export const roomyBudget: BoardBudget = {
  storedBytes: 0,
  unsavedBytes: 0,
  storageFailing: false,
  maxBoardBytes: 1 << 24,
  maxUnsavedBytes: 1 << 20,
  footprint: { items: 0, bytes: 0 },
  structure: {
    maxDepth: 16,
    maxUpdateEntries: 10_000,
    maxBoardItems: 100_000,
    maxBoardMemoryBytes: 1 << 26,
  },
};

/** For tests: a board on the server, and a client that synced it and then changes it. */
export function syncedBoard() {
  const server = new Y.Doc();
  initBoard(server, { title: 'T', locale: 'en' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** The client's update for `edit`. */
  const change = (edit: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    edit(client);
    return Y.encodeStateAsUpdate(client, before);
  };
  return { server, client, change };
}
