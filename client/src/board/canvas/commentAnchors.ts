import type { ClusterView, CommentAnchor, CommentView, NoteView, OwnHeld } from '@paja/shared';
import { clusterBounds } from './clusterGeometry';
import { containsPoint } from './geometry';
import { cellAt, type RoadmapGeometry } from './roadmapLayout';
import type { Bounds, Point, Size } from './viewport';

/*
 * Comments on the canvas, as plain data: what a comment placed at a point is about, where its
 * marker sits, how comments group into threads, and the orders the comment list offers.
 */

export interface AnchorScene {
  /** Drawn notes, back to front. */
  notes: readonly NoteView[];
  clusters: readonly ClusterView[];
  roadmap: RoadmapGeometry | null;
}

/** One string per anchor: threads on the same item share it. */
export function anchorKey(anchor: CommentAnchor): string {
  switch (anchor.kind) {
    case 'board':
      return 'board';
    case 'note':
      return `note:${anchor.note}`;
    case 'cluster':
      return `cluster:${anchor.cluster}`;
    case 'cell':
      return `cell:${anchor.lane}:${anchor.period}`;
    case 'point':
      return `point:${Math.round(anchor.x)}:${Math.round(anchor.y)}`;
  }
}

/** The anchor `anchorKey` gave `key`, or null for a key it cannot have made. */
export function anchorFromKey(key: string): CommentAnchor | null {
  const [kind, a, b] = key.split(':');
  if (kind === 'board' && a === undefined) return { kind: 'board' };
  if (kind === 'note' && a) return { kind: 'note', note: a };
  if (kind === 'cluster' && a) return { kind: 'cluster', cluster: a };
  if (kind === 'cell' && a && b) return { kind: 'cell', lane: a, period: b };
  if (kind === 'point' && a && b) {
    const x = Number(a);
    const y = Number(b);
    if (Number.isFinite(x) && Number.isFinite(y)) return { kind: 'point', x, y };
  }
  return null;
}

/**
 * What a comment started at `point` is about: the topmost note there, else the cluster whose
 * frame holds it, else the roadmap cell, else the point itself.
 */
export function anchorAt(scene: AnchorScene, point: Point): CommentAnchor {
  for (let i = scene.notes.length - 1; i >= 0; i--) {
    const note = scene.notes[i] as NoteView;
    if (containsPoint(note, point)) return { kind: 'note', note: note.id };
  }
  for (let i = scene.clusters.length - 1; i >= 0; i--) {
    const cluster = scene.clusters[i] as ClusterView;
    if (containsPoint(clusterBounds(cluster), point))
      return { kind: 'cluster', cluster: cluster.id };
  }
  const cell = cellAt(scene.roadmap, point);
  if (cell) return { kind: 'cell', lane: cell.lane, period: cell.period };
  return { kind: 'point', x: Math.round(point.x), y: Math.round(point.y) };
}

/**
 * What an anchor covers on the board: its note, cluster frame or cell (a point is a box of no
 * size). Null when the item is not on the canvas (deleted, hidden in a collapsed cluster) or
 * the anchor is the whole board: the list shows those.
 */
export function anchorBox(anchor: CommentAnchor, scene: AnchorScene): Bounds | null {
  switch (anchor.kind) {
    case 'board':
      return null;
    case 'point':
      return { x: anchor.x, y: anchor.y, w: 0, h: 0 };
    case 'note': {
      const note = scene.notes.find((n) => n.id === anchor.note);
      return note ? { x: note.x, y: note.y, w: note.w, h: note.h } : null;
    }
    case 'cluster': {
      const cluster = scene.clusters.find((c) => c.id === anchor.cluster);
      if (!cluster) return null;
      const { x, y, w, h } = clusterBounds(cluster);
      return { x, y, w, h };
    }
    case 'cell': {
      const lane = scene.roadmap?.lanes.find((l) => l.id === anchor.lane);
      const period = scene.roadmap?.periods.find((p) => p.id === anchor.period);
      return lane && period ? { x: period.x, y: lane.y, w: period.w, h: lane.h } : null;
    }
  }
}

/**
 * Where a marker goes on screen for an item drawn at `box` (screen pixels): its top-right
 * corner, slid along the item's edges to stay on screen while any of the item is, so that a
 * topic or a cell larger than a phone's screen still shows its comments. Null when the item is
 * off screen.
 */
export function markerSpot(box: Bounds, size: Size, inset = 24): Point | null {
  const right = box.x + box.w;
  const bottom = box.y + box.h;
  if (right < 0 || bottom < 0 || box.x > size.width || box.y > size.height) return null;
  const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));
  return {
    x: clamp(right, Math.min(box.x, size.width - inset), size.width - inset),
    y: clamp(box.y, inset, Math.max(box.y, bottom)),
  };
}

