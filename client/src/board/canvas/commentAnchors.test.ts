import type { ClusterView, CommentView } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import {
  type AnchorScene,
  anchorAt,
  anchorBox,
  anchorFromKey,
  anchorKey,
  countsByAnchor,
  markerSpot,
  sortThreads,
  threadsOf,
  topicOf,
  withOwnPending,
} from './commentAnchors';
import type { RoadmapGeometry } from './roadmapLayout';
import { note } from './testNotes';

const cluster = (id: string, title: string): ClusterView =>
  ({
    id,
    title,
    x: 0,
    y: 0,
    w: 400,
    h: 300,
    collapsed: false,
    members: [],
  }) as unknown as ClusterView;
const roadmap: RoadmapGeometry = {
  x: 0,
  y: 1000,
  w: 800,
  h: 300,
  lanes: [{ id: 'L', title: 'Mobility', y: 1056, h: 240 }],
  periods: [{ id: 'P', title: '2030', x: 220, w: 600 }],
};
const scene: AnchorScene = {
  notes: [note('n1', { x: 20, y: 80, w: 100, h: 100 })],
  clusters: [cluster('c1', 'Green')],
  roadmap,
};

function comment(id: string, fields: Partial<CommentView> = {}): CommentView {
  return {
    id,
    anchor: { kind: 'board' },
    parent: null,
    text: id,
    authorId: 'a',
    authorName: 'A',
    createdAt: 0,
    moderation: 'visible',
    resolved: false,
    status: 'visible',
    orphaned: false,
    ...fields,
  };
}

describe('anchor keys', () => {
  it('reads back every kind of anchor from its key, and nothing from a key it cannot make', () => {
    const anchors = [
      { kind: 'board' },
      { kind: 'note', note: 'n_1-A' },
      { kind: 'cluster', cluster: 'c1' },
      { kind: 'cell', lane: 'l1', period: 'p1' },
      { kind: 'point', x: -120, y: 45 },
    ] as const;
    for (const anchor of anchors) expect(anchorFromKey(anchorKey(anchor))).toEqual(anchor);
    for (const key of ['', 'note:', 'cell:l1', 'point:a:1', 'board:x', 'vote:1']) {
      expect(anchorFromKey(key), key).toBeNull();
    }
  });
});

