import { type NoteView, overlaps } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { note } from '../canvas/testNotes';
import { FreshNotes } from './freshNotes';

function scene(notes: NoteView[]) {
  return {
    placed: notes,
    byId: new Map(notes.map((n) => [n.id, n])),
    clusters: [],
    roadmapLayout: { geometry: null } as never,
  };
}

describe('FreshNotes', () => {
  const mine = note('b', { x: 10, y: 10, createdAt: 1000 });
  const theirs = note('a', { x: 10, y: 10, createdAt: 1200 });

  it('moves my new note off a note someone added on the same spot at the same moment', () => {
    const fresh = new FreshNotes();
    fresh.added('b', { x: 10, y: 10 }, 1000);
    // Before theirs arrives: nothing to do.
    expect(fresh.movesIn(scene([mine]), 1100)).toEqual([]);
    const [move] = fresh.movesIn(scene([mine, theirs]), 1300);
    expect(move?.id).toBe('b');
    expect(overlaps({ ...mine, ...move }, theirs)).toBe(false);
    // Once moved there, it stays.
    const moved = { ...mine, x: move?.x ?? 0, y: move?.y ?? 0 };
    expect(fresh.movesIn(scene([moved, theirs]), 1400)).toEqual([]);
  });

  it('leaves my note where I or anyone put it since, and after a while', () => {
    const dragged = new FreshNotes();
    dragged.added('b', { x: 10, y: 10 }, 1000);
    // Someone dragged it onto the other one: that is where they want it.
    expect(dragged.movesIn(scene([{ ...mine, x: 12 }, theirs]), 1300)).toEqual([]);
    expect(dragged.movesIn(scene([mine, theirs]), 1400)).toEqual([]);
    const late = new FreshNotes();
    late.added('b', { x: 10, y: 10 }, 1000);
    expect(late.movesIn(scene([mine, theirs]), 1000 + 11_000)).toEqual([]);
  });

  it('leaves the first note of a stack where it is', () => {
    const fresh = new FreshNotes();
    fresh.added('a', { x: 10, y: 10 }, 1200);
    expect(fresh.movesIn(scene([mine, theirs]), 1300)).toEqual([]);
  });
});