/**
 * The board's comments with this person's own comments that readers do not see, in their
 * threads: those waiting for a moderator (pending) and those a moderator did not publish
 * (hidden, with their text: the author's own page is the only one that holds it). The server
 * sends those to their author alone (moderation's `own` message); a copy that is already in
 * the document (approved meanwhile) is not shown twice.
 */
export function withOwnPending(
  comments: readonly CommentView[],
  own: readonly OwnHeld[],
): readonly CommentView[] {
  if (own.length === 0) return comments;
  const known = new Set(comments.map((c) => c.id));
  const roots = new Set(comments.filter((c) => c.parent === null).map((c) => c.id));
  const held = own
    .filter((item) => !known.has(item.id))
    .map(
      ({ status, ...content }): CommentView => ({
        ...content,
        moderation: status,
        resolved: false,
        status,
        orphaned: content.parent !== null && !roots.has(content.parent),
      }),
    );
  return [...comments, ...held].sort((a, b) => a.createdAt - b.createdAt);
}

/** A thread: its first comment and the replies, oldest first. */
export interface Thread {
  root: CommentView;
  replies: CommentView[];
}

/** Threads in creation order. A reply whose first comment is gone becomes a thread of its own. */
export function threadsOf(comments: readonly CommentView[]): Thread[] {
  const byRoot = new Map<string, Thread>();
  const result: Thread[] = [];
  for (const comment of comments) {
    if (comment.parent === null) {
      const thread = { root: comment, replies: [] };
      byRoot.set(comment.id, thread);
      result.push(thread);
    }
  }
  for (const comment of comments) {
    if (comment.parent === null) continue;
    const thread = byRoot.get(comment.parent);
    if (thread) thread.replies.push(comment);
    else result.push({ root: comment, replies: [] });
  }
  return result;
}

/** How many comments (first ones and replies) each anchor has, by anchorKey. */
export function countsByAnchor(threads: readonly Thread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    const key = anchorKey(thread.root.anchor);
    counts.set(key, (counts.get(key) ?? 0) + 1 + thread.replies.length);
  }
  return counts;
}

export type CommentSort = 'newest' | 'supported' | 'topic';
export const COMMENT_SORTS: readonly CommentSort[] = ['newest', 'supported', 'topic'];

/** The topic a comment belongs to: its cluster (a note's cluster), its roadmap lane, or none. */
export interface TopicLookup {
  notes: ReadonlyMap<string, NoteView>;
  clusters: readonly ClusterView[];
  lanes: readonly { id: string; title: string }[];
}

/** The topic's title, or '' for comments outside any topic (they sort last). */
export function topicOf(anchor: CommentAnchor, lookup: TopicLookup): string {
  const clusterTitle = (id: string | null) =>
    (id !== null && lookup.clusters.find((c) => c.id === id)?.title) || '';
  switch (anchor.kind) {
    case 'note': {
      const note = lookup.notes.get(anchor.note);
      if (note?.cluster) return clusterTitle(note.cluster);
      const lane = note?.cell ? lookup.lanes.find((l) => l.id === note.cell?.lane) : undefined;
      return lane?.title ?? '';
    }
    case 'cluster':
      return clusterTitle(anchor.cluster);
    case 'cell':
      return lookup.lanes.find((l) => l.id === anchor.lane)?.title ?? '';
    case 'board':
    case 'point':
      return '';
  }
}

/**
 * Threads in the order the list shows them: newest first; most supported first (ties newest
 * first); or by topic (titles in the language's order, no topic last; newest first inside).
 */
export function sortThreads(
  threads: readonly Thread[],
  sort: CommentSort,
  supports: (commentId: string) => number,
  topic: (anchor: CommentAnchor) => string,
  compareText: (a: string, b: string) => number,
): Thread[] {
  const newest = (a: Thread, b: Thread) =>
    b.root.createdAt - a.root.createdAt || (a.root.id < b.root.id ? -1 : 1);
  const sorted = [...threads];
  switch (sort) {
    case 'newest':
      return sorted.sort(newest);
    case 'supported':
      return sorted.sort((a, b) => supports(b.root.id) - supports(a.root.id) || newest(a, b));
    case 'topic':
      return sorted.sort((a, b) => {
        const ta = topic(a.root.anchor);
        const tb = topic(b.root.anchor);
        if (ta !== tb) {
          if (ta === '') return 1;
          if (tb === '') return -1;
          return compareText(ta, tb);
        }
        return newest(a, b);
      });
  }
}
