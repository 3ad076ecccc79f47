import {
  type ClusterView,
  type DropPlan,
  dropNotes,
  moveCluster,
  type NoteView,
  type RefusalReason,
} from '@paja/shared';
import type { Point } from '../canvas/viewport';
import type { BoardSession } from '../session/BoardSession';
import type { Scene } from '../stage/useScene';
import {
  authorityOf,
  type DropTarget,
  decideCluster,
  decideFile,
  decideNote,
  firstRefusal,
  refusalForNotes,
} from './authority';
import type { CommandContext } from './commandTypes';
import { dropTargetAt, filedBy, planDrop } from './drop';

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
/** Up to this many dragged notes come to the front; a large group keeps its stacking order. */
const TO_FRONT_MAX = 20;

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
 * Writes a finished move: a cluster with its notes, or a drop of notes, which also decides
 * their cluster membership and roadmap placement (drop.ts: by where the pointer is released)
 * and brings them to the front. One transaction (shared's dropNotes), so one update for the
 * others and one undo step: every overwrite of a position stays in the document as a struct
 * (bench/RESULTS.md, "Board size and load time"), so a move is written once, at its end,
 * never per frame. A move the board does not allow this person now (a lock or a phase set
 * meanwhile, a locked cluster or cell as the target) writes nothing and says why.
 */
export function writeMove(ctx: CommandContext, done: LocalMove, dx: number, dy: number): void {
  const rx = Math.round(dx);
  const ry = Math.round(dy);
  if (rx === 0 && ry === 0) return;
  const { session } = ctx;
  const { doc, brainstorm } = session;
  const scene = ctx.scene();
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
  const authority = authorityOf(session);
  if (done.cluster !== null) {
    const cluster = scene.clusters.find((c) => c.id === done.cluster);
    if (!cluster) return;
    const refusal =
      firstRefusal([decideCluster(authority, cluster)]) ??
      refusalForNotes(authority, 'moveNote', moved);
    if (refusal) {
      ctx.explain(refusal);
      return;
    }
    session.act(() => moveCluster(doc, cluster.id, cluster.x + rx, cluster.y + ry));
    return;
  }
  const target = moveTarget(scene, done, dx, dy);
  const dropped = moved.map((n) => ({ ...n, x: n.x + rx, y: n.y + ry }));
  const plan = planDrop(dropped, target);
  const filed = new Set([...plan.leave, ...plan.unplace, ...plan.place.flatMap((p) => p.ids)]);
  for (const join of plan.join) for (const id of join.ids) filed.add(id);
  const refusal =
    refusalForNotes(authority, 'moveNote', moved) ??
    firstRefusal(
      moved
        .filter((n) => filed.has(n.id))
        .map((n) => decideFile(authority, n, n, target ?? { kind: 'none' })),
    );
  if (refusal) {
    ctx.explain(refusal);
    return;
  }
  const toFront = moved.length <= TO_FRONT_MAX ? moved.map((n) => n.id) : [];
  session.act(() => dropNotes(doc, { ...plan, toFront }));
  if (target && filedBy(plan) > 0)
    ctx.notify({ tone: 'info', text: whereTheyWent(ctx, plan, target) });
}

/** "3 notes went into the cluster “Mobility”", said after a drop that changed membership. */
function whereTheyWent(ctx: CommandContext, plan: DropPlan, target: DropTarget): string {
  const { t } = ctx;
  const scene = ctx.scene();
  const count = filedBy(plan);
  switch (target.kind) {
    case 'cluster': {
      const cluster = scene.clusters.find((c) => c.id === target.id);
      return t('drop.toCluster', { count, title: cluster?.title || t('cluster.untitled') });
    }
    case 'cell': {
      const geometry = scene.roadmapLayout.geometry;
      const lane = geometry?.lanes.find((l) => l.id === target.cell.lane)?.title;
      const period = geometry?.periods.find((p) => p.id === target.cell.period)?.title;
      const untitled = t('cluster.untitled');
      return t('drop.toCell', { count, lane: lane || untitled, period: period || untitled });
    }
    case 'none':
      return plan.leave.length > 0
        ? t('drop.outOfCluster', { count })
        : t('drop.outOfRoadmap', { count });
  }
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
