import {
  importNotes,
  NOTE_DEFAULT_SIZE,
  type NoteView,
  overlaps,
  type PlannedNote,
  readBoard,
} from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cluster, note, oneCellRoadmap } from '../canvas/testNotes';
import type { Bounds } from '../canvas/viewport';
import { blockCenter, importSpot, occupied, placeNewNote } from './placement';

const frame = cluster('C', { x: 300, y: -200 });
const roadmap = oneCellRoadmap();

function scene(notes: NoteView[]) {
  return { placed: notes, clusters: [frame], roadmapLayout: roadmap };
}

describe('placing new notes', () => {
  it('puts a new note at the point when nothing is there', () => {
    const spot = placeNewNote(scene([]), { x: -1000, y: -1000 });
    expect(spot).toEqual({ x: -1000 - NOTE_DEFAULT_SIZE / 2, y: -1000 - NOTE_DEFAULT_SIZE / 2 });
  });

  it('never on a note, a cluster or the roadmap', () => {
    const notes = [note('a', { x: -80, y: -80 })];
    const s = scene(notes);
    const spot = placeNewNote(s, { x: 0, y: 0 });
    const box = { ...spot, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE };
    for (const taken of occupied(s)) expect(overlaps(box, taken)).toBe(false);
    // Inside the roadmap too: it goes beside it.
    const inGrid = placeNewNote(s, { x: 500, y: 1600 });
    const gridBox = { ...inGrid, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE };
    expect(overlaps(gridBox, roadmap.geometry as Bounds)).toBe(false);
  });

  it('keeps a new note from the toolbar out from under the toolbar and the search bar', () => {
    const notes = [note('a', { x: -80, y: -80 })];
    // What the toolbar covers: a strip across the board just below the view's middle.
    const toolbar = { x: -2000, y: 120, w: 4000, h: 400 };
    const spot = placeNewNote(scene(notes), { x: 0, y: 0 }, [toolbar]);
    const box = { ...spot, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE };
    expect(overlaps(box, toolbar)).toBe(false);
    for (const taken of occupied(scene(notes))) expect(overlaps(box, taken)).toBe(false);
  });

  it('finds room for a paste of 500 lines beside what is there', () => {
    const size = { w: 23 * 180 - 20, h: 22 * 180 - 20 };
    const s = scene([note('a')]);
    const center = blockCenter(s, size, { x: 500, y: 500 });
    const block = { x: center.x - size.w / 2, y: center.y - size.h / 2, ...size };
    for (const taken of occupied(s)) expect(overlaps(block, taken)).toBe(false);
  });

  it('imports a spreadsheet’s topics side by side in free space, not over the board’s topics', () => {
    const s = scene([note('a', { x: 0, y: 0 })]);
    const row = (topic: string, i: number): PlannedNote => ({
      text: `${topic} ${i}`,
      color: null,
      topic,
      author: '',
      organisation: '',
    });
    const planned = ['Liikenne', 'Ilmasto', 'Nuoret', 'Kirjastot', 'Asuminen'].flatMap((topic) =>
      Array.from({ length: 6 }, (_, i) => row(topic, i)),
    );
    // Asked for at the topic's frame: the five topics land beside everything instead.
    const doc = new Y.Doc();
    importNotes(doc, planned, importSpot(s, planned, { x: 400, y: -100 }), { id: 'f', name: 'F' });
    const { notes, clusters } = readBoard(doc);
    expect(clusters).toHaveLength(5);
    for (const made of [...notes, ...clusters]) {
      for (const taken of occupied(s)) expect(overlaps(made, taken), made.id).toBe(false);
    }
  });
});
