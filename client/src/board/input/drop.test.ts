import type { ClusterView } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { layoutRoadmap, ROADMAP_ORIGIN } from '../canvas/roadmapLayout';
import { type DroppedNote, planDrop } from './drop';

const frame: ClusterView = {
  id: 'C',
  title: '',
  color: 'gray',
  x: 1000,
  y: 0,
  w: 600,
  h: 400,
  collapsed: false,
  locked: false,
  members: [],
  authorId: '',
  createdAt: 0,
};
const roadmap = layoutRoadmap(
  {
    lanes: [{ id: 'L', title: '', order: 'a0', locked: false }],
    periods: [{ id: 'P', title: '', order: 'a0', locked: false }],
  },
  [],
).geometry;

function dropped(id: string, x: number, y: number, more: Partial<DroppedNote> = {}): DroppedNote {
  return { id, x, y, w: 100, h: 100, cluster: null, cell: null, ...more };
}

describe('planDrop', () => {
  it('joins the cluster whose frame holds the note centre, leaves it when dropped outside', () => {
    const plan = planDrop(
      [dropped('in', 1100, 100), dropped('out', 0, 0, { cluster: 'C' })],
      [frame],
      null,
    );
    expect(plan.join).toEqual([{ cluster: 'C', ids: ['in'] }]);
    expect(plan.leave).toEqual(['out']);
    expect(plan.moves).toHaveLength(2);
  });
  it('places notes dropped in a roadmap cell and takes others off the roadmap', () => {
    const { x, y } = ROADMAP_ORIGIN;
    const cell = { lane: 'L', period: 'P' };
    const plan = planDrop(
      [dropped('a', x + 300, y + 100), dropped('b', 0, 0, { cell })],
      [frame],
      roadmap,
    );
    expect(plan.place).toEqual([{ cell, ids: ['a'] }]);
    expect(plan.unplace).toEqual(['b']);
  });
  it('keeps membership when notes are carried by their cluster', () => {
    const plan = planDrop([dropped('a', 0, 0, { cluster: 'C' })], [frame], null, true);
    expect(plan.leave).toEqual([]);
  });
});
