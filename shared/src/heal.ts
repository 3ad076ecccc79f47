import * as Y from 'yjs';
import { clustersMap, commentsMap, lanesMap, notesMap, periodsMap, voteSessionsMap } from './roots';
import {
  AxisKey,
  ClusterKey,
  CommentKey,
  DEFAULT_CLUSTER_COLOR,
  DEFAULT_NOTE_COLOR,
  NOTE_DEFAULT_SIZE,
  NoteKey,
  VoteSessionKey,
} from './schema';
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

type Fill = (map: Y.Map<unknown>) => unknown;

const NOTE_FILLS: Record<string, Fill> = {
  [NoteKey.pos]: () => [0, 0],
  [NoteKey.size]: () => [NOTE_DEFAULT_SIZE, NOTE_DEFAULT_SIZE],
  [NoteKey.color]: () => DEFAULT_NOTE_COLOR,
  [NoteKey.text]: () => new Y.Text(),
};

const CLUSTER_FILLS: Record<string, Fill> = {
  [ClusterKey.title]: () => new Y.Text(),
  [ClusterKey.color]: () => DEFAULT_CLUSTER_COLOR,
  [ClusterKey.x]: () => 0,
  [ClusterKey.y]: () => 0,
  [ClusterKey.w]: () => 400,
  [ClusterKey.h]: () => 300,
};

const AXIS_FILLS: Record<string, Fill> = {
  [AxisKey.title]: () => new Y.Text(),
};

const COMMENT_FILLS: Record<string, Fill> = {
  [CommentKey.anchor]: () => ({ kind: 'board' }),
  [CommentKey.text]: () => '',
  [CommentKey.authorName]: () => '',
  [CommentKey.createdAt]: () => 0,
};

const SESSION_FILLS: Record<string, Fill> = {
  [VoteSessionKey.title]: () => '',
  [VoteSessionKey.dots]: () => 1,
  [VoteSessionKey.candidates]: () => new Y.Map(),
  // Closed is the safe default: nobody votes in a session whose state was lost.
  [VoteSessionKey.open]: () => false,
};

function fill(collection: Y.Map<Y.Map<unknown>>, fills: Record<string, Fill>): number {
  let written = 0;
  for (const entry of collection.values()) {
    if (!(entry instanceof Y.Map)) continue;
    for (const [key, make] of Object.entries(fills)) {
      if (entry.get(key) === undefined) {
        entry.set(key, make(entry));
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
