import * as Y from 'yjs';

/**
 * The stored board as one update without the content of deleted items: applied to a document
 * that collects garbage (Yjs's default), deleted values and texts are dropped and only their
 * lengths remain. Y.mergeUpdates keeps them, which is right for the ordinary compaction (it is
 * fast and never needs the whole document in memory) but not when a person's data must go.
 */
export function forgetDeleted(parts: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
