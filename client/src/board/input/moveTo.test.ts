import { CLUSTER_GAP, CLUSTER_HEADER, overlaps } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { layoutRoadmap } from '../canvas/roadmapLayout';
import { cluster, note } from '../canvas/testNotes';
import type { Scene } from '../stage/useScene';
import { destinations, planMoveTo, slotsInFrame } from './moveTo';

const roadmap = layoutRoadmap(
  {
    lanes: [
      { id: 'L', title: 'Mobility', order: 'a0', locked: false, lang: null, translations: {} },
    ],
    periods: [
      { id: 'P1', title: '2026', order: 'a0', locked: false, lang: null, translations: {} },
      { id: 'P2', title: '2027', order: 'a1', locked: false, lang: null, translations: {} },
    ],
  },
  [],
);

function scene(notes: ReturnType<typeof note>[], clusters: ReturnType<typeof cluster>[]) {
  return { placed: notes, clusters, roadmapLayout: roadmap } as unknown as Scene;
}

describe('slotsInFrame', () => {
  const frame = { x: 0, y: 0, w: 400, h: 400 };
  const size = { w: 100, h: 100 };

  it('fills rows under the title, beside what is there', () => {
    const taken = [{ x: CLUSTER_GAP, y: CLUSTER_HEADER, ...size }];
    const slots = slotsInFrame(frame, taken, 3, size);
    expect(slots).toHaveLength(3);
    expect(slots[0]).toEqual({ x: CLUSTER_GAP + 100 + CLUSTER_GAP, y: CLUSTER_HEADER });
    for (const slot of slots) {
      expect(taken.some((box) => overlaps({ ...slot, ...size }, box))).toBe(false);
    }
  });

  it('goes on below a full frame rather than on top of its notes', () => {
    const slots = slotsInFrame({ x: 0, y: 0, w: 140, h: 200 }, [], 3, size);
    expect(slots.map((s) => s.x)).toEqual([CLUSTER_GAP, CLUSTER_GAP, CLUSTER_GAP]);
    expect(new Set(slots.map((s) => s.y)).size).toBe(3);
  });
});

describe('planMoveTo', () => {
  const topic = cluster('k', { x: 1000, y: 0, w: 600, h: 400, title: 'Traffic' });

  it('puts notes into a topic, inside its frame, and off the roadmap, in one plan', () => {
    const a = note('a', { cell: { lane: 'L', period: 'P1' } });
    const planned = planMoveTo(scene([a], [topic]), [a], { kind: 'cluster', id: 'k' });
    expect(planned?.plan.join).toEqual([{ cluster: 'k', ids: ['a'] }]);
    expect(planned?.plan.unplace).toEqual(['a']);
    const [move] = planned?.plan.moves ?? [];
    expect(move?.x).toBeGreaterThanOrEqual(topic.x);
    expect(move?.y).toBeGreaterThanOrEqual(topic.y + CLUSTER_HEADER);
  });

  it('places notes in a cell and takes them out of their topic', () => {
    const a = note('a', { cluster: 'k' });
    const b = note('b', { cell: { lane: 'L', period: 'P2' } });
    const planned = planMoveTo(scene([a, b], [topic]), [a, b], {
      kind: 'cell',
      cell: { lane: 'L', period: 'P2' },
    });
    expect(planned?.plan.place).toEqual([{ cell: { lane: 'L', period: 'P2' }, ids: ['a'] }]);
    expect(planned?.plan.leave).toEqual(['a']);
    expect(planned?.changed.map((n) => n.id)).toEqual(['a']);
  });

  it('changes nothing when the notes are there already', () => {
    const a = note('a', { cluster: 'k' });
    expect(planMoveTo(scene([a], [topic]), [a], { kind: 'cluster', id: 'k' })).toBeNull();
  });

  it('grows a full frame to hold the notes where the person may change the topic', () => {
    const small = cluster('s', { x: 0, y: 0, w: 140, h: 200, title: 'Full' });
    const inside = note('in', { cluster: 's', x: CLUSTER_GAP, y: CLUSTER_HEADER });
    const a = note('a', { x: 900, y: 900 });
    const grown = planMoveTo(scene([inside, a], [small]), [a], { kind: 'cluster', id: 's' }, true);
    const [move] = grown?.plan.moves ?? [];
    expect(move?.y).toBeGreaterThanOrEqual(CLUSTER_HEADER + inside.h);
    expect(grown?.plan.grow).toEqual([{ cluster: 's', h: (move?.y ?? 0) + a.h + CLUSTER_GAP }]);
    expect(grown?.outside).toBe(false);
    // Without that right the frame stays as it is, and the plan says the notes are outside it.
    const kept = planMoveTo(scene([inside, a], [small]), [a], { kind: 'cluster', id: 's' });
    expect(kept?.plan.grow).toBeUndefined();
    expect(kept?.outside).toBe(true);
    expect(kept?.plan.join).toEqual([{ cluster: 's', ids: ['a'] }]);
    // A frame with room grows for nobody.
    const roomy = planMoveTo(scene([a], [topic]), [a], { kind: 'cluster', id: 'k' }, true);
    expect(roomy?.plan.grow).toBeUndefined();
    expect(roomy?.outside).toBe(false);
  });

  it('takes notes out of a topic into free space, not inside its frame', () => {
    const a = note('a', { cluster: 'k', x: 1100, y: 100 });
    const planned = planMoveTo(scene([a], [topic]), [a], { kind: 'noCluster' });
    expect(planned?.plan.leave).toEqual(['a']);
    const [move] = planned?.plan.moves ?? [];
    expect(overlaps({ x: move?.x ?? 0, y: move?.y ?? 0, w: 100, h: 100 }, topic)).toBe(false);
  });
});

describe('destinations', () => {
  it('lists topics as the board reads them, then every cell, and the ways out', () => {
    const late = cluster('late', { x: 0, y: 2000, title: 'Later' });
    const early = cluster('early', { x: 0, y: 0, title: 'Earlier' });
    const inTopic = note('a', { cluster: 'late', cell: { lane: 'L', period: 'P1' } });
    const list = destinations(scene([], [late, early]), [inTopic]);
    expect(list.map((d) => d.to.kind)).toEqual([
      'cluster',
      'cluster',
      'noCluster',
      'cell',
      'cell',
      'noCell',
    ]);
    expect(list.slice(0, 2).map((d) => d.title)).toEqual(['Earlier', 'Later']);
    expect(list[3]).toMatchObject({ title: 'Mobility', period: '2026' });
  });
});
