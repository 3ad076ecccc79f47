import type { ClusterView, NoteView } from '@paja/shared';
import { clusterBounds, headerBand } from './clusterGeometry';
import { containsPoint } from './geometry';
import { type HeaderHit, headerAt, type RoadmapGeometry } from './roadmapLayout';
import type { Selection } from './selection';
import type { Point } from './viewport';

/**
 * What is under the pointer. The canvas layers do not listen to events (Konva would draw a
 * second, hidden canvas of every shape for its own hit detection, doubling the cost of each
 * frame); instead pointer events go through this one function over plain data.
 */
export type Hit =
  | { kind: 'resize'; id: string }
  | { kind: 'note'; id: string }
  | { kind: 'cluster'; id: string }
  | { kind: 'header'; header: HeaderHit }
  | { kind: 'empty' };

export interface Scene {
  /** Drawn notes, back to front, at their drawn positions. */
  notes: readonly NoteView[];
  clusters: readonly ClusterView[];
  roadmap: RoadmapGeometry | null;
}

/** The resize handle's side on screen, whatever the zoom. */
export const HANDLE_PX = 14;
/** Touch needs a bigger target than a mouse. */
export const HANDLE_TOUCH_PX = 28;

export function hitTest(
  scene: Scene,
  point: Point,
  scale: number,
  selection: Selection,
  handlePx = HANDLE_PX,
): Hit {
  if (selection.size === 1) {
    const [only] = selection;
    const note = scene.notes.find((n) => n.id === only);
    if (note && !note.locked) {
      const handle = handlePx / scale;
      const inHandle =
        point.x >= note.x + note.w - handle &&
        point.x <= note.x + note.w + handle / 3 &&
        point.y >= note.y + note.h - handle &&
        point.y <= note.y + note.h + handle / 3;
      if (inHandle) return { kind: 'resize', id: note.id };
    }
  }
  for (let i = scene.notes.length - 1; i >= 0; i--) {
    const note = scene.notes[i] as NoteView;
    if (containsPoint(note, point)) return { kind: 'note', id: note.id };
  }
  for (let i = scene.clusters.length - 1; i >= 0; i--) {
    const cluster = scene.clusters[i] as ClusterView;
    const grab = cluster.collapsed ? clusterBounds(cluster) : headerBand(cluster);
    if (containsPoint(grab, point)) return { kind: 'cluster', id: cluster.id };
  }
  const header = headerAt(scene.roadmap, point);
  if (header) return { kind: 'header', header };
  return { kind: 'empty' };
}
