import {
  LANE_HEADER_W,
  type NoteView,
  PERIOD_HEADER_H,
  type RoadmapCell,
  type RoadmapGeometry,
} from '@paja/shared';
import { containsPoint } from './geometry';

// The layout itself is shared with the server's exports; the hit tests below are the canvas's.
export {
  CELL_GAP,
  CELL_PAD,
  cellKey,
  flowInCell,
  LANE_HEADER_W,
  type LaneBox,
  layoutRoadmap,
  MIN_LANE_H,
  PERIOD_HEADER_H,
  PERIOD_W,
  type PeriodBox,
  ROADMAP_ORIGIN,
  type RoadmapGeometry,
  type RoadmapLayout,
} from '@paja/shared';

import type { Bounds, Point } from './viewport';

/** The cell under a board point, or null (headers and outside are no cell). */
export function cellAt(geometry: RoadmapGeometry | null, point: Point): RoadmapCell | null {
  if (!geometry) return null;
  const lane = geometry.lanes.find((l) => point.y >= l.y && point.y < l.y + l.h);
  const period = geometry.periods.find((p) => point.x >= p.x && point.x < p.x + p.w);
  return lane && period ? { lane: lane.id, period: period.id } : null;
}

export type HeaderHit = { axis: 'lane' | 'period'; id: string };

export function headerAt(geometry: RoadmapGeometry | null, point: Point): HeaderHit | null {
  if (!geometry || !containsPoint(geometry, point)) return null;
  if (point.y < geometry.y + PERIOD_HEADER_H) {
    const period = geometry.periods.find((p) => point.x >= p.x && point.x < p.x + p.w);
    return period ? { axis: 'period', id: period.id } : null;
  }
  if (point.x < geometry.x + LANE_HEADER_W) {
    const lane = geometry.lanes.find((l) => point.y >= l.y && point.y < l.y + l.h);
    return lane ? { axis: 'lane', id: lane.id } : null;
  }
  return null;
}

export function headerBounds(geometry: RoadmapGeometry, hit: HeaderHit): Bounds | null {
  if (hit.axis === 'period') {
    const p = geometry.periods.find((item) => item.id === hit.id);
    return p ? { x: p.x, y: geometry.y, w: p.w, h: PERIOD_HEADER_H } : null;
  }
  const l = geometry.lanes.find((item) => item.id === hit.id);
  return l ? { x: geometry.x, y: l.y, w: LANE_HEADER_W, h: l.h } : null;
}

/**
 * Notes with their drawn position: a note in a roadmap cell is drawn at its slot. The same
 * object comes back for a note whose position did not change, so memoised shapes stay put;
 * a moved one gets a fresh object, cached per note object so panning does not create more.
 */
const placedCache = new WeakMap<NoteView, NoteView>();
export function withPlacement(
  notes: readonly NoteView[],
  placed: ReadonlyMap<string, Point>,
): NoteView[] {
  if (placed.size === 0) return notes as NoteView[];
  return notes.map((note) => {
    const at = placed.get(note.id);
    if (!at || (at.x === note.x && at.y === note.y)) return note;
    const cached = placedCache.get(note);
    if (cached && cached.x === at.x && cached.y === at.y) return cached;
    const moved = { ...note, x: at.x, y: at.y };
    placedCache.set(note, moved);
    return moved;
  });
}
