import type { ClusterView } from '@paja/shared';
import { CLUSTER_GAP, CLUSTER_HEADER, overlaps } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { ROADMAP_ORIGIN } from '../canvas/roadmapLayout';
import { cluster, oneCellRoadmap } from '../canvas/testNotes';
import { type DroppedNote, dropTargetAt, filedBy, planDrop, settleInFrame } from './drop';

const frame = cluster('C', { x: 1000, y: 0 });
const roadmap = oneCellRoadmap().geometry;

function dropped(id: string, x: number, y: number, more: Partial<DroppedNote> = {}): DroppedNote {
  return { id, x, y, w: 100, h: 100, cluster: null, cell: null, ...more };
}

const { x: rx, y: ry } = ROADMAP_ORIGIN;
const cell = { lane: 'L', period: 'P' };
/** A point inside the roadmap's only cell, and one inside the cluster's frame. */
const inCell = { x: rx + 400, y: ry + 150 };
const inFrame = { x: 1100, y: 100 };

describe('dropTargetAt: what is under the released pointer', () => {
  it('finds a cluster, a cell or nothing', () => {
    expect(dropTargetAt(inFrame, [frame], roadmap)).toEqual({ kind: 'cluster', id: 'C' });
    expect(dropTargetAt(inCell, [frame], roadmap)).toEqual({ kind: 'cell', cell });
    expect(dropTargetAt({ x: -500, y: -500 }, [frame], roadmap)).toEqual({ kind: 'none' });
  });

  it('prefers a cluster drawn over the roadmap', () => {
    const over: ClusterView = { ...frame, id: 'O', x: rx + 300, y: ry + 100, w: 300, h: 200 };
    expect(dropTargetAt(inCell, [frame, over], roadmap)).toEqual({ kind: 'cluster', id: 'O' });
  });

  it('ignores a collapsed cluster (a card is not a place to drop into)', () => {
    expect(dropTargetAt(inFrame, [{ ...frame, collapsed: true }], null)).toEqual({
      kind: 'none',
    });
  });
});

describe('planDrop: the pointer decides, not where each note lands', () => {
  it('files nothing when a group moved across cells and clusters is dropped on nothing', () => {
    // 64 notes whose centres all land in the roadmap's cell or in the cluster's frame.
    const group = Array.from({ length: 64 }, (_, i) =>
      i % 2 === 0 ? dropped(`n${i}`, rx + 300, ry + 100) : dropped(`n${i}`, 1100, 100),
    );
    const plan = planDrop(group, { kind: 'none' });
    expect(plan.place).toEqual([]);
    expect(plan.join).toEqual([]);
    expect(filedBy(plan)).toBe(0);
    expect(plan.moves).toHaveLength(64);
  });

  it('files the whole group in the cluster under the pointer, wherever each note lands', () => {
    const group = [dropped('a', -900, -900), dropped('b', 1100, 100), dropped('c', 0, 0, { cell })];
    const plan = planDrop(group, { kind: 'cluster', id: 'C' });
    expect(plan.join).toEqual([{ cluster: 'C', ids: ['a', 'b', 'c'] }]);
    expect(plan.unplace).toEqual(['c']);
    expect(filedBy(plan)).toBe(3);
  });

  it('places the group in the cell under the pointer and takes it out of its cluster', () => {
    const group = [dropped('a', 0, 0, { cluster: 'C' }), dropped('b', 0, 0, { cell })];
    const plan = planDrop(group, { kind: 'cell', cell });
    expect(plan.place).toEqual([{ cell, ids: ['a'] }]);
    expect(plan.leave).toEqual(['a']);
    expect(filedBy(plan)).toBe(1); // b only moves within its cell: nothing to file
  });

  it('takes notes dropped on nothing out of their cluster and cell', () => {
    const plan = planDrop(
      [dropped('a', 0, 0, { cluster: 'C' }), dropped('b', 0, 0, { cell }), dropped('c', 0, 0)],
      { kind: 'none' },
    );
    expect(plan.leave).toEqual(['a']);
    expect(plan.unplace).toEqual(['b']);
  });

  it('only moves notes nudged with the keys or carried by their cluster (no target)', () => {
    const plan = planDrop([dropped('a', 5, 5, { cluster: 'C', cell })], null);
    expect(plan).toEqual({
      moves: [{ id: 'a', x: 5, y: 5 }],
      place: [],
      unplace: [],
      join: [],
      leave: [],
    });
  });
});

describe('settleInFrame: notes filed into a topic cover none of its notes', () => {
  const frame = { x: 0, y: 0, w: 400, h: 400 };
  const member = { x: CLUSTER_GAP, y: CLUSTER_HEADER, w: 160, h: 160 };

  it('moves a note dropped over a member to the nearest free slot inside the frame', () => {
    const dropped = { id: 'a', x: member.x + 10, y: member.y + 10, w: 160, h: 160 };
    const [at] = settleInFrame([dropped], frame, [member]);
    expect(overlaps({ ...dropped, ...at }, member)).toBe(false);
    expect(at).toEqual({ id: 'a', x: CLUSTER_GAP * 2 + 160, y: CLUSTER_HEADER });
  });

  it('leaves a note where it was dropped when it covers nothing and lies inside', () => {
    const dropped = { id: 'a', x: 210, y: 230, w: 160, h: 160 };
    expect(settleInFrame([dropped], frame, [member])).toEqual([{ id: 'a', x: 210, y: 230 }]);
  });

  it('brings a note hanging out of the frame inside, and keeps two dropped notes apart', () => {
    const out = { id: 'a', x: 300, y: 300, w: 160, h: 160 };
    const next = { id: 'b', x: 300, y: 310, w: 160, h: 160 };
    const [a, b] = settleInFrame([out, next], frame, [member]);
    expect(a && a.x + 160 <= frame.w && a.y + 160 <= frame.h).toBe(true);
    expect(overlaps({ ...out, ...a }, { ...next, ...b })).toBe(false);
  });

  it('leaves it where dropped when the frame is full, or below its last row if it may grow', () => {
    const small = { x: 0, y: 0, w: 200, h: 240 };
    const dropped = { id: 'a', x: member.x, y: member.y, w: 160, h: 160 };
    expect(settleInFrame([dropped], small, [member])).toEqual([
      { id: 'a', x: member.x, y: member.y },
    ]);
    expect(settleInFrame([dropped], small, [member], true)).toEqual([
      { id: 'a', x: member.x, y: member.y + 160 + CLUSTER_GAP },
    ]);
  });
});
