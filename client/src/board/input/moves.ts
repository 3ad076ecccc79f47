import { dropNotes, moveCluster } from '@paja/shared';
import type { BoardSession } from '../session/BoardSession';
import type { Scene } from '../stage/useScene';
import { planDrop } from './drop';

/** What I am moving right now (a drag or a nudge), drawn at its offset. */
export interface LocalMove {
  ids: ReadonlySet<string>;
  dx: number;
  dy: number;
  /** Set when a cluster is being moved (its frame moves with the notes). */
  cluster: string | null;
}

/** A nudge with the arrow keys is written this long after the last key press: once. */
export const NUDGE_WRITE_DELAY_MS = 400;
/** Up to this many dragged notes come to the front; a large group keeps its stacking order. */
const TO_FRONT_MAX = 20;

/**
 * Writes a finished move: a cluster with its notes, or a drop of notes, which also decides
 * their cluster membership and roadmap placement (drop.ts) and brings them to the front. One
 * transaction (shared's dropNotes), so one update for the others and one undo step: every
 * overwrite of a position stays in the document as a struct (bench/RESULTS.md, "Board size
 * and load time"), so a move is written once, at its end, never per frame.
 */
export function writeMove(
  session: BoardSession,
  scene: Scene,
  done: LocalMove,
  dx: number,
  dy: number,
): void {
  const rx = Math.round(dx);
  const ry = Math.round(dy);
  if (rx === 0 && ry === 0) return;
  const { doc, brainstorm } = session;
  // Private notes (the brainstorm's overlay) only change place: no cluster, cell or stacking.
  const privateMoves = [...done.ids]
    .filter((id) => brainstorm.isPrivate(id))
    .flatMap((id) => scene.byId.get(id) ?? [])
    .map((n) => ({ id: n.id, x: n.x + rx, y: n.y + ry }));
  if (privateMoves.length > 0) brainstorm.ops.move(privateMoves);
  const moved = [...done.ids]
    .filter((id) => !brainstorm.isPrivate(id))
    .flatMap((id) => scene.byId.get(id) ?? []);
  if (moved.length === 0 && done.cluster === null) return;
  session.act(() => {
    if (done.cluster !== null) {
      const cluster = scene.clusters.find((c) => c.id === done.cluster);
      if (cluster) moveCluster(doc, cluster.id, cluster.x + rx, cluster.y + ry);
      return;
    }
    const dropped = moved.map((n) => ({ ...n, x: n.x + rx, y: n.y + ry }));
    const plan = planDrop(dropped, scene.clusters, scene.roadmapLayout.geometry);
    const toFront = moved.length <= TO_FRONT_MAX ? moved.map((n) => n.id) : [];
    dropNotes(doc, { ...plan, toFront });
  });
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

  /** Starts moving `ids` (a cluster's members when `cluster` is set); false: nothing to move. */
  start(ids: Iterable<string>, cluster: string | null): boolean {
    // Locked notes stay where they are (the operations skip them too), and so do notes this
    // person may not move now (the server would refuse the whole drop).
    const movable = [...ids].filter((id) => this.#host.movable(id));
    if (movable.length === 0 && cluster === null) return false;
    this.#host.show({ ids: new Set(movable), dx: 0, dy: 0, cluster });
    return true;
  }

  update(dx: number, dy: number): void {
    const now = this.#host.current();
    if (now) this.#host.show({ ...now, dx, dy });
  }

  end(dx: number, dy: number, cancelled: boolean): void {
    const now = this.#host.current();
    if (now && !cancelled) this.#host.commit(now, dx, dy);
    this.#host.show(null);
  }

  /** Arrow keys: the offset grows while keys are pressed and is written once they stop. */
  nudge(ids: Iterable<string>, dx: number, dy: number): void {
    if (!this.#nudging) {
      if (this.#host.current() || !this.start(ids, null)) return;
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
