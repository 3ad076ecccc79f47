import {
  CLUSTER_GAP,
  CLUSTER_HEADER,
  type ClusterView,
  type DropPlan,
  dropNotes,
  linesGrid,
  linesGridSize,
  type NoteView,
  overlaps,
  type RefusalReason,
  type RoadmapCell,
  type RoadmapView,
  withMembers,
} from '@paja/shared';
import { centerOf } from '../canvas/geometry';
import { byReading } from '../canvas/keyboardNav';
import { layoutRoadmap, withPlacement } from '../canvas/roadmapLayout';
import type { Bounds, Point } from '../canvas/viewport';
import type { Scene } from '../stage/useScene';
import {
  type Authority,
  authorityOf,
  type DropTarget,
  decideCluster,
  decideFile,
  firstRefusal,
  refusalForNotes,
} from './authority';
import { keyTargets } from './commandRules';
import type { CommandContext } from './commandTypes';
import { blockCenter } from './placement';

/**
 * "Move to…": the selected notes into a topic (cluster) or a roadmap cell, or out of either,
 * chosen from a list instead of dragged (the keyboard's Shift+M, the toolbar's Move to…). The
 * same kind of write as a drop (shared's dropNotes: membership, placement and positions in one
 * transaction, one undo step), judged by the same rules before anything is sent.
 */
export type Destination =
  | { kind: 'cluster'; id: string }
  | { kind: 'cell'; cell: RoadmapCell }
  | { kind: 'noCluster' }
  | { kind: 'noCell' };

/** The places a selection can be moved to now, as the board reads; `title` as written. */
export function destinations(
  scene: Pick<Scene, 'clusters' | 'roadmapLayout'>,
  notes: readonly NoteView[],
): Array<{ to: Destination; title: string; period?: string }> {
  const list: Array<{ to: Destination; title: string; period?: string }> = [];
  for (const cluster of byReading(scene.clusters)) {
    list.push({ to: { kind: 'cluster', id: cluster.id }, title: cluster.title });
  }
  if (notes.some((n) => n.cluster !== null)) list.push({ to: { kind: 'noCluster' }, title: '' });
  const geometry = scene.roadmapLayout.geometry;
  for (const lane of geometry?.lanes ?? []) {
    for (const period of geometry?.periods ?? []) {
      const cell = { lane: lane.id, period: period.id };
      list.push({ to: { kind: 'cell', cell }, title: lane.title, period: period.title });
    }
  }
  if (notes.some((n) => n.cell !== null)) list.push({ to: { kind: 'noCell' }, title: '' });
  return list;
}

/**
 * Free slots for `count` notes of `size` inside a topic's frame, under its title, in rows, not
 * on top of its notes. When the frame is full they continue below its last row (planMoveTo
 * grows the frame to hold them where the person may change the topic).
 */
export function slotsInFrame(
  frame: Bounds,
  taken: readonly Bounds[],
  count: number,
  size: { w: number; h: number },
): Point[] {
  const stepX = size.w + CLUSTER_GAP;
  const stepY = size.h + CLUSTER_GAP;
  const columns = Math.max(1, Math.floor((frame.w - CLUSTER_GAP) / stepX));
  const used: Bounds[] = [...taken];
  const slots: Point[] = [];
  for (let i = 0; slots.length < count && i < count + taken.length + columns; i++) {
    const slot = {
      x: frame.x + CLUSTER_GAP + (i % columns) * stepX,
      y: frame.y + CLUSTER_HEADER + Math.floor(i / columns) * stepY,
      ...size,
    };
    if (used.some((box) => overlaps(slot, box))) continue;
    used.push(slot);
    slots.push({ x: slot.x, y: slot.y });
  }
  return slots;
}

/** What planMoveTo reads of a scene, made from the board as read (the outline draws none). */
export type MoveScene = Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>;

export function moveSceneOf(board: {
  notes: readonly NoteView[];
  clusters: ReadonlyArray<Omit<ClusterView, 'members'>>;
  roadmap: RoadmapView;
}): MoveScene {
  const roadmapLayout = layoutRoadmap(board.roadmap, board.notes);
  return {
    placed: withPlacement(board.notes, roadmapLayout.placed),
    clusters: withMembers(board.clusters, board.notes),
    roadmapLayout,
  };
}

/** The permission table's view of a destination (authority.ts). */
function targetOf(to: Destination): DropTarget {
  if (to.kind === 'cluster') return { kind: 'cluster', id: to.id };
  if (to.kind === 'cell') return { kind: 'cell', cell: to.cell };
  return { kind: 'none' };
}

