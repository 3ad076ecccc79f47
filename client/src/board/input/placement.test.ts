import { describe, expect, it } from 'vitest';
import { placeNewNote } from './placement';

describe('placeNewNote', () => {
  it('centres the note on the point', () => {
    expect(placeNewNote({ x: 100, y: 100 }, [], 160)).toEqual({ x: 20, y: 20 });
  });

  it('steps aside from notes already in the same spot', () => {
    expect(
      placeNewNote(
        { x: 100, y: 100 },
        [
          { x: 20, y: 20 },
          { x: 44, y: 44 },
        ],
        160,
      ),
    ).toEqual({
      x: 68,
      y: 68,
    });
  });
});
