import type { ClusterView, NoteView } from '@paja/shared';
import { centerOf } from './geometry';
import type { RoadmapGeometry } from './roadmapLayout';
import type { Bounds, Size, Viewport } from './viewport';

/*
 * Moving between notes with the keyboard, over plain data: the order Tab follows (the board
 * read like a page, a topic or the roadmap at a time) and the note an arrow key goes to (the
 * nearest one that way). The canvas's keys (input/noteKeys.ts) use them; the screen-reader list
 * of notes is in the same order, so what a reader hears and where Tab goes agree.
 */

/** Items whose tops lie within one band of this height (board units) are one line. */
const LINE = 120;

interface Block {
  x: number;
  y: number;
  notes: NoteView[];
}

const byLine = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.floor(a.y / LINE) - Math.floor(b.y / LINE) || a.x - b.x;

/** Things with a place on the board (topics' frames, say), in the order they are read. */
export function byReading<T extends { x: number; y: number; id: string }>(
  items: readonly T[],
): T[] {
  return [...items].sort((a, b) => byLine(a, b) || a.id.localeCompare(b.id));
}

/**
 * The notes in reading order: the board is read top to bottom in lines, left to right; an open
 * topic (cluster) is read whole where its frame is, its notes in the topic's own order; the
 * roadmap is read whole where its grid is, theme by theme and period by period. A note in a
 * topic counts as the topic's even when it also sits on the roadmap. Deterministic: ties are
 * broken by id, so two screens read the same board the same way.
 */
export function readingOrder(
  notes: readonly NoteView[],
  clusters: readonly Pick<ClusterView, 'id' | 'x' | 'y' | 'members'>[],
  roadmap: Pick<RoadmapGeometry, 'x' | 'y' | 'lanes' | 'periods'> | null,
): NoteView[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const taken = new Set<string>();
  const blocks: Block[] = [];
  for (const cluster of clusters) {
    const members = cluster.members.flatMap((id) => byId.get(id) ?? []);
    for (const note of members) taken.add(note.id);
    if (members.length > 0) blocks.push({ x: cluster.x, y: cluster.y, notes: members });
  }
  if (roadmap) {
    const lane = new Map(roadmap.lanes.map((l, i) => [l.id, i]));
    const period = new Map(roadmap.periods.map((p, i) => [p.id, i]));
    const placed = notes.filter(
      (n) => !taken.has(n.id) && n.cell && lane.has(n.cell.lane) && period.has(n.cell.period),
    );
    const cellOf = (n: NoteView) =>
      (lane.get(n.cell?.lane ?? '') ?? 0) * roadmap.periods.length +
      (period.get(n.cell?.period ?? '') ?? 0);
    placed.sort((a, b) => cellOf(a) - cellOf(b) || byLine(a, b) || a.id.localeCompare(b.id));
    for (const note of placed) taken.add(note.id);
    if (placed.length > 0) blocks.push({ x: roadmap.x, y: roadmap.y, notes: placed });
  }
  for (const note of notes) {
    if (!taken.has(note.id)) blocks.push({ x: note.x, y: note.y, notes: [note] });
  }
  blocks.sort((a, b) => byLine(a, b) || (a.notes[0]?.id ?? '').localeCompare(b.notes[0]?.id ?? ''));
  return blocks.flatMap((block) => block.notes);
}

export type Direction = 'left' | 'right' | 'up' | 'down';

const UNIT: Record<Direction, { x: number; y: number }> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};

/** How much more a step sideways counts than a step ahead: a note in line is preferred. */
const SIDEWAYS_WEIGHT = 3;

/**
 * The note an arrow key goes to from `from`: among the notes whose centre lies ahead in that
 * direction, the one nearest, where distance sideways counts three times distance ahead (so
 * Right goes to the next note in the row, not to a closer one in the row below). Null when
 * nothing lies that way.
 */
