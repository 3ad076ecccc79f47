import { createNote, createUndoManager, readBoard } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createNotesFromLines,
  createRoadmap,
  DUPLICATE_OFFSET,
  defaultPeriods,
  duplicateNotes,
  pasteNotes,
} from './boardOps';

const me = { id: 'me', name: 'Aino' };

describe('board operations', () => {
  it('creates one note per line as one undo step, in line order', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    const ids = createNotesFromLines(doc, ['yksi', 'två', 'three 🚲'], { x: 0, y: 0 }, me);
    const notes = readBoard(doc).notes;
    expect(ids.map((id) => notes.find((n) => n.id === id)?.text)).toEqual([
      'yksi',
      'två',
      'three 🚲',
    ]);
    undo.undo();
    expect(readBoard(doc).notes).toHaveLength(0);
  });

  it('pastes copied notes with their colour, size and arrangement', () => {
    const doc = new Y.Doc();
    pasteNotes(
      doc,
      [
        { dx: 0, dy: 0, w: 200, h: 100, color: 'blue', text: 'a' },
        { dx: 300, dy: 0, w: 100, h: 100, color: 'teal', text: 'b' },
      ],
      { x: 1000, y: 1000 },
      me,
    );
    const notes = readBoard(doc).notes;
    expect(notes.map((n) => [n.text, n.x, n.y, n.w, n.color])).toEqual([
      ['a', 800, 950, 200, 'blue'],
      ['b', 1100, 950, 100, 'teal'],
    ]);
  });

  it('duplicates notes beside their originals, with me as the author', () => {
    const doc = new Y.Doc();
    createNote(doc, { x: 10, y: 20, text: 'x', authorId: 'other', authorName: 'Other' });
    const [original] = readBoard(doc).notes;
    if (!original) throw new Error('no note');
    const [copy] = duplicateNotes(doc, [original], me);
    const made = readBoard(doc).notes.find((n) => n.id === copy);
    expect(made).toMatchObject({
      x: 10 + DUPLICATE_OFFSET,
      y: 20 + DUPLICATE_OFFSET,
      text: 'x',
      authorName: 'Aino',
    });
  });

  it('makes a roadmap of years to 2030', () => {
    expect(defaultPeriods(2026)).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(defaultPeriods(2031)).toEqual(['2030']);
    expect(defaultPeriods(2010)).toHaveLength(6);
    const doc = new Y.Doc();
    createRoadmap(doc, ['Liikenne'], ['2026', '2030']);
    const { roadmap } = readBoard(doc);
    expect(roadmap.lanes.map((l) => l.title)).toEqual(['Liikenne']);
    expect(roadmap.periods.map((p) => p.title)).toEqual(['2026', '2030']);
  });
});
