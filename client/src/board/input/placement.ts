import { findFreeSpot, importBounds, NOTE_DEFAULT_SIZE, type PlannedNote } from '@paja/shared';
import { clusterBounds } from '../canvas/clusterGeometry';
import type { Bounds, Point } from '../canvas/viewport';
import type { Scene } from '../stage/useScene';

/**
 * What new things must not cover: every note where it is drawn, every cluster's frame (or
 * its card when collapsed) and the roadmap's whole grid.
 */
export function occupied(scene: Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>): Bounds[] {
  const boxes: Bounds[] = [...scene.placed, ...scene.clusters.map(clusterBounds)];
  const roadmap = scene.roadmapLayout.geometry;
  if (roadmap) boxes.push(roadmap);
  return boxes;
}

/**
 * The top-left corner for a block of `size` (a new note, a paste) in free space nearest
 * `near` (the view's centre, or where the person double-clicked): never on top of a note, a
 * cluster or the roadmap (shared's findFreeSpot).
 */
export function placeBlock(
  scene: Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>,
  size: { w: number; h: number },
  near: Point,
): Point {
  return findFreeSpot(occupied(scene), size, near);
}

/** The centre of such a block: what shared's paste operations take. */
export function blockCenter(
  scene: Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>,
  size: { w: number; h: number },
  near: Point,
): Point {
  const spot = placeBlock(scene, size, near);
  return { x: spot.x + size.w / 2, y: spot.y + size.h / 2 };
}

/**
 * A new default-sized note near `near`, and out of `covered` too (the board under the toolbar
 * and the search bar: a note put there could not be seen).
 */
export function placeNewNote(
  scene: Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>,
  near: Point,
  covered: readonly Bounds[] = [],
): Point {
  const size = { w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE };
  return findFreeSpot([...occupied(scene), ...covered], size, near);
}

/**
 * Where to import planned notes (a spreadsheet's rows) so that their topics and notes land in
 * free space nearest `near`: the `at` that importNotes takes. Topics laid out side by side are
 * wider than a grid of the same notes, so the block is measured as it will be written.
 */
export function importSpot(
  scene: Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>,
  notes: readonly PlannedNote[],
  near: Point,
): Point {
  const block = importBounds(notes, near);
  if (!block) return near;
  const spot = placeBlock(scene, { w: block.w, h: block.h }, near);
  return { x: near.x + spot.x - block.x, y: near.y + spot.y - block.y };
}
