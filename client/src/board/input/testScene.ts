import { withMembers } from '@paja/shared';
import { layoutRoadmap, withPlacement } from '../canvas/roadmapLayout';
import type { BoardSession } from '../session/BoardSession';
import type { Scene } from '../stage/useScene';

/**
 * For tests of the controller: what a render would hand it, the scene of the session's
 * document with everything in view.
 */
export function sceneOf(session: BoardSession): Scene {
  const { notes, clusters: entries, roadmap } = session.board.get();
  const clusters = withMembers(entries, notes);
  const roadmapLayout = layoutRoadmap(roadmap, notes);
  const placed = withPlacement(notes, roadmapLayout.placed);
  const byId = new Map(placed.map((n) => [n.id, n]));
  return { clusters, roadmapLayout, placed, shown: placed, byId, culled: placed, detail: 'full' };
}