const sameCell = (a: RoadmapCell | null, b: RoadmapCell) =>
  a !== null && a.lane === b.lane && a.period === b.period;

/**
 * What a person may do to topic frames when Move to… needs room: grow the frame filed into,
 * and move a frame below it down with its notes (dragging it would need the same rights).
 */
export interface TopicRights {
  grow(cluster: ClusterView): boolean;
  move(cluster: ClusterView, members: readonly NoteView[]): boolean;
}

/** Rights that change no frame: the notes go below a full one, and nothing moves aside. */
export const NO_TOPIC_RIGHTS: TopicRights = { grow: () => false, move: () => false };

/** The rights the board's rules give this person now (the phase's structure setting, locks). */
export function topicRights(authority: Authority): TopicRights {
  return {
    grow: (cluster) => decideCluster(authority, cluster).allowed,
    move: (cluster, members) =>
      decideCluster(authority, cluster).allowed &&
      refusalForNotes(authority, 'moveNote', members) === null,
  };
}

/**
 * What moving `notes` to `to` writes; the notes it changes; null when it changes nothing.
 * Into a topic whose frame is full, the notes go below its last row. Where `rights` let the
 * person grow the topic, the frame grows to hold them, and the frames under it move down so it
 * covers none (`pushed` counts them); without that right the notes stay below the frame, in
 * the topic all the same (`outside`).
 */
export function planMoveTo(
  scene: MoveScene,
  notes: readonly NoteView[],
  to: Destination,
  rights: TopicRights = NO_TOPIC_RIGHTS,
): { plan: DropPlan; changed: NoteView[]; outside: boolean; pushed: number } | null {
  const plan: DropPlan = { moves: [], place: [], unplace: [], join: [], leave: [] };
  const size = {
    w: Math.max(...notes.map((n) => n.w)),
    h: Math.max(...notes.map((n) => n.h)),
  };
  let changed: NoteView[];
  let outside = false;
  if (to.kind === 'cluster') {
    const cluster = scene.clusters.find((c) => c.id === to.id);
    if (!cluster) return null;
    changed = notes.filter((n) => n.cluster !== cluster.id);
    plan.join = [{ cluster: cluster.id, ids: changed.map((n) => n.id) }];
    plan.unplace = changed.filter((n) => n.cell !== null).map((n) => n.id);
    const taken = scene.placed.filter((n) => n.cluster === cluster.id);
    const slots = slotsInFrame(cluster, taken, changed.length, size);
    plan.moves = changed.map((n, i) => ({ id: n.id, ...(slots[i] ?? n) }));
    const bottom = Math.max(...slots.map((slot) => slot.y + size.h + CLUSTER_GAP));
    if (bottom > cluster.y + cluster.h) {
      if (rights.grow(cluster)) {
        plan.grow = [{ cluster: cluster.id, h: bottom - cluster.y }];
        const shift = framesMovedDown(scene, cluster, bottom, rights);
        if (shift.length > 0) plan.shift = shift;
      } else outside = true;
    }
  } else if (to.kind === 'cell') {
    changed = notes.filter((n) => !sameCell(n.cell, to.cell) || n.cluster !== null);
    const placing = changed.filter((n) => !sameCell(n.cell, to.cell)).map((n) => n.id);
    if (placing.length > 0) plan.place = [{ cell: to.cell, ids: placing }];
    plan.leave = changed.filter((n) => n.cluster !== null).map((n) => n.id);
  } else {
    const away = to.kind === 'noCluster' ? 'cluster' : 'cell';
    changed = notes.filter((n) => n[away] !== null);
    if (away === 'cluster') plan.leave = changed.map((n) => n.id);
    else plan.unplace = changed.map((n) => n.id);
    plan.moves = beside(scene, changed, size);
  }
  const pushed = plan.shift?.length ?? 0;
  return changed.length === 0 ? null : { plan, changed, outside, pushed };
}

/** The most of a gap between two frames that is kept when the upper one grows. */
const KEPT_GAP = 2 * CLUSTER_GAP;

/**
 * The frames under `grown` (beside it across, and below its bottom as it was) that must move
 * down when its bottom goes to `bottom`, and where each goes, nearest first: each keeps its gap
 * to the frame above it (up to KEPT_GAP), so a frame far enough below stays, and a frame that
 * moves can move the one under it in turn. A frame the person may not move stays where it is,
 * covered; the grown frame is theirs to shrink back (or undo, which takes all of it back).
 */
