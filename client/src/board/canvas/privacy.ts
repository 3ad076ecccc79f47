import type { NoteView } from '@paja/shared';

/**
 * A private brainstorm's note on the canvas: `mine` (only I and maybe facilitators see it) or
 * `others` (a facilitator seeing someone's private note). Carried on the note object itself, so
 * it survives the scene's copies ({ ...note, x }) on the way to the drawing.
 */
export type Privacy = 'mine' | 'others';

type Marked = NoteView & { privacy?: Privacy };

export function privacyOf(note: NoteView): Privacy | undefined {
  return (note as Marked).privacy;
}

/**
 * The board's notes with the private notes drawn on top of them. A private note already on the
 * board (revealed, while the overlay has not heard yet) is drawn once, as the board's.
 */
export function withPrivateNotes(
  board: NoteView[],
  privateNotes: readonly NoteView[],
  isOwn: (id: string) => boolean,
): NoteView[] {
  if (privateNotes.length === 0) return board;
  const onBoard = new Set(board.map((n) => n.id));
  const marked = privateNotes
    .filter((n) => !onBoard.has(n.id))
    .map((n): Marked => ({ ...n, privacy: isOwn(n.id) ? 'mine' : 'others' }));
  return [...board, ...marked];
}
