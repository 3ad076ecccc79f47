import { type ClusterView, type NoteView, withMembers } from '@paja/shared';
import { useMemo, useRef } from 'react';
import { hiddenMembers } from '../canvas/clusterGeometry';
import { cull, type Detail, levelOfDetail, nextCullArea } from '../canvas/culling';
import { readingOrder } from '../canvas/keyboardNav';
import { layoutRoadmap, type RoadmapLayout, withPlacement } from '../canvas/roadmapLayout';
import type { Bounds, Size, Viewport } from '../canvas/viewport';
import type { PeerActivity } from '../presence/presence';
import type { BoardSnapshot } from '../session/BoardSession';

export interface Scene {
  clusters: ClusterView[];
  roadmapLayout: RoadmapLayout;
  /** Every note at its drawn position (roadmap slots applied), collapsed members included. */
  placed: NoteView[];
  /** The notes that are drawn: placed, minus members of collapsed clusters, plus others' drags. */
  shown: NoteView[];
  byId: ReadonlyMap<string, NoteView>;
  /** The shown notes in and around the view. */
  culled: NoteView[];
  detail: Detail;
}

/**
 * What the canvas draws, derived from the document (notes, clusters, roadmap), other people's
 * drags in progress and the view. Every step is memoised on its inputs, so a pan that stays
 * within the cull area (culling.ts) recomputes nothing but the level of detail.
 */
export function useScene(
  notes: NoteView[],
  extras: Pick<BoardSnapshot, 'clusters' | 'roadmap'>,
  peers: readonly PeerActivity[],
  viewport: Viewport,
  size: Size,
): Scene {
  const clusters = useMemo(() => withMembers(extras.clusters, notes), [extras.clusters, notes]);
  const roadmapLayout = useMemo(
    () => layoutRoadmap(extras.roadmap, notes),
    [extras.roadmap, notes],
  );
  const placed = useMemo(
    () => withPlacement(notes, roadmapLayout.placed),
    [notes, roadmapLayout.placed],
  );
  // Others' group drags: their notes follow them live (awareness), the document gets the drop.
  const shown = useMemo(() => {
    const hidden = hiddenMembers(clusters);
    const offsets = new Map<string, { dx: number; dy: number }>();
    for (const peer of peers) {
      if (!peer.moving) continue;
      for (const id of peer.moving.ids) offsets.set(id, peer.moving);
    }
    if (hidden.size === 0 && offsets.size === 0) return placed;
    const result: NoteView[] = [];
    for (const note of placed) {
      if (hidden.has(note.id)) continue;
      const offset = offsets.get(note.id);
      result.push(offset ? { ...note, x: note.x + offset.dx, y: note.y + offset.dy } : note);
    }
    return result;
  }, [placed, clusters, peers]);
  const byId = useMemo(() => new Map(shown.map((n) => [n.id, n])), [shown]);

  const cullArea = useRef<Bounds | null>(null);
  const area = nextCullArea(cullArea.current, viewport, size);
  cullArea.current = area;
  const culled = useMemo(() => cull(shown, area), [shown, area]);
  const detail = levelOfDetail(viewport.scale, culled.length);
  return { clusters, roadmapLayout, placed, shown, byId, culled, detail };
}

const orders = new WeakMap<Scene, NoteView[]>();

/** The drawn notes in reading order (canvas/keyboardNav.ts), worked out once per scene. */
export function sceneOrder(scene: Scene): NoteView[] {
  let order = orders.get(scene);
  if (!order) {
    order = readingOrder(scene.shown, scene.clusters, scene.roadmapLayout.geometry);
    orders.set(scene, order);
  }
  return order;
}
