import { moveNotes, type PlacedNote, unstackedSpot } from '@paja/shared';
import type * as Y from 'yjs';
import type { Bounds, Point } from '../canvas/viewport';
import type { Scene } from '../stage/useScene';
import { occupied } from './placement';

/** How long after it was added a note of mine may still be moved off a stack. */
const FRESH_MS = 10_000;
/** A note moves off a stack at most this often (each time the board looked different). */
const MAX_MOVES = 3;

/**
 * The origin of those moves: not an undo step of the person's (undoing "add note" takes the
 * note away, wherever it went), but a change of theirs like any other, saved and sent.
 */
const UNSTACK_ORIGIN: unique symbol = Symbol('paja.unstack');

interface Fresh {
  /** Where the note was put: a note moved since (by its person, or anyone) is left alone. */
  x: number;
  y: number;
  until: number;
  moves: number;
}

/**
 * The notes this person has just added to the board, and their way off a stack: when several
 * people click "add note" at the same moment with the same view, each client finds the same
 * free spot, and the notes land on top of each other. Once the others' notes arrive, each
 * client moves its own note to where shared's `unstackedSpot` says, and they all agree.
 * One per board controller.
 */
export class FreshNotes {
  readonly #fresh = new Map<string, Fresh>();

  /** This person put note `id` at `at` (top-left corner) just now. */
  added(id: string, at: Point, now = Date.now()): void {
    this.#fresh.set(id, { x: at.x, y: at.y, until: now + FRESH_MS, moves: 0 });
  }

  /** The moves that take this person's new notes off stacks in `scene`; none most times. */
  movesIn(scene: Pick<Scene, 'placed' | 'byId' | 'clusters' | 'roadmapLayout'>, now = Date.now()) {
    const moves: Array<{ id: string; x: number; y: number }> = [];
    if (this.#fresh.size === 0) return moves;
    let others: Bounds[] | null = null;
    for (const [id, fresh] of this.#fresh) {
      const note = scene.byId.get(id);
      const putAside = note && (note.x !== fresh.x || note.y !== fresh.y);
      if (!note || putAside || now > fresh.until || note.cluster || note.cell || note.locked) {
        this.#fresh.delete(id);
        continue;
      }
      // Cluster frames and the roadmap: the notes are the stack's to sort out.
      others ??= occupied({ ...scene, placed: [] });
      const spot = unstackedSpot(note, scene.placed as readonly PlacedNote[], others);
      if (!spot) continue;
      fresh.x = spot.x;
      fresh.y = spot.y;
      if (++fresh.moves >= MAX_MOVES) this.#fresh.delete(id);
      moves.push({ id, ...spot });
    }
    return moves;
  }
}

/** Writes `moves` as this person's change, outside their undo history. */
export function writeUnstack(
  doc: Y.Doc,
  moves: ReadonlyArray<{ id: string; x: number; y: number }>,
) {
  doc.transact(() => moveNotes(doc, moves), UNSTACK_ORIGIN);
}
