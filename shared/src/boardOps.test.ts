import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import {
  createNotesFromLines,
  createRoadmap,
  DUPLICATE_OFFSET,
  defaultPeriods,
  dropNotes,
  duplicateNotes,
  linesGrid,
  pasteNotes,
  placeCopied,
} from './boardOps';
import { createCluster } from './clusters';
import { createNote } from './notes';
import { addLane, addPeriod } from './roadmap';
import { createUndoManager } from './undo';

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

describe('dropNotes', () => {
  it('writes a drop as one undo step', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { x: 0, y: 0, authorId: 'p', authorName: 'P' });
    const b = createNote(doc, { x: 0, y: 300, authorId: 'p', authorName: 'P' });
    const cluster = createCluster(doc, { noteIds: [b], x: 1000, y: 0, w: 600, h: 400 });
    const lane = addLane(doc, { title: 'L' });
    const period = addPeriod(doc, { title: '2030' });
    const undo = createUndoManager(doc);
    dropNotes(doc, {
      moves: [
        { id: a, x: 1100, y: 100 },
        { id: b, x: 5, y: 5 },
      ],
      place: [{ cell: { lane, period }, ids: [b] }],
      unplace: [],
      join: [{ cluster, ids: [a] }],
      leave: [b],
    });
    let view = readBoard(doc);
    expect(view.notes.find((n) => n.id === a)?.cluster).toBe(cluster);
    expect(view.notes.find((n) => n.id === b)).toMatchObject({ cluster: null, cell: { lane } });
    undo.undo();
    view = readBoard(doc);
    expect(view.notes.find((n) => n.id === a)).toMatchObject({ x: 0, y: 0, cluster: null });
    expect(view.notes.find((n) => n.id === b)).toMatchObject({ cluster, cell: null, y: 300 });
  });

  it('writes a drop of k notes, brought to the front, as exactly one document update', () => {
    const doc = new Y.Doc();
    const ids = [0, 1, 2, 3, 4].map((i) =>
      createNote(doc, { x: i * 200, y: 0, authorId: 'p', authorName: 'P' }),
    );
    const above = createNote(doc, { x: 0, y: 0, authorId: 'p', authorName: 'P' });
    const moved = ids.slice(0, 3);
    let updates = 0;
    doc.on('update', () => updates++);
    dropNotes(doc, {
      moves: moved.map((id, i) => ({ id, x: i * 200, y: 500 })),
      place: [],
      unplace: [],
      join: [],
      leave: [],
      toFront: moved,
    });
    expect(updates).toBe(1);
    const notes = readBoard(doc).notes; // in stacking order
    expect(notes.slice(-3).map((n) => n.id)).toEqual(moved);
    expect(notes.map((n) => n.id)).toContain(above);
  });
});

describe('dropNotes growing a topic', () => {
  it('grows the frame in the same step, never shrinks it, and keeps its width', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { x: 0, y: 0, authorId: 'p', authorName: 'P' });
    const cluster = createCluster(doc, { noteIds: [], x: 1000, y: 0, w: 300, h: 200 });
    const undo = createUndoManager(doc);
    const frame = () => readBoard(doc).clusters.find((c) => c.id === cluster);
    dropNotes(doc, {
      moves: [{ id: a, x: 1010, y: 200 }],
      place: [],
      unplace: [],
      join: [{ cluster, ids: [a] }],
      leave: [],
      grow: [{ cluster, h: 320 }],
    });
    expect(frame()).toMatchObject({ w: 300, h: 320 });
    undo.undo();
    expect(frame()).toMatchObject({ h: 200 });
    expect(readBoard(doc).notes[0]?.cluster).toBeNull();
    // A frame someone made taller meanwhile keeps its height.
    dropNotes(doc, {
      moves: [],
      place: [],
      unplace: [],
      join: [{ cluster, ids: [a] }],
      leave: [],
      grow: [{ cluster, h: 150 }],
    });
    expect(frame()?.h).toBe(200);
  });

  it('moves a frame under it down with its notes, not the note just filed out of it, in one step', () => {
    const doc = new Y.Doc();
    const top = createCluster(doc, { noteIds: [], x: 0, y: 0, w: 300, h: 200 });
    const leaving = createNote(doc, { x: 10, y: 300, authorId: 'p', authorName: 'P' });
    const staying = createNote(doc, { x: 150, y: 300, authorId: 'p', authorName: 'P' });
    const under = createCluster(doc, { noteIds: [leaving, staying], x: 0, y: 240, w: 300, h: 200 });
    const undo = createUndoManager(doc);
    dropNotes(doc, {
      moves: [{ id: leaving, x: 10, y: 200 }],
      place: [],
      unplace: [],
      join: [{ cluster: top, ids: [leaving] }],
      leave: [],
      grow: [{ cluster: top, h: 320 }],
      shift: [{ cluster: under, x: 0, y: 360 }],
    });
    const board = () => readBoard(doc);
    const pos = (id: string) => board().notes.find((n) => n.id === id);
    expect(board().clusters.find((c) => c.id === under)).toMatchObject({ x: 0, y: 360 });
    expect(pos(staying)).toMatchObject({ x: 150, y: 420, cluster: under });
    expect(pos(leaving)).toMatchObject({ x: 10, y: 200, cluster: top });
    undo.undo();
    expect(board().clusters.find((c) => c.id === under)).toMatchObject({ y: 240 });
    expect(pos(staying)).toMatchObject({ y: 300 });
    expect(pos(leaving)).toMatchObject({ y: 300, cluster: under });
  });
});

describe('paste layout', () => {
  it('lays lines out in a square-ish grid centred on the pointer', () => {
    const grid = linesGrid(4, { x: 0, y: 0 }, 100);
    expect(grid).toEqual([
      { x: -110, y: -110 },
      { x: 10, y: -110 },
      { x: -110, y: 10 },
      { x: 10, y: 10 },
    ]);
  });
  it('keeps copied notes arranged, centred on the pointer', () => {
    const notes = [
      { dx: 0, dy: 0, w: 100, h: 100, color: 'yellow' as const, text: '' },
      { dx: 200, dy: 0, w: 100, h: 100, color: 'yellow' as const, text: '' },
    ];
    expect(placeCopied(notes, { x: 1000, y: 1000 })).toEqual([
      { x: 850, y: 950 },
      { x: 1050, y: 950 },
    ]);
  });
});