export function nearestInDirection(
  notes: readonly NoteView[],
  from: Bounds & { id: string },
  direction: Direction,
): NoteView | null {
  const origin = centerOf(from);
  const unit = UNIT[direction];
  let best: NoteView | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const note of notes) {
    if (note.id === from.id) continue;
    const c = centerOf(note);
    const dx = c.x - origin.x;
    const dy = c.y - origin.y;
    const ahead = dx * unit.x + dy * unit.y;
    if (ahead <= 0) continue;
    const sideways = Math.abs(dx * unit.y - dy * unit.x);
    const score = ahead + SIDEWAYS_WEIGHT * sideways;
    if (score < bestScore || (score === bestScore && best && note.id < best.id)) {
      best = note;
      bestScore = score;
    }
  }
  return best;
}

/** Room kept between a revealed note and the edge of the screen (screen px). */
const REVEAL_MARGIN = 48;

/** How far the page's own controls cover each edge of the canvas (CSS px). */
export interface CoveredEdges {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const NOTHING_COVERED: CoveredEdges = { top: 0, right: 0, bottom: 0, left: 0 };

/**
 * The view moved as little as needed for `bounds` to be on screen with a margin (the zoom is
 * kept), clear of the controls drawn over the canvas's edges (`covered`: the toolbar, the
 * search bar); the same viewport when it already is. A note larger than what is left shows its
 * top left corner, where its text begins. Covers that would leave less than half the canvas
 * count only as far as they leave half (a phone in landscape).
 */
export function revealViewport(
  view: Viewport,
  size: Size,
  bounds: Bounds,
  covered: CoveredEdges = NOTHING_COVERED,
): Viewport {
  const s = view.scale;
  const left = bounds.x * s + view.x;
  const top = bounds.y * s + view.y;
  const right = left + bounds.w * s;
  const bottom = top + bounds.h * s;
  const margin = Math.min(REVEAL_MARGIN, size.width / 8, size.height / 8);
  const shift = (low: number, high: number, from: number, to: number) => {
    if (low < from + margin) return from + margin - low;
    if (high > to - margin) return Math.max(to - margin - high, from + margin - low);
    return 0;
  };
  const [fromX, toX] = uncovered(size.width, covered.left, covered.right);
  const [fromY, toY] = uncovered(size.height, covered.top, covered.bottom);
  const dx = shift(left, right, fromX, toX);
  const dy = shift(top, bottom, fromY, toY);
  return dx === 0 && dy === 0 ? view : { ...view, x: view.x + dx, y: view.y + dy };
}

/**
 * The part of a canvas of `size` that no control covers (each cover counted only as far as it
 * leaves half), in CSS px from the canvas's corner: where a fitted view centres what it shows.
 */
export function uncoveredArea(size: Size, covered: CoveredEdges): Bounds {
  const [fromX, toX] = uncovered(size.width, covered.left, covered.right);
  const [fromY, toY] = uncovered(size.height, covered.top, covered.bottom);
  return { x: fromX, y: fromY, w: toX - fromX, h: toY - fromY };
}

/** The span of `extent` left between two covers, scaled down to leave at least half. */
function uncovered(extent: number, low: number, high: number): [number, number] {
  const a = Math.max(0, low);
  const b = Math.max(0, high);
  const scale = a + b > extent / 2 ? extent / 2 / (a + b) : 1;
  return [a * scale, extent - b * scale];
}

/**
 * Where the keyboard's note is drawn, in CSS px from the canvas's corner, kept within the
 * canvas (its unseen stand-in lies there: a screen magnifier follows the focus to it).
 */
export function focusBoxOf(
  scene: { byId: ReadonlyMap<string, Bounds> },
  id: string | null,
  view: { viewport: Viewport; size: Size },
): Bounds | null {
  const note = id === null ? undefined : scene.byId.get(id);
  if (!note || view.size.width === 0) return null;
  const { viewport, size } = view;
  const left = Math.max(0, note.x * viewport.scale + viewport.x);
  const top = Math.max(0, note.y * viewport.scale + viewport.y);
  const right = Math.min(size.width, (note.x + note.w) * viewport.scale + viewport.x);
  const bottom = Math.min(size.height, (note.y + note.h) * viewport.scale + viewport.y);
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, w: right - left, h: bottom - top };
}
