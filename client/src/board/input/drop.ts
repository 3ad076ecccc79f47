import { CLUSTER_HEADER, type ClusterView, type DropPlan, type RoadmapCell } from '@paja/shared';
import { clusterAt } from '../canvas/clusterGeometry';
import { cellAt, type RoadmapGeometry } from '../canvas/roadmapLayout';
import type { Bounds, Point } from '../canvas/viewport';
import type { DropTarget } from './authority';
import { slotsInFrame } from './moveTo';

export interface DroppedNote extends Bounds {
  id: string;
  cluster: string | null;
  cell: RoadmapCell | null;
}

/**
 * What is under the pointer where a drag of notes ends: an open cluster's frame (drawn over
 * the roadmap, so it wins), a roadmap cell, or nothing.
 */
export function dropTargetAt(
  pointer: Point,
  clusters: readonly ClusterView[],
  roadmap: RoadmapGeometry | null,
): DropTarget {
  const cluster = clusterAt(clusters, pointer);
  if (cluster) return { kind: 'cluster', id: cluster.id };
  const cell = cellAt(roadmap, pointer);
  return cell ? { kind: 'cell', cell } : { kind: 'none' };
}

/**
 * What a drop of notes means, decided by one point: where the pointer is released, not where
 * each note's centre lands. Moving a group "out of the way" across a roadmap or past clusters
 * therefore files nothing it happens to cover; dropping it with the pointer on a cluster or a
 * cell files the whole group there.
 *
 * - On a cluster: every note joins it (and leaves the roadmap).
 * - On a cell: every note is placed there (and leaves its cluster).
 * - On nothing: the notes leave their cluster and the roadmap (they are somewhere else now).
 * - `target` null (a nudge with the keys, or notes carried by their cluster): they only move.
 */
export function planDrop(dropped: readonly DroppedNote[], target: DropTarget | null): DropPlan {
  const plan: DropPlan = { moves: [], place: [], unplace: [], join: [], leave: [] };
  const place: string[] = [];
  const join: string[] = [];
  for (const note of dropped) {
    plan.moves.push({ id: note.id, x: note.x, y: note.y });
    if (target === null) continue;
    switch (target.kind) {
      case 'cell':
        if (!sameCell(note.cell, target.cell)) place.push(note.id);
        if (note.cluster !== null) plan.leave.push(note.id);
        break;
      case 'cluster':
        if (note.cluster !== target.id) join.push(note.id);
        if (note.cell !== null) plan.unplace.push(note.id);
        break;
      case 'none':
        if (note.cluster !== null) plan.leave.push(note.id);
        if (note.cell !== null) plan.unplace.push(note.id);
        break;
    }
  }
  if (target?.kind === 'cell' && place.length > 0) plan.place = [{ cell: target.cell, ids: place }];
  if (target?.kind === 'cluster' && join.length > 0)
    plan.join = [{ cluster: target.id, ids: join }];
  return plan;
}

/** Notes whose cluster or cell a plan changes. */
export function filedBy(plan: DropPlan): number {
  return new Set([
    ...plan.place.flatMap((p) => p.ids),
    ...plan.join.flatMap((j) => j.ids),
    ...plan.leave,
    ...plan.unplace,
  ]).size;
}

function sameCell(a: RoadmapCell | null, b: RoadmapCell): boolean {
  return a !== null && a.lane === b.lane && a.period === b.period;
}

/** How much of a note dropped into a topic may lie on another before it is moved to room. */
const MOST_COVERED = 0.5;

/**
 * Where notes dropped into a topic `frame` settle: where they were dropped, unless one would
 * cover more than half of a note already there (or of one dropped before it) or stick out of
 * the frame; that one goes to the free slot under the title nearest where it was dropped
 * (slotsInFrame's rows). With `mayGrow` a full frame offers the slots below its last row (the
 * caller grows it, as Move to… does); without, a full frame leaves the note where it was
 * dropped. A note hidden under another is an idea nobody reads.
 */
export function settleInFrame(
  dropped: ReadonlyArray<Bounds & { id: string }>,
  frame: Bounds,
  members: readonly Bounds[],
  mayGrow = false,
): Array<{ id: string; x: number; y: number }> {
  const taken: Bounds[] = [...members];
  return dropped.map((note) => {
    const inside =
      note.x >= frame.x &&
      note.y >= frame.y + CLUSTER_HEADER &&
      note.x + note.w <= frame.x + frame.w &&
      note.y + note.h <= frame.y + frame.h;
    const covers = taken.some((box) => overlapArea(note, box) > MOST_COVERED * box.w * box.h);
    let at = { x: note.x, y: note.y };
    if (!inside || covers) {
      const size = { w: note.w, h: note.h };
      const free = slotsInFrame(frame, taken, taken.length + 1, size).filter(
        (slot) => mayGrow || slot.y + note.h <= frame.y + frame.h,
      );
      const nearest = free.sort(
        (a, b) => Math.hypot(a.x - note.x, a.y - note.y) - Math.hypot(b.x - note.x, b.y - note.y),
      )[0];
      if (nearest) at = nearest;
    }
    taken.push({ ...at, w: note.w, h: note.h });
    return { id: note.id, ...at };
  });
}

function overlapArea(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
