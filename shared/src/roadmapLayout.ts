import type { NoteView } from './records/note';
import type { RoadmapCell, RoadmapView } from './records/roadmap';

/** The smallest rectangle around `rects`, or null for none. */
export function boundsOf(rects: ReadonlyArray<LayoutBounds>): LayoutBounds | null {
  if (rects.length === 0) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** A point on the board, in board units. */
export interface LayoutPoint {
  x: number;
  y: number;
}

/** A rectangle on the board, in board units. */
export interface LayoutBounds extends LayoutPoint {
  w: number;
  h: number;
}

/**
 * Where the roadmap grid is drawn and where the notes placed in its cells go. The document
 * holds only lanes, periods and each note's cell; the geometry is derived here, identically
 * on every client, so a reorder of lanes or two people dropping notes into one cell at the
 * same moment still show the notes lined up without anyone writing positions.
 *
 * Shared by the canvas (client) and the exports (server), so an exported board shows the
 * roadmap exactly as the canvas does. The grid's corner is a fixed board point: the document has no place for it (yet).
 */
export const ROADMAP_ORIGIN: LayoutPoint = { x: 0, y: 1400 };
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

export interface RoadmapGeometry extends LayoutBounds {
  lanes: LaneBox[];
  periods: PeriodBox[];
}

export interface RoadmapLayout {
  geometry: RoadmapGeometry | null;
  /** Derived top-left corner of every note placed in a cell. */
  placed: Map<string, LayoutPoint>;
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
): { offsets: LayoutPoint[]; height: number } {
  const offsets: LayoutPoint[] = [];
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
  const placed = new Map<string, LayoutPoint>();
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
    const flows: Array<{ period: PeriodBox; notes: NoteView[]; offsets: LayoutPoint[] }> = [];
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