describe('comment anchors', () => {
  it('a comment placed at a point is about the note, else the cluster, else the cell, else the spot', () => {
    expect(anchorAt(scene, { x: 50, y: 100 })).toEqual({ kind: 'note', note: 'n1' });
    expect(anchorAt(scene, { x: 300, y: 250 })).toEqual({ kind: 'cluster', cluster: 'c1' });
    expect(anchorAt(scene, { x: 400, y: 1100 })).toEqual({ kind: 'cell', lane: 'L', period: 'P' });
    expect(anchorAt(scene, { x: 2000.4, y: -5.6 })).toEqual({ kind: 'point', x: 2000, y: -6 });
  });

  it('knows what each anchor covers, and nothing for the gone or the whole board', () => {
    expect(anchorBox({ kind: 'note', note: 'n1' }, scene)).toEqual({
      x: 20,
      y: 80,
      w: 100,
      h: 100,
    });
    expect(anchorBox({ kind: 'cluster', cluster: 'c1' }, scene)).toEqual({
      x: 0,
      y: 0,
      w: 400,
      h: 300,
    });
    expect(anchorBox({ kind: 'cell', lane: 'L', period: 'P' }, scene)).toEqual({
      x: 220,
      y: 1056,
      w: 600,
      h: 240,
    });
    expect(anchorBox({ kind: 'note', note: 'gone' }, scene)).toBeNull();
    expect(anchorBox({ kind: 'board' }, scene)).toBeNull();
  });

  it('puts a marker at the top-right corner, slid on screen while any of the item is', () => {
    const screen = { width: 375, height: 800 };
    expect(markerSpot({ x: 10, y: 100, w: 100, h: 100 }, screen)).toEqual({ x: 110, y: 100 });
    // A topic wider and taller than the phone: the marker stays at the screen's edge.
    expect(markerSpot({ x: -100, y: -50, w: 600, h: 400 }, screen)).toEqual({ x: 351, y: 24 });
    expect(markerSpot({ x: 400, y: 100, w: 100, h: 100 }, screen)).toBeNull();
    expect(markerSpot({ x: 10, y: -300, w: 100, h: 100 }, screen)).toBeNull();
  });

  it('groups replies under their thread, counts per item, keeps orphaned replies', () => {
    const on = { kind: 'note', note: 'n1' } as const;
    const threads = threadsOf([
      comment('t1', { anchor: on }),
      comment('r1', { anchor: on, parent: 't1' }),
      comment('t2', { anchor: on }),
      comment('r2', { anchor: on, parent: 'missing' }),
    ]);
    expect(threads.map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
      ['t1', ['r1']],
      ['t2', []],
      ['r2', []],
    ]);
    expect(countsByAnchor(threads).get(anchorKey(on))).toBe(4);
  });

  it('sorts by newest, by most supported and by topic', () => {
    const threads = threadsOf([
      comment('old', { createdAt: 1, anchor: { kind: 'cluster', cluster: 'c1' } }),
      comment('mid', { createdAt: 2, anchor: { kind: 'cell', lane: 'L', period: 'P' } }),
      comment('new', { createdAt: 3 }),
    ]);
    const supports = (id: string) => ({ old: 1, mid: 5, new: 0 })[id] ?? 0;
    const lookup = {
      notes: new Map(scene.notes.map((n) => [n.id, n])),
      clusters: scene.clusters,
      lanes: roadmap.lanes,
    };
    const topic = (anchor: CommentView['anchor']) => topicOf(anchor, lookup);
    const order = (sort: 'newest' | 'supported' | 'topic') =>
      sortThreads(threads, sort, supports, topic, (a, b) => a.localeCompare(b)).map(
        (t) => t.root.id,
      );
    expect(order('newest')).toEqual(['new', 'mid', 'old']);
    expect(order('supported')).toEqual(['mid', 'old', 'new']);
    // Green < Mobility; no topic last.
    expect(order('topic')).toEqual(['old', 'mid', 'new']);
  });
});

describe("one's own comments waiting for a moderator", () => {
  it('join their threads as pending, once, in time order', () => {
    const root = comment('r', { createdAt: 1 });
    const held = {
      id: 'mine',
      anchor: root.anchor,
      parent: 'r',
      text: 'my reply',
      authorId: 'me',
      authorName: 'Me',
      createdAt: 5,
      status: 'pending',
    } as const;
    const merged = withOwnPending([root, comment('later', { createdAt: 9 })], [held]);
    expect(merged.map((c) => [c.id, c.status])).toEqual([
      ['r', 'visible'],
      ['mine', 'pending'],
      ['later', 'visible'],
    ]);
    const [thread] = threadsOf(merged);
    expect(thread?.replies.map((c) => c.id)).toEqual(['mine']);
    // Approved meanwhile: the document's copy is the one shown.
    const approved = comment('mine', { parent: 'r', createdAt: 5 });
    expect(withOwnPending([root, approved], [held]).map((c) => c.status)).toEqual([
      'visible',
      'visible',
    ]);
  });

  it('join as hidden, text kept, when a moderator did not publish them', () => {
    const root = comment('r', { createdAt: 1 });
    const rejected = {
      id: 'no',
      anchor: root.anchor,
      parent: null,
      text: 'not published',
      authorId: 'me',
      authorName: 'Me',
      createdAt: 3,
      status: 'hidden',
    } as const;
    const [, mine] = withOwnPending([root], [rejected]);
    expect(mine).toMatchObject({ id: 'no', status: 'hidden', text: 'not published' });
    expect(mine).not.toHaveProperty('status', 'pending');
  });
});
