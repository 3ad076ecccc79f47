import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNotes, initBoard, moveNotes } from './index';
import { indexUpdate, readUpdateEffect } from './updateEffect';

/** The server indexes a participant's update once for its limits and the edit guard. */
describe('an update decoded and indexed once', () => {
  it('lists and keys its items, and reads as the same effect as the raw update', () => {
    const server = new Y.Doc();
    initBoard(server, { title: 'T', locale: 'en' });
    const keep = createNote(server, { x: 0, y: 0, authorId: 'p', authorName: 'P' });
    const gone = createNote(server, { x: 1, y: 1, authorId: 'p', authorName: 'P' });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(replica);
    moveNotes(replica, [{ id: keep, x: 5, y: 6 }]);
    deleteNotes(replica, [gone]);
    const update = Y.encodeStateAsUpdate(replica, before);

    const indexed = indexUpdate(Y.decodeUpdate(update));
    const items = indexed.structs.filter((struct) => struct instanceof Y.Item);
    expect(indexed.items).toEqual(items);
    expect([...indexed.inUpdate.keys()]).toEqual(
      items.map((item) => `${item.id.client}:${item.id.clock}`),
    );

    const fromIndex = readUpdateEffect(server, indexed);
    const fromBytes = readUpdateEffect(server, update);
    // The index's own list and map are used, not made again.
    expect(fromIndex.items).toBe(indexed.items);
    expect(fromIndex.inUpdate).toBe(indexed.inUpdate);
    expect(fromIndex.removed).toEqual(fromBytes.removed);
    expect(fromIndex.deleted).toEqual(fromBytes.deleted);
    expect(fromIndex.deleted.notes).toEqual(new Set([gone]));
    expect(fromIndex.items.length).toBe(fromBytes.items.length);
  });
});
