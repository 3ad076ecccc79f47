import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board';
import { createNote, readNotes } from './notes';
import { freeSpot, revealPrivateNotes } from './privateBrainstorm';
import type { PrivateNote } from './protocol/privateNotes';

const note = (id: string, x: number, y: number, more: Partial<PrivateNote> = {}): PrivateNote => ({
  session: 'S1',
  id,
  x,
  y,
  w: 160,
  h: 160,
  color: 'yellow',
  text: `text of ${id}`,
  authorName: 'Aino',
  organisation: 'Espoo',
  authorId: 'p-a',
  createdAt: 100,
  updatedAt: 200,
  ...more,
});

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'b', locale: 'fi' });
  return doc;
}

describe('freeSpot', () => {
  it('keeps a note where it is when nothing is there', () => {
    expect(freeSpot({ x: 0, y: 0, w: 100, h: 100 }, [{ x: 200, y: 0, w: 100, h: 100 }])).toEqual({
      x: 0,
      y: 0,
    });
  });

  it('moves a note to the nearest free spot beside what it overlaps', () => {
    const spot = freeSpot({ x: 0, y: 0, w: 100, h: 100 }, [{ x: 10, y: 10, w: 100, h: 100 }]);
    expect(Math.max(Math.abs(spot.x), Math.abs(spot.y))).toBe(116);
  });
});

describe('revealPrivateNotes', () => {
  it('writes every note in one transaction, with its author, where it was put', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const ids = revealPrivateNotes(
      doc,
      [note('a', 0, 0), note('b', 400, 0, { authorId: 'p-b', authorName: 'Bo' })],
      { hideAuthors: false },
    );
    expect(transactions).toBe(1);
    expect(ids).toEqual(['a', 'b']);
    const notes = readNotes(doc);
    expect(notes.map((n) => [n.id, n.x, n.y, n.authorId, n.authorName, n.organisation])).toEqual([
      ['a', 0, 0, 'p-a', 'Aino', 'Espoo'],
      ['b', 400, 0, 'p-b', 'Bo', 'Espoo'],
    ]);
    expect(notes[0]?.text).toBe('text of a');
  });

  it('hides authors when asked', () => {
    const doc = board();
    revealPrivateNotes(doc, [note('a', 0, 0)], { hideAuthors: true });
    const [n] = readNotes(doc);
    expect([n?.authorId, n?.authorName, n?.organisation]).toEqual(['', '', null]);
  });

  it('moves overlapping notes to free space, older notes keep their spot', () => {
    const doc = board();
    createNote(doc, { x: 1000, y: 1000, authorId: 'f', authorName: 'F' });
    revealPrivateNotes(
      doc,
      [note('late', 0, 0, { createdAt: 300 }), note('early', 20, 20), note('onBoard', 1010, 990)],
      { hideAuthors: false },
    );
    const byId = new Map(readNotes(doc).map((n) => [n.id, n]));
    expect([byId.get('early')?.x, byId.get('early')?.y]).toEqual([20, 20]);
    const rects = [...byId.values()];
    for (const a of rects) {
      for (const b of rects) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('gives a new id to a note whose id the board already has', () => {
    const doc = board();
    createNote(doc, { id: 'taken', x: 5000, y: 0, authorId: 'f', authorName: 'F' });
    const [id] = revealPrivateNotes(doc, [note('taken', 0, 0)], { hideAuthors: false });
    expect(id).not.toBe('taken');
    expect(readNotes(doc)).toHaveLength(2);
  });
});
