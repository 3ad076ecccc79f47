import type { NoteView, RoadmapCell, RoadmapView } from '@paja/shared';
import { containsPoint } from './geometry';
import type { Bounds, Point } from './viewport';

/**
 * Where the roadmap grid is drawn and where the notes placed in its cells go. The document
 * holds only lanes, periods and each note's cell; the geometry is derived here, identically
 * on every client, so a reorder of lanes or two people dropping notes into one cell at the
 * same moment still show the notes lined up without anyone writing positions.
 *
 * The grid's corner is a fixed board point: the document has no place for it (yet).
 */
export const ROADMAP_ORIGIN: Point = { x: 0, y: 1400 };
export const LANE_HEADER_W = 220;
export const PERIOD_HEADER_H = 56;
export const PERIOD_W = 600;
export const MIN_LANE_H = 240;
export const CELL_PAD = 20;
export const CELL_GAP = 16;

export interface LaneBox {
  id: string;
  title: string;
  y: number;
  h: number;
}
export interface PeriodBox {
  id: string;
  title: string;
  x: number;
  w: number;
}

export interface RoadmapGeometry extends Bounds {
  lanes: LaneBox[];
  periods: PeriodBox[];
}

export interface RoadmapLayout {
  geometry: RoadmapGeometry | null;
  /** Derived top-left corner of every note placed in a cell. */
  placed: Map<string, Point>;
}

export function cellKey(cell: RoadmapCell): string {
  return `${cell.lane}\u0000${cell.period}`;
}

/**
 * Reading order inside a cell: by stored position (rows of 40 units, then x, then id). A note
 * dropped into a cell is stored where it was dropped, so it takes the slot nearest that spot.
 */
function compareInCell(a: NoteView, b: NoteView): number {
  const ra = Math.floor(a.y / 40);
  const rb = Math.floor(b.y / 40);
  if (ra !== rb) return ra - rb;
  if (a.x !== b.x) return a.x - b.x;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Packs notes left to right in rows of width `width`; returns offsets and the used height. */
export function flowInCell(
  notes: readonly { w: number; h: number }[],
  width: number,
): { offsets: Point[]; height: number } {
  const offsets: Point[] = [];
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const note of notes) {
    if (x > 0 && x + note.w > width) {
      x = 0;
      y += rowH + CELL_GAP;
      rowH = 0;
    }
    offsets.push({ x, y });
    x += note.w + CELL_GAP;
    rowH = Math.max(rowH, note.h);
  }
  return { offsets, height: notes.length === 0 ? 0 : y + rowH };
}

export function layoutRoadmap(roadmap: RoadmapView, notes: readonly NoteView[]): RoadmapLayout {
  const placed = new Map<string, Point>();
  if (roadmap.lanes.length === 0 && roadmap.periods.length === 0) {
    return { geometry: null, placed };
  }
  const byCell = new Map<string, NoteView[]>();
  for (const note of notes) {
    if (!note.cell) continue;
    const key = cellKey(note.cell);
    const list = byCell.get(key);
    if (list) list.push(note);
    else byCell.set(key, [note]);
  }
  const inner = PERIOD_W - 2 * CELL_PAD;
  const periods: PeriodBox[] = roadmap.periods.map((p, i) => ({
    id: p.id,
    title: p.title,
    x: ROADMAP_ORIGIN.x + LANE_HEADER_W + i * PERIOD_W,
    w: PERIOD_W,
  }));
  const lanes: LaneBox[] = [];
  let y = ROADMAP_ORIGIN.y + PERIOD_HEADER_H;
  for (const lane of roadmap.lanes) {
    let h = MIN_LANE_H;
    const flows: Array<{ period: PeriodBox; notes: NoteView[]; offsets: Point[] }> = [];
    for (const period of periods) {
      const inCell = (byCell.get(cellKey({ lane: lane.id, period: period.id })) ?? []).sort(
        compareInCell,
      );
      if (inCell.length === 0) continue;
      const flow = flowInCell(inCell, inner);
      h = Math.max(h, flow.height + 2 * CELL_PAD);
      flows.push({ period, notes: inCell, offsets: flow.offsets });
    }
    for (const { period, notes: inCell, offsets } of flows) {
      inCell.forEach((note, i) => {
        const offset = offsets[i] ?? { x: 0, y: 0 };
        placed.set(note.id, {
          x: period.x + CELL_PAD + offset.x,
          y: y + CELL_PAD + offset.y,
        });
      });
    }
    lanes.push({ id: lane.id, title: lane.title, y, h });
    y += h;
  }
  const geometry: RoadmapGeometry = {
    x: ROADMAP_ORIGIN.x,
    y: ROADMAP_ORIGIN.y,
    w: LANE_HEADER_W + Math.max(1, periods.length) * PERIOD_W,
    h: y - ROADMAP_ORIGIN.y + (lanes.length === 0 ? MIN_LANE_H : 0),
    lanes,
    periods,
  };
  return { geometry, placed };
}

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
