import { CLUSTER_GAP, CLUSTER_HEADER, overlaps } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { layoutRoadmap } from '../canvas/roadmapLayout';
import { cluster, note } from '../canvas/testNotes';
import type { Scene } from '../stage/useScene';
import {
  destinations,
  framesMovedDown,
  NO_TOPIC_RIGHTS,
  planMoveTo,
  slotsInFrame,
  type TopicRights,
} from './moveTo';

const ALL_RIGHTS: TopicRights = { grow: () => true, move: () => true };

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
    const grown = planMoveTo(
      scene([inside, a], [small]),
      [a],
      { kind: 'cluster', id: 's' },
      ALL_RIGHTS,
    );
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
    const roomy = planMoveTo(scene([a], [topic]), [a], { kind: 'cluster', id: 'k' }, ALL_RIGHTS);
    expect(roomy?.plan.grow).toBeUndefined();
    expect(roomy?.outside).toBe(false);
  });

  it('moves the frames under a grown one down, keeping their gaps, where the person may', () => {
    const full = cluster('s', { x: 0, y: 0, w: 140, h: 200, title: 'Full' });
    const inside = note('in', { cluster: 's', x: CLUSTER_GAP, y: CLUSTER_HEADER });
    const under = cluster('u', { x: 0, y: 220, w: 400, h: 200, title: 'Under' });
    const a = note('a', { x: 900, y: 900 });
    const to = { kind: 'cluster', id: 's' } as const;
    const planned = planMoveTo(scene([inside, a], [full, under]), [a], to, ALL_RIGHTS);
    const h = planned?.plan.grow?.[0]?.h ?? 0;
    expect(h).toBeGreaterThan(200);
    expect(planned?.plan.shift).toEqual([{ cluster: 'u', x: 0, y: h + 20 }]);
    expect(planned?.pushed).toBe(1);
    // Without the right to move it, the frame under stays (and the plan says none moved).
    const mayGrowOnly = { ...NO_TOPIC_RIGHTS, grow: () => true };
    const kept = planMoveTo(scene([inside, a], [full, under]), [a], to, mayGrowOnly);
    expect(kept?.plan.grow).toEqual(planned?.plan.grow);
    expect(kept?.plan.shift).toBeUndefined();
    expect(kept?.pushed).toBe(0);
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

describe('framesMovedDown', () => {
  const grown = { id: 'g', x: 0, y: 0, w: 300, h: 200 };
  const rights = { move: () => true };
  const frames = (...list: ReturnType<typeof cluster>[]) =>
    scene([], [cluster('g', grown), ...list]);

  it('moves what is right under, and what that then reaches, each keeping its gap', () => {
    const near = cluster('near', { x: 100, y: 230, w: 300, h: 100 });
    const next = cluster('next', { x: 350, y: 340, w: 100, h: 100 });
    const moved = framesMovedDown(frames(near, next), grown, 400, rights);
    // near kept its 30 of gap to the grown frame; next, only under near, its 10 to near.
    expect(moved).toEqual([
      { cluster: 'near', x: 100, y: 430 },
      { cluster: 'next', x: 350, y: 540 },
    ]);
  });

  it('leaves frames beside it, far below it, and those the person may not move', () => {
    const beside = cluster('beside', { x: 320, y: 100, w: 100, h: 300 });
    const across = cluster('across', { x: 310, y: 210, w: 100, h: 100 });
    const far = cluster('far', { x: 0, y: 800, w: 300, h: 100 });
    const locked = cluster('locked', { x: 0, y: 210, w: 300, h: 100 });
    const moved = framesMovedDown(frames(beside, across, far, locked), grown, 400, {
      move: (c) => c.id !== 'locked',
    });
    expect(moved).toEqual([]);
    // A gap larger than two frame gaps is kept at two: far moves once the growth reaches it.
    expect(framesMovedDown(frames(far), grown, 790, rights)).toEqual([
      { cluster: 'far', x: 0, y: 790 + 2 * CLUSTER_GAP },
    ]);
  });
});
