import type { ClusterView, DropPlan, RoadmapCell } from '@paja/shared';
import { clusterAt } from '../canvas/clusterGeometry';
import { centerOf } from '../canvas/geometry';
import { cellAt, cellKey, type RoadmapGeometry } from '../canvas/roadmapLayout';
import type { Bounds } from '../canvas/viewport';

export interface DroppedNote extends Bounds {
  id: string;
  cluster: string | null;
  cell: RoadmapCell | null;
}

/**
 * What a drop of notes means, decided by where each note's centre lands: in a roadmap cell it
 * is placed there (and leaves its cluster: its slot is in the roadmap now); elsewhere it leaves
 * the roadmap, joins the open cluster whose frame holds it, or leaves the cluster it was in.
 * `carried` is set when the notes move with their cluster: membership then stays.
 */
export function planDrop(
  dropped: readonly DroppedNote[],
  clusters: readonly ClusterView[],
  roadmap: RoadmapGeometry | null,
  carried = false,
): DropPlan {
  const plan: DropPlan = { moves: [], place: [], unplace: [], join: [], leave: [] };
  const places = new Map<string, { cell: RoadmapCell; ids: string[] }>();
  const joins = new Map<string, string[]>();
  for (const note of dropped) {
    plan.moves.push({ id: note.id, x: note.x, y: note.y });
    if (carried) continue;
    const center = centerOf(note);
    const cell = cellAt(roadmap, center);
    if (cell) {
      const key = cellKey(cell);
      const entry = places.get(key) ?? { cell, ids: [] };
      entry.ids.push(note.id);
      places.set(key, entry);
      if (note.cluster !== null) plan.leave.push(note.id);
      continue;
    }
    if (note.cell) plan.unplace.push(note.id);
    const target = clusterAt(clusters, center);
    if (target && target.id !== note.cluster) {
      joins.set(target.id, [...(joins.get(target.id) ?? []), note.id]);
    } else if (!target && note.cluster !== null) {
      plan.leave.push(note.id);
    }
  }
  plan.place = [...places.values()];
  plan.join = [...joins].map(([cluster, ids]) => ({ cluster, ids }));
  return plan;
}
