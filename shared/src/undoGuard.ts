import * as Y from 'yjs';
import { type Editor, judgeUpdate, type Refusal } from './editGuard';
import { createUndoManager } from './undo';

/*
 * Undo and redo against the server's rules. An undo step replays a person's own earlier
 * action, but the board may have changed since: a facilitator locked the note, closed a phase,
 * or the step re-creates someone else's note. The server would refuse such an update and
 * close the connection (4423), and a refused update cannot be taken back locally: the page
 * would have to start again from the server's board. So before an undo or redo is applied,
 * it is rehearsed on a copy of the document and the update it would send is judged by the
 * same edit guard the server runs (editGuard.ts). A refused step is dropped from the history
 * and never touches the document; the caller says why.
 *
 * The rehearsal is exact rather than a guess from the step's contents: the copy has the same
 * structs and the same client id, so its undo manager writes the very structs the real one
 * would, including the healing writes that follow an undo (heal.ts). It costs one encode and
 * one load of the board per undo of a participant (milliseconds for a workshop's few hundred
 * notes); facilitators, whom the guard never refuses, skip it.
 */

export type UndoDirection = 'undo' | 'redo';

export interface UndoOutcome {
  /** The step was applied (false also when there was nothing to undo). */
  applied: boolean;
  /** Why the step was dropped instead, in the server's words (REFUSAL_MESSAGES). */
  refusal: Refusal | null;
}

type StackItem = Y.UndoManager['undoStack'][number];

/**
 * What the next undo (or redo) would do, judged as the server would judge it: how many steps
 * of the stack it consumes (an undo skips steps whose changes are all gone) and the refusal,
 * or null when the server would accept it.
 */
export function rehearseUndo(
  doc: Y.Doc,
  manager: Y.UndoManager,
  direction: UndoDirection,
  editor: Editor,
): { steps: number; refusal: Refusal | null } {
  const stack = direction === 'undo' ? manager.undoStack : manager.redoStack;
  if (stack.length === 0) return { steps: 0, refusal: null };
  // gc off: the copy must keep deleted content, which the undo manager restores from.
  const copy = new Y.Doc({ gc: false });
  copy.clientID = doc.clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  copyRedone(doc, copy);
  const rehearsal = createUndoManager(copy);
  const copied: StackItem[] = stack.map((item) => copyStackItem(item));
  if (direction === 'undo') rehearsal.undoStack = copied;
  else rehearsal.redoStack = copied;
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  if (direction === 'undo') rehearsal.undo();
  else rehearsal.redo();
  const left = direction === 'undo' ? rehearsal.undoStack.length : rehearsal.redoStack.length;
  const steps = stack.length - left;
  rehearsal.destroy();
  copy.destroy();
  if (updates.length === 0) return { steps, refusal: null };
  return { steps, refusal: judgeUpdate(doc, Y.mergeUpdates(updates), editor) };
}

/**
 * Undo or redo, unless the server would refuse it: then the step (and any empty steps before
 * it) is dropped from the history, the document is left alone, and the refusal says why.
 */
export function guardedUndo(
  doc: Y.Doc,
  manager: Y.UndoManager,
  direction: UndoDirection,
  editor: Editor,
): UndoOutcome {
  const stack = direction === 'undo' ? manager.undoStack : manager.redoStack;
  if (stack.length === 0) return { applied: false, refusal: null };
  if (editor.role !== 'facilitator') {
    const { steps, refusal } = rehearseUndo(doc, manager, direction, editor);
    if (refusal) {
      stack.splice(stack.length - steps, steps);
      return { applied: false, refusal };
    }
  }
  const done = direction === 'undo' ? manager.undo() : manager.redo();
  return { applied: done !== null, refusal: null };
}

/** The step's delete sets name structs by id, so they read the same in the copy. */
function copyStackItem(item: StackItem): StackItem {
  const copy = Object.create(Object.getPrototypeOf(item)) as StackItem;
  return Object.assign(copy, item, { meta: new Map(item.meta) });
}

/**
 * Which struct replaced a deleted one when it was last redone is kept on the real document's
 * items only (it is not part of an update); the undo manager follows it, so the copy needs it.
 * The copy may have merged neighbouring structs that the real document keeps apart, so each
 * one is cut out first (structs that carry a `redone` are never merged back).
 */
function copyRedone(doc: Y.Doc, copy: Y.Doc): void {
  Y.transact(copy, (transaction) => {
    for (const structs of doc.store.clients.values()) {
      for (const struct of structs) {
        if (!(struct instanceof Y.Item) || struct.redone === null) continue;
        const { client, clock } = struct.id;
        if (clock + struct.length > Y.getState(copy.store, client)) continue;
        const twin = Y.getItemCleanStart(transaction, struct.id);
        Y.getItemCleanEnd(transaction, copy.store, Y.createID(client, clock + struct.length - 1));
        twin.redone = struct.redone;
      }
    }
  });
}
