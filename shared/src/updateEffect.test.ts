import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNotes, initBoard, moveNotes, notesMap, ROOT } from './index';
import { changeAt, readUpdateEffect, targetOf, written } from './updateEffect';

/** A board with one note, and the update a replica sends after `change`. */
function effectOf(change: (doc: Y.Doc, note: string) => void) {
  const server = new Y.Doc();
  initBoard(server, { title: 'T', locale: 'fi' });
  const note = createNote(server, { x: 0, y: 0, text: 'a', authorId: 'p', authorName: 'P' });
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => updates.push(u));
  change(replica, note);
  return { effect: readUpdateEffect(server, Y.mergeUpdates(updates)), note, server };
}

describe('reading an update as changes of the board', () => {
  it('places a field write on its note, with the value it writes', () => {
    const { effect, note, server } = effectOf((doc, id) => moveNotes(doc, [{ id, x: 5, y: 6 }]));
    // An overwritten value is removed; the note itself is not.
    expect(effect.deleted.notes.size).toBe(0);
    const changes = effect.items.map((item) => {
      const target = targetOf(effect, item, 0);
      if (target.kind !== 'existing') throw new Error(`landed ${target.kind}`);
      return changeAt(target.type, target.key, true, written(item));
    });
    expect(changes).toContainEqual(
      expect.objectContaining({ root: ROOT.notes, id: note, field: 'pos', depth: 1 }),
    );
    // Reading does not change the document it reads against.
    expect(notesMap(server).get(note)?.get('pos')).toEqual([0, 0]);
  });

  it('names the entries a deletion removes', () => {
    const { effect, note } = effectOf((doc, id) => deleteNotes(doc, [id]));
    expect([...effect.deleted.notes]).toEqual([note]);
    expect(effect.removed.length).toBeGreaterThan(0);
  });

  it('makes no sets for an update that deletes no entry (a drag), and new ones for one that does', () => {
    const drag = (x: number) => (doc: Y.Doc, id: string) => moveNotes(doc, [{ id, x, y: 6 }]);
    const [one, two] = [effectOf(drag(5)).effect, effectOf(drag(7)).effect];
    // One shared record of empty sets, whatever the update: nothing is made per update.
    expect(one.deleted).toBe(two.deleted);
    expect(Object.isFrozen(one.deleted)).toBe(true);
    const deletion = effectOf((doc, id) => deleteNotes(doc, [id]));
    expect(deletion.effect.deleted).not.toBe(one.deleted);
    expect([...deletion.effect.deleted.notes]).toEqual([deletion.note]);
    // The shared record stays empty after an update that deleted something was read.
    expect(Object.values(one.deleted).map((ids) => ids.size)).toEqual([0, 0, 0, 0]);
  });

  it('tells a write outside the board from one inside it', () => {
    const { effect } = effectOf((doc) => doc.getMap('elsewhere').set('k', 1));
    const [item] = effect.items;
    if (!item) throw new Error('no item');
    expect(targetOf(effect, item, 0)).toEqual({ kind: 'foreign', name: 'elsewhere' });
  });
});
