import * as Y from 'yjs';
import { healBoard } from './heal';
import { allRoots, LOCAL_ORIGIN } from './roots';

export interface UndoOptions {
  /**
   * Local transactions closer together than this (ms) merge into one undo step. Default 0:
   * every operation is one action and is undone whole, never half, and never together with
   * the next one. A text editor binding may pass ~500 so that typing undoes by bursts.
   */
  captureTimeout?: number;
}

/**
 * An undo manager over the whole board that reverts only this user's own actions. It tracks
 * transactions whose origin is LOCAL_ORIGIN, which every operation in this package passes;
 * updates from the network arrive with the provider's origin and are never undone, and when
 * a remote change touched the same value afterwards, Yjs keeps the remote value.
 *
 * After each undo and redo it runs healBoard, in a separate transaction with HEAL_ORIGIN.
 */
export function createUndoManager(doc: Y.Doc, options: UndoOptions = {}): Y.UndoManager {
  const undo = new Y.UndoManager(allRoots(doc), {
    captureTimeout: options.captureTimeout ?? 0,
    trackedOrigins: new Set([LOCAL_ORIGIN]),
  });
  // An undo that restores a deleted object can leave out a field someone else changed
  // concurrently; fill it in at once (heal.ts) so the object never reads as invalid.
  undo.on('stack-item-popped', () => healBoard(doc));
  return undo;
}
