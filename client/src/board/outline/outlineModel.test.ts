import { describe, expect, it } from 'vitest';
import { note } from '../canvas/testNotes';
import { buildOutline, noteChanges, readingOrder } from './outlineModel';

describe('the outline model', () => {
  it('reads notes row by row, left to right, as a reader would', () => {
    const order = readingOrder([
      note('c', { x: 0, y: 300 }),
      note('b', { x: 400, y: 10 }),
      note('a', { x: 0, y: 0 }),
    ]).map((n) => n.id);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('puts notes under their topic in member order, in their cell, or among the loose ones', () => {
    const outline = buildOutline({
      notes: [
        note('m2', { cluster: 'k', clusterOrder: 'b' }),
        note('m1', { cluster: 'k', clusterOrder: 'a' }),
        note('cell', { cell: { lane: 'l', period: 'p' } }),
        note('loose'),
      ],
      clusters: [{ id: 'k', title: 'Topic', x: 0, y: 0 } as never],
      roadmap: { lanes: [], periods: [] },
      votes: [],
      threads: [],
    });
    expect(outline.topics[0]?.notes.map((n) => n.id)).toEqual(['m1', 'm2']);
    expect(outline.cells.get('l/p')?.map((n) => n.id)).toEqual(['cell']);
    expect(outline.loose.map((n) => n.id)).toEqual(['loose']);
  });

  it("counts others' changes and leaves out this person's own", () => {
    const before = new Map([
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'z'],
    ]);
    const after = new Map([
      ['a', 'x2'],
      ['b', 'y2'],
      ['d', 'new'],
    ]);
    expect(noteChanges(before, after)).toEqual({ added: 1, removed: 1, edited: 2 });
    expect(noteChanges(before, after, new Set(['b', 'd']))).toEqual({
      added: 0,
      removed: 1,
      edited: 1,
    });
  });
});
