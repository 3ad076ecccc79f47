import { NOTE_DEFAULT_SIZE } from '@paja/shared';
import type { Point } from '../canvas/viewport';

/** How far each new note steps aside from one already in the same spot. */
export const CASCADE_STEP = 24;

/**
 * The top-left corner for a new default-sized note centred on `center`, stepped diagonally
 * until no note starts exactly there: pressing "add note" three times shows three notes,
 * not one.
 */
export function placeNewNote(
  center: Point,
  taken: ReadonlyArray<{ x: number; y: number }>,
  size = NOTE_DEFAULT_SIZE,
): Point {
  const occupied = new Set(taken.map((note) => `${Math.round(note.x)},${Math.round(note.y)}`));
  let x = Math.round(center.x - size / 2);
  let y = Math.round(center.y - size / 2);
  for (let i = 0; i < 50 && occupied.has(`${x},${y}`); i++) {
    x += CASCADE_STEP;
    y += CASCADE_STEP;
  }
  return { x, y };
}
