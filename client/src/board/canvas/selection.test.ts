import { describe, expect, it } from 'vitest';
import { rectFromCorners } from './geometry';
import {
  clickSelect,
  marqueeSelect,
  pruneSelection,
  selectAll,
  selectionBounds,
} from './selection';
import { note } from './testNotes';

describe('clickSelect', () => {
  it('selects the clicked note alone', () => {
    expect([...clickSelect(new Set(['a', 'b']), 'c', false)]).toEqual(['c']);
  });
  it('keeps the group when a selected note is clicked, so a drag moves them all', () => {
    const group = new Set(['a', 'b']);
    expect(clickSelect(group, 'a', false)).toBe(group);
  });
  it('toggles with shift', () => {
    expect([...clickSelect(new Set(['a']), 'b', true)].sort()).toEqual(['a', 'b']);
    expect([...clickSelect(new Set(['a', 'b']), 'a', true)]).toEqual(['b']);
  });
});

describe('marqueeSelect', () => {
  const notes = [
    note('a', { x: 0, y: 0 }),
    note('b', { x: 200, y: 0 }),
    note('c', { x: 500, y: 500 }),
  ];
  it('selects notes the rectangle touches, drawn in any direction', () => {
    const rect = rectFromCorners({ x: 250, y: 50 }, { x: 50, y: 10 });
    expect([...marqueeSelect(notes, rect, new Set(), false)].sort()).toEqual(['a', 'b']);
  });
  it('adds to the earlier selection with shift', () => {
    const rect = rectFromCorners({ x: 510, y: 510 }, { x: 520, y: 520 });
    expect([...marqueeSelect(notes, rect, new Set(['a']), true)].sort()).toEqual(['a', 'c']);
    expect([...marqueeSelect(notes, rect, new Set(['a']), false)]).toEqual(['c']);
  });
  it('selects nothing on empty space', () => {
    expect(marqueeSelect(notes, { x: 1000, y: 1000, w: 5, h: 5 }, new Set(), false).size).toBe(0);
  });
});

describe('selection helpers', () => {
  it('select all, prune deleted ids (same object when nothing changed), bounds', () => {
    const notes = [note('a', { x: 10, y: 20 }), note('b', { x: 300, y: 40, w: 50, h: 60 })];
    const all = selectAll(notes);
    expect(all.size).toBe(2);
    expect(pruneSelection(all, () => true)).toBe(all);
    expect([...pruneSelection(all, (id) => id === 'b')]).toEqual(['b']);
    expect(selectionBounds(notes, all)).toEqual({ x: 10, y: 20, w: 340, h: 100 });
    expect(selectionBounds(notes, new Set())).toBeNull();
  });
});
