import {
  addLane,
  addPeriod,
  type ClusterView,
  createCluster,
  createNote,
  createUndoManager,
  readBoard,
} from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyDrop, type DroppedNote, planDrop } from './drop';
import { layoutRoadmap, ROADMAP_ORIGIN } from './roadmapLayout';

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

describe('applyDrop', () => {
  it('writes a drop as one undo step', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { x: 0, y: 0, authorId: 'p', authorName: 'P' });
    const b = createNote(doc, { x: 0, y: 300, authorId: 'p', authorName: 'P' });
    const cluster = createCluster(doc, { noteIds: [b], x: 1000, y: 0, w: 600, h: 400 });
    const lane = addLane(doc, { title: 'L' });
    const period = addPeriod(doc, { title: '2030' });
    const undo = createUndoManager(doc);
    applyDrop(doc, {
      moves: [
        { id: a, x: 1100, y: 100 },
        { id: b, x: 5, y: 5 },
      ],
      place: [{ cell: { lane, period }, ids: [b] }],
      unplace: [],
      join: [{ cluster, ids: [a] }],
      leave: [b],
    });
    let view = readBoard(doc);
    expect(view.notes.find((n) => n.id === a)?.cluster).toBe(cluster);
    expect(view.notes.find((n) => n.id === b)).toMatchObject({ cluster: null, cell: { lane } });
    undo.undo();
    view = readBoard(doc);
    expect(view.notes.find((n) => n.id === a)).toMatchObject({ x: 0, y: 0, cluster: null });
    expect(view.notes.find((n) => n.id === b)).toMatchObject({ cluster, cell: null, y: 300 });
  });
});
