import type { ClusterView, NoteView, RefusalReason } from '@paja/shared';
import type { Point } from '../canvas/viewport';
import type { BoardSession } from '../session/BoardSession';
import type { Scene } from '../stage/useScene';
import {
  authorityOf,
  type DropTarget,
  decideCluster,
  decideNote,
  firstRefusal,
  refusalForNotes,
} from './authority';
import { dropTargetAt } from './drop';

/** What I am moving right now (a drag or a nudge), drawn at its offset. */
export interface LocalMove {
  ids: ReadonlySet<string>;
  dx: number;
  dy: number;
  /** Set when a cluster is being moved (its frame moves with the notes). */
  cluster: string | null;
  /**
   * Where the pointer took hold (board units); null for a nudge with the keys. The drop target
   * is under `grab` + the offset: where the pointer is released.
   */
  grab: Point | null;
}

/** A nudge with the arrow keys is written this long after the last key press: once. */
export const NUDGE_WRITE_DELAY_MS = 400;

/**
 * Where a move of notes by (dx, dy) would file them: under the pointer, where it is released
 * (null: a nudge with the keys, or a cluster carrying its notes).
 */
export function moveTarget(
  scene: Pick<Scene, 'clusters' | 'roadmapLayout'>,
  move: LocalMove,
  dx = move.dx,
  dy = move.dy,
): DropTarget | null {
  if (move.grab === null || move.cluster !== null) return null;
  const pointer = { x: move.grab.x + dx, y: move.grab.y + dy };
  return dropTargetAt(pointer, scene.clusters, scene.roadmapLayout.geometry);
}

/**
 * Which of `ids` this person may move now, and why the others stay: locked notes stay for
 * everyone (the operations skip them), others' notes while moving them is closed. A cluster
 * moves whole or not at all.
 */
export function movableNotes(
  session: BoardSession,
  byId: ReadonlyMap<string, NoteView>,
  ids: Iterable<string>,
  cluster: ClusterView | null,
): { ids: string[]; refusal: RefusalReason | null } {
  const authority = authorityOf(session);
  const notes = [...ids].flatMap((id) => byId.get(id) ?? []);
  if (cluster) {
    const refusal =
      firstRefusal([decideCluster(authority, cluster)]) ??
      refusalForNotes(authority, 'moveNote', notes);
    return { ids: refusal ? [] : notes.map((n) => n.id), refusal };
  }
  let refusal: RefusalReason | null = null;
  const allowed: string[] = [];
  for (const note of notes) {
    const decision = decideNote(authority, 'moveNote', note);
    if (note.locked) refusal ??= 'locked';
    else if (!decision.allowed) refusal ??= decision.reason;
    else allowed.push(note.id);
  }
  return { ids: allowed, refusal };
}

/** What the moves need from the canvas controller. */
export interface MoveHost {
  current(): LocalMove | null;
  /** Shows the move (null: none) here and to the others (presence). */
  show(move: LocalMove | null): void;
  /** The note exists and this person may move it (shared's permission table). */
  movable(id: string): boolean;
  /** Writes a finished move (the `move` command). */
  commit(move: LocalMove, dx: number, dy: number): void;
}

/**
 * Moving notes and clusters. While a move lasts it is local state, shown to others through
 * presence (an id list and an offset); the document gets it once, at the end.
 */
export class Moves {
  readonly #host: MoveHost;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #nudging = false;

  constructor(host: MoveHost) {
    this.#host = host;
  }

  /**
   * Starts moving `ids` (a cluster's members when `cluster` is set), held by the pointer at
   * `grab` (null: the keys); false: nothing to move. Locked notes stay where they are (the
   * operations skip them too), and so do notes this person may not move now (the server would
   * refuse the whole drop).
   */
  start(ids: Iterable<string>, cluster: string | null, grab: Point | null): boolean {
    const movable = [...ids].filter((id) => this.#host.movable(id));
    if (movable.length === 0 && cluster === null) return false;
    this.#host.show({ ids: new Set(movable), dx: 0, dy: 0, cluster, grab });
    return true;
  }

  update(dx: number, dy: number): void {
    const now = this.#host.current();
    if (now) this.#host.show({ ...now, dx, dy });
  }

  /** Moves the move in progress (null: none) by (dx, dy) more: the keys' move mode. */
  by(dx: number, dy: number): LocalMove | null {
    const now = this.#host.current();
    if (!now) return null;
    const next = { ...now, dx: now.dx + dx, dy: now.dy + dy };
    this.#host.show(next);
    return next;
  }

  end(dx: number, dy: number, cancelled: boolean): void {
    const now = this.#host.current();
    if (now && !cancelled) this.#host.commit(now, dx, dy);
    this.#host.show(null);
  }

  /** Arrow keys: the offset grows while keys are pressed and is written once they stop. */
  nudge(ids: Iterable<string>, dx: number, dy: number): void {
    if (!this.#nudging) {
      if (this.#host.current() || !this.start(ids, null, null)) return;
      this.#nudging = true;
    }
    const now = this.#host.current();
    if (now) this.#host.show({ ...now, dx: now.dx + dx, dy: now.dy + dy });
    this.#clearTimer();
    this.#timer = setTimeout(() => this.endNudge(), NUDGE_WRITE_DELAY_MS);
  }

  endNudge(): void {
    this.#clearTimer();
    if (!this.#nudging) return;
    this.#nudging = false;
    const now = this.#host.current();
    if (now) this.end(now.dx, now.dy, false);
  }

  destroy(): void {
    this.#clearTimer();
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
