import * as Y from 'yjs';
import { CLUSTER_FILLS } from './records/cluster';
import { COMMENT_FILLS } from './records/comment';
import { NOTE_FILLS, NoteKey } from './records/note';
import { AXIS_FILLS, AxisKey } from './records/roadmap';
import { SESSION_FILLS } from './records/vote';
import { clustersMap, commentsMap, lanesMap, notesMap, periodsMap, voteSessionsMap } from './roots';
import { keyAfter } from './values';

/**
 * Origin of healing writes. Deliberately not LOCAL_ORIGIN: healing is not a user action, so it
 * must neither become an undo step nor clear the redo stack.
 */
export const HEAL_ORIGIN: unique symbol = Symbol('paja.heal');

/*
 * Why healing exists. Undoing a delete re-creates the deleted object from its deleted parts.
 * A part that someone else overwrote concurrently with the delete (a note moved by another
 * person at the moment it was deleted here) cannot be restored: Yjs refuses to redo a value
 * that conflicts with another client's change. The restored note then lacks that key (`x`,
 * say) and would read as invalid on every replica. Healing fills in such missing required
 * fields with deterministic defaults, so every replica that heals writes the same values.
 * It only fills absent keys; a present but mistyped value is corruption and stays reported.
 */

type Fill = () => unknown;

function fill(collection: Y.Map<Y.Map<unknown>>, fills: Readonly<Record<string, Fill>>): number {
  let written = 0;
  for (const entry of collection.values()) {
    if (!(entry instanceof Y.Map)) continue;
    for (const [key, make] of Object.entries(fills)) {
      if (entry.get(key) === undefined) {
        entry.set(key, make());
        written++;
      }
    }
  }
  return written;
}

/** Keys after every other key in the collection, for entries that lost their order key. */
function fillOrder(collection: Y.Map<Y.Map<unknown>>, key: string): number {
  let written = 0;
  const ids = [...collection.keys()].sort();
  for (const id of ids) {
    const entry = collection.get(id);
    if (!(entry instanceof Y.Map) || entry.get(key) !== undefined) continue;
    const keys = [...collection.values()].map((e) => (e instanceof Y.Map ? e.get(key) : null));
    entry.set(key, keyAfter(keys));
    written++;
  }
  return written;
}

/**
 * Fills in required fields that an undo could not restore (see above), in one transaction
 * with HEAL_ORIGIN. Returns how many fields it wrote; writes nothing when nothing is missing.
 * The undo manager of createUndoManager runs it after every undo and redo.
 */
export function healBoard(doc: Y.Doc): number {
  let written = 0;
  doc.transact(() => {
    written += fill(notesMap(doc), NOTE_FILLS);
    written += fillOrder(notesMap(doc), NoteKey.z);
    written += fill(clustersMap(doc), CLUSTER_FILLS);
    written += fill(lanesMap(doc), AXIS_FILLS);
    written += fillOrder(lanesMap(doc), AxisKey.order);
    written += fill(periodsMap(doc), AXIS_FILLS);
    written += fillOrder(periodsMap(doc), AxisKey.order);
    written += fill(commentsMap(doc), COMMENT_FILLS);
    written += fill(voteSessionsMap(doc), SESSION_FILLS);
  }, HEAL_ORIGIN);
  return written;
}
