import * as Y from 'yjs';
import { BoardRelay, type RelayOptions } from './fanout/BoardRelay';
import type { FanOut } from './fanout/FanOut';
import type { Logger } from './log';
import type { Storage, StoredBoard } from './storage/Storage';

export interface LoadedBoard {
  doc: Y.Doc;
  stored: StoredBoard;
  /** Joined, not started: it holds what other instances store until the room starts it. */
  relay: BoardRelay;
}

/**
 * The first half of loading a room: joins the board's fan-out channel, then reads storage and
 * builds the document (not yet migrated). Joining first means nothing another instance stores
 * in between is missed (the relay holds it until `start`; twice is applied once). Null if there
 * is no such board; the channel is left again on null and on a storage error.
 */
export async function loadStoredBoard(
  boardId: string,
  storage: Storage,
  fanOut: FanOut,
  log: Logger,
  relayOptions?: RelayOptions,
): Promise<LoadedBoard | null> {
  const relay = await BoardRelay.join(boardId, fanOut, storage, log, relayOptions);
  let stored: StoredBoard | null;
  try {
    stored = await storage.loadBoard(boardId);
  } catch (error) {
    await relay.leave();
    throw error;
  }
  if (!stored) {
    await relay.leave();
    return null;
  }
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return { doc, stored, relay };
}
