import type { ClusterView } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { hitTest, type Scene } from './hitTest';
import { layoutRoadmap, ROADMAP_ORIGIN } from './roadmapLayout';
import { note } from './testNotes';

const cluster: ClusterView = {
  id: 'C',
  title: 'Liikenne',
  color: 'gray',
  x: 1000,
  y: 0,
  w: 400,
  h: 300,
  collapsed: false,
  locked: false,
  members: [],
  authorId: '',
  createdAt: 0,
  lang: null,
  translations: {},
};

const scene: Scene = {
  notes: [note('under', { x: 0, y: 0 }), note('over', { x: 50, y: 50 })],
  clusters: [cluster],
  roadmap: layoutRoadmap(
    {
      lanes: [{ id: 'L', title: '', order: 'a0', locked: false, lang: null, translations: {} }],
      periods: [{ id: 'P', title: '', order: 'a0', locked: false, lang: null, translations: {} }],
    },
    [],
  ).geometry,
};

describe('hitTest', () => {
  it('finds the topmost note', () => {
    expect(hitTest(scene, { x: 60, y: 60 }, 1, new Set())).toEqual({ kind: 'note', id: 'over' });
    expect(hitTest(scene, { x: 10, y: 10 }, 1, new Set())).toEqual({ kind: 'note', id: 'under' });
  });
  it("finds the selected note's resize handle, sized for the screen", () => {
    const selected = new Set(['over']);
    expect(hitTest(scene, { x: 148, y: 148 }, 1, selected)).toEqual({ kind: 'resize', id: 'over' });
    // At 50 % zoom the 14 px handle is 28 board units.
    expect(hitTest(scene, { x: 125, y: 125 }, 0.5, selected)).toEqual({
      kind: 'resize',
      id: 'over',
    });
    expect(hitTest(scene, { x: 148, y: 148 }, 1, new Set())).toEqual({ kind: 'note', id: 'over' });
  });
  it('grabs a cluster by its title band, not by its body', () => {
    expect(hitTest(scene, { x: 1100, y: 20 }, 1, new Set())).toEqual({ kind: 'cluster', id: 'C' });
    expect(hitTest(scene, { x: 1100, y: 200 }, 1, new Set())).toEqual({ kind: 'empty' });
  });
  it('grabs a collapsed cluster anywhere on its card', () => {
    const collapsed = { ...scene, clusters: [{ ...cluster, collapsed: true }] };
    expect(hitTest(collapsed, { x: 1100, y: 80 }, 1, new Set())).toEqual({
      kind: 'cluster',
      id: 'C',
    });
  });
  it('finds roadmap headers and empty space', () => {
    const { x, y } = ROADMAP_ORIGIN;
    expect(hitTest(scene, { x: x + 10, y: y + 100 }, 1, new Set())).toEqual({
      kind: 'header',
      header: { axis: 'lane', id: 'L' },
    });
    expect(hitTest(scene, { x: -500, y: -500 }, 1, new Set())).toEqual({ kind: 'empty' });
  });
});