export function framesMovedDown(
  scene: Pick<MoveScene, 'clusters' | 'placed'>,
  grown: Bounds & { id: string },
  bottom: number,
  rights: Pick<TopicRights, 'move'>,
): Array<{ cluster: string; x: number; y: number }> {
  const edges = [{ x: grown.x, w: grown.w, was: grown.y + grown.h, now: bottom }];
  const under = scene.clusters
    .filter((c) => c.id !== grown.id && c.y >= grown.y + grown.h)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const moved: Array<{ cluster: string; x: number; y: number }> = [];
  for (const frame of under) {
    let y = frame.y;
    for (const edge of edges) {
      const across = frame.x < edge.x + edge.w && edge.x < frame.x + frame.w;
      if (!across || frame.y < edge.was) continue;
      y = Math.max(y, edge.now + Math.min(frame.y - edge.was, KEPT_GAP));
    }
    if (y === frame.y) continue;
    const members = scene.placed.filter((n) => n.cluster === frame.id);
    if (!rights.move(frame, members)) continue;
    moved.push({ cluster: frame.id, x: frame.x, y });
    edges.push({ x: frame.x, w: frame.w, was: frame.y + frame.h, now: y + frame.h });
  }
  return moved;
}

/** Notes taken out of a topic or the roadmap go to free space near where they were. */
function beside(
  scene: Pick<Scene, 'placed' | 'clusters' | 'roadmapLayout'>,
  notes: readonly NoteView[],
  size: { w: number; h: number },
): DropPlan['moves'] {
  if (notes.length === 0) return [];
  const side = Math.max(size.w, size.h);
  const first = notes[0] as NoteView;
  const center = blockCenter(scene, linesGridSize(notes.length, side), centerOf(first));
  const spots = linesGrid(notes.length, center, side);
  return notes.map((n, i) => ({ id: n.id, ...(spots[i] ?? n) }));
}

/** Why the board's rules stop this move now, or null (the same questions a drop asks). */
export function moveToRefusal(
  ctx: Pick<CommandContext, 'session' | 'scene'>,
  notes: readonly NoteView[],
  to: Destination,
): RefusalReason | null {
  const planned = planMoveTo(ctx.scene(), notes, to);
  if (!planned) return null;
  const authority = authorityOf(ctx.session);
  const target = targetOf(to);
  return (
    refusalForNotes(authority, 'moveNote', planned.changed) ??
    firstRefusal(planned.changed.map((n) => decideFile(authority, n, n, target)))
  );
}

/** The title a person reads for a destination, in their language. */
export function destinationName(ctx: Pick<CommandContext, 't' | 'scene'>, to: Destination): string {
  const { t } = ctx;
  const untitled = t('cluster.untitled');
  switch (to.kind) {
    case 'cluster': {
      const cluster: ClusterView | undefined = ctx.scene().clusters.find((c) => c.id === to.id);
      return t('keys.toTopic', { title: cluster?.title || untitled });
    }
    case 'cell': {
      const geometry = ctx.scene().roadmapLayout.geometry;
      const lane = geometry?.lanes.find((l) => l.id === to.cell.lane)?.title || untitled;
      const period = geometry?.periods.find((p) => p.id === to.cell.period)?.title || untitled;
      return t('keys.toCell', { lane, period });
    }
    case 'noCluster':
      return t('keys.outOfTopic');
    case 'noCell':
      return t('keys.offRoadmap');
  }
}

/**
 * Moves the selection (or the keyboard's note, see keyTargets) to `to`, as one
 * change, and says where it went. Private notes are not filed (they are not on the board yet).
 */
export function moveSelectionTo(ctx: CommandContext, to: Destination): void {
  const notes = notesToMove(ctx);
  const scene = ctx.scene();
  const planned = planMoveTo(scene, notes, to, topicRights(authorityOf(ctx.session)));
  const name = destinationName(ctx, to);
  if (!planned) {
    ctx.announce(ctx.t('keys.alreadyThere', { place: name }));
    return;
  }
  ctx.session.act(() => dropNotes(ctx.session.doc, planned.plan));
  const moved = ctx.t(planned.outside ? 'keys.movedBelowFull' : 'keys.movedTo', {
    count: planned.changed.length,
    place: name,
  });
  const text =
    planned.pushed > 0
      ? `${moved} ${ctx.t('keys.framesMovedDown', { count: planned.pushed })}`
      : moved;
  ctx.announce(text);
  ctx.notify({ tone: 'info', text });
  const first = planned.changed[0];
  if (first) ctx.focusNote(first.id);
}

/** The notes "Move to…" moves (commandRules.ts, keyTargets), without private ones. */
export function notesToMove(ctx: Pick<CommandContext, 'selection' | 'session'>): NoteView[] {
  return keyTargets(ctx.selection()).filter((n) => !ctx.session.brainstorm.isPrivate(n.id));
}
