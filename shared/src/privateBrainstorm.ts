import type * as Y from 'yjs';
import { newId } from './ids';
import { createNote, readNotes } from './notes';
import type { PrivateNote } from './protocol/privateNotes';
import { transact } from './roots';

/*
 * The private brainstorm's one write into the document: the reveal. Pure over a Y.Doc, so the
 * server runs it inside one server transaction and the tests run it alone.
 */

export interface RevealOptions {
  /** Leave out who wrote each note (id, name and organisation). */
  hideAuthors: boolean;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Space kept between a moved note and what it was moved away from. */
const GAP = 16;
/** How many rings of candidate spots are tried around a note's own place before giving up. */
const MAX_RINGS = 40;

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where a note of `rect`'s size goes: its own place if nothing in `taken` overlaps it, else the
 * nearest free spot on rings of growing distance around it (a step is one note plus a gap), so
 * a note lands next to where its author put it, not across the board. After MAX_RINGS rings
 * (a very crowded board) its own place is kept: overlapping is better than lost.
 */
export function freeSpot(rect: Rect, taken: readonly Rect[]): { x: number; y: number } {
  const free = (x: number, y: number) => !taken.some((t) => overlaps({ ...rect, x, y }, t));
  if (free(rect.x, rect.y)) return { x: rect.x, y: rect.y };
  const sx = rect.w + GAP;
  const sy = rect.h + GAP;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    // The ring's cells, nearest first: right, below, left, above before the corners.
    const cells: Array<[number, number]> = [];
    for (let i = -ring; i <= ring; i++) {
      cells.push([ring, i], [i, ring], [-ring, i], [i, -ring]);
    }
    cells.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
    for (const [cx, cy] of cells) {
      const x = rect.x + cx * sx;
      const y = rect.y + cy * sy;
      if (free(x, y)) return { x, y };
    }
  }
  return { x: rect.x, y: rect.y };
}

/**
 * Writes every private note into the document in one transaction: one update for everyone,
 * one step in history. Each note goes where its author put it, or to the nearest free spot if
 * it would overlap a note already on the board or one revealed before it (older first, so the
 * first to write a spot keeps it). A note keeps its id unless the board already has that id.
 * Returns the ids written, in order.
 */
export function revealPrivateNotes(
  doc: Y.Doc,
  notes: readonly PrivateNote[],
  options: RevealOptions,
  now: number = Date.now(),
): string[] {
  const ordered = [...notes].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const onBoard = readNotes(doc);
  const taken: Rect[] = onBoard.map(({ x, y, w, h }) => ({ x, y, w, h }));
  const existing = new Set(onBoard.map((n) => n.id));
  const written: string[] = [];
  transact(doc, () => {
    for (const note of ordered) {
      const spot = freeSpot(note, taken);
      taken.push({ ...spot, w: note.w, h: note.h });
      const id = existing.has(note.id) ? newId() : note.id;
      existing.add(id);
      const organisation = options.hideAuthors ? undefined : (note.organisation ?? undefined);
      createNote(doc, {
        id,
        ...spot,
        w: note.w,
        h: note.h,
        color: note.color,
        text: note.text,
        authorId: options.hideAuthors ? '' : note.authorId,
        authorName: options.hideAuthors ? '' : note.authorName,
        ...(organisation ? { organisation } : {}),
        now: Math.min(note.createdAt, now),
      });
      written.push(id);
    }
  });
  return written;
}
