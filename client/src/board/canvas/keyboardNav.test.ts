import { describe, expect, it } from 'vitest';
import {
  focusBoxOf,
  nearestInDirection,
  readingOrder,
  revealViewport,
  uncoveredArea,
} from './keyboardNav';
import { layoutRoadmap } from './roadmapLayout';
import { cluster, note } from './testNotes';

const ids = (notes: readonly { id: string }[]) => notes.map((n) => n.id);

/** A grid of notes named by row and column: a1 a2 a3 / b1 b2 b3 / ..., 200 units apart. */
function grid(rows: string, columns: number) {
  return [...rows].flatMap((row, r) =>
    Array.from({ length: columns }, (_, c) =>
      note(`${row}${c + 1}`, { x: c * 200, y: r * 200, w: 150, h: 150 }),
    ),
  );
}

describe('nearestInDirection', () => {
  const notes = grid('abc', 3);
  const at = (id: string) => notes.find((n) => n.id === id) as (typeof notes)[number];

  it('goes to the neighbour in each direction on a grid', () => {
    expect(nearestInDirection(notes, at('b2'), 'right')?.id).toBe('b3');
    expect(nearestInDirection(notes, at('b2'), 'left')?.id).toBe('b1');
    expect(nearestInDirection(notes, at('b2'), 'up')?.id).toBe('a2');
    expect(nearestInDirection(notes, at('b2'), 'down')?.id).toBe('c2');
  });

  it('finds nothing past the edge', () => {
    expect(nearestInDirection(notes, at('a3'), 'right')).toBeNull();
    expect(nearestInDirection(notes, at('a1'), 'up')).toBeNull();
  });

  it('prefers a note in line over a closer one off to the side', () => {
    const from = note('from', { x: 0, y: 0 });
    const inLine = note('inLine', { x: 500, y: 20 });
    const diagonal = note('diagonal', { x: 200, y: 250 });
    expect(nearestInDirection([from, inLine, diagonal], from, 'right')?.id).toBe('inLine');
  });

  it('reaches a note that is only partly that way (not only within a 45° cone)', () => {
    const from = note('from', { x: 0, y: 0 });
    const below = note('below', { x: 80, y: 400 });
    expect(nearestInDirection([from, below], from, 'right')?.id).toBe('below');
  });

  it('never picks a note stacked exactly on the same centre (Tab reaches it)', () => {
    const from = note('from');
    expect(nearestInDirection([from, note('same')], from, 'right')).toBeNull();
  });
});

describe('readingOrder', () => {
  it('reads loose notes in lines, top to bottom and left to right', () => {
    const notes = [
      note('c', { x: 0, y: 300 }),
      note('b', { x: 400, y: 10 }),
      note('a', { x: 0, y: 40 }),
    ];
    expect(ids(readingOrder(notes, [], null))).toEqual(['a', 'b', 'c']);
  });

  it('reads a topic whole where its frame is, in the topic order', () => {
    const notes = [
      note('before', { x: 0, y: 0 }),
      note('m2', { x: 700, y: 400, cluster: 'k' }),
      note('m1', { x: 900, y: 600, cluster: 'k' }),
      note('beside', { x: 1500, y: 300 }),
      note('after', { x: 0, y: 2000 }),
    ];
    const topic = cluster('k', { x: 600, y: 300, members: ['m1', 'm2'] });
    expect(ids(readingOrder(notes, [topic], null))).toEqual([
      'before',
      'm1',
      'm2',
      'beside',
      'after',
    ]);
  });

  it('reads the roadmap theme by theme, period by period', () => {
    const roadmap = {
      lanes: [
        { id: 'L1', title: '', order: 'a0', locked: false, lang: null, translations: {} },
        { id: 'L2', title: '', order: 'a1', locked: false, lang: null, translations: {} },
      ],
      periods: [
        { id: 'P1', title: '', order: 'a0', locked: false, lang: null, translations: {} },
        { id: 'P2', title: '', order: 'a1', locked: false, lang: null, translations: {} },
      ],
    };
    const geometry = layoutRoadmap(roadmap, []).geometry;
    if (!geometry) throw new Error('no roadmap');
    const notes = [
      note('late2', { cell: { lane: 'L2', period: 'P2' } }),
      note('early2', { cell: { lane: 'L2', period: 'P1' } }),
      note('late1', { cell: { lane: 'L1', period: 'P2' } }),
      note('early1', { cell: { lane: 'L1', period: 'P1' } }),
      note('far', { x: geometry.x, y: geometry.y + 5000 }),
    ];
    expect(ids(readingOrder(notes, [], geometry))).toEqual([
      'early1',
      'late1',
      'early2',
      'late2',
      'far',
    ]);
  });

  it('counts a note in a topic as the topic’s even when it is on the roadmap too', () => {
    const geometry = layoutRoadmap(
      {
        lanes: [{ id: 'L', title: '', order: 'a0', locked: false, lang: null, translations: {} }],
        periods: [{ id: 'P', title: '', order: 'a0', locked: false, lang: null, translations: {} }],
      },
      [],
    ).geometry;
    const both = note('both', { cluster: 'k', cell: { lane: 'L', period: 'P' } });
    const topic = cluster('k', { x: 5000, y: 5000, members: ['both'] });
    expect(ids(readingOrder([both, note('cell', { cell: both.cell })], [topic], geometry))).toEqual(
      ['cell', 'both'],
    );
  });

  it('lists every note once, and the same way whatever order they come in', () => {
    const notes = grid('ab', 4);
    const topic = cluster('k', { x: 0, y: 0, members: ['a2', 'b3'] });
    const once = readingOrder(notes, [topic], null);
    expect(new Set(ids(once)).size).toBe(notes.length);
    expect(ids(readingOrder([...notes].reverse(), [topic], null))).toEqual(ids(once));
  });
});

describe('revealViewport', () => {
  const size = { width: 800, height: 600 };
  const view = { x: 0, y: 0, scale: 1 };

  it('leaves the view alone when the note is on screen', () => {
    expect(revealViewport(view, size, { x: 100, y: 100, w: 100, h: 100 })).toBe(view);
  });

  it('moves the view just enough, with a margin, keeping the zoom', () => {
    const right = revealViewport(view, size, { x: 900, y: 100, w: 100, h: 100 });
    expect(right).toEqual({ x: -248, y: 0, scale: 1 });
    const above = revealViewport({ x: 0, y: 0, scale: 2 }, size, { x: 10, y: -100, w: 50, h: 50 });
    expect(above).toEqual({ x: 28, y: 248, scale: 2 });
  });

  it('shows the top left of a note larger than the screen', () => {
    const big = revealViewport(view, size, { x: 1000, y: 1000, w: 2000, h: 2000 });
    expect(big.x).toBe(-952);
    expect(big.y).toBe(-952);
  });

  it('keeps the note clear of the controls over the canvas', () => {
    const covered = { top: 50, right: 0, bottom: 100, left: 0 };
    // A note whose bottom is at 480: on screen, but 20 px under a toolbar that starts at 500.
    const under = revealViewport(view, size, { x: 100, y: 380, w: 100, h: 100 }, covered);
    expect(under).toEqual({ x: 0, y: -28, scale: 1 });
    // Above the screen: below the search bar, not just below the edge.
    const above = revealViewport(view, size, { x: 100, y: -200, w: 100, h: 100 }, covered);
    expect(above).toEqual({ x: 0, y: 298, scale: 1 });
    // Already clear of both: left alone.
    expect(revealViewport(view, size, { x: 100, y: 150, w: 100, h: 100 }, covered)).toBe(view);
  });

  it('counts covers only as far as they leave half of the canvas', () => {
    // Covers of 400 + 200 on a 600 px canvas leave 300 px: 200 + 100 of them count.
    const covered = { top: 400, right: 0, bottom: 200, left: 0 };
    const note = revealViewport(view, size, { x: 100, y: 0, w: 100, h: 50 }, covered);
    expect(note.y).toBe(200 + 48);
  });
});

describe('focusBoxOf', () => {
  const scene = { byId: new Map([['a', { x: 100, y: 50, w: 200, h: 200 }]]) };
  const size = { width: 800, height: 600 };

  it('is where the note is drawn, in screen pixels', () => {
    const box = focusBoxOf(scene, 'a', { viewport: { x: 10, y: 20, scale: 0.5 }, size });
    expect(box).toEqual({ x: 60, y: 45, w: 100, h: 100 });
  });

  it('stays within the canvas, and is nothing for a note off it or no note', () => {
    const half = focusBoxOf(scene, 'a', { viewport: { x: -200, y: 0, scale: 1 }, size });
    expect(half).toEqual({ x: 0, y: 50, w: 100, h: 200 });
    expect(focusBoxOf(scene, 'a', { viewport: { x: -900, y: 0, scale: 1 }, size })).toBeNull();
    expect(focusBoxOf(scene, null, { viewport: { x: 0, y: 0, scale: 1 }, size })).toBeNull();
  });
});

describe('uncoveredArea', () => {
  it('is the canvas less its covered edges, each counted only as far as it leaves half', () => {
    const size = { width: 1000, height: 800 };
    expect(uncoveredArea(size, { top: 60, right: 0, bottom: 120, left: 0 })).toEqual({
      x: 0,
      y: 60,
      w: 1000,
      h: 620,
    });
    // A phone in landscape: 300 of 400 px covered counts as 200, in proportion.
    const low = uncoveredArea(
      { width: 800, height: 400 },
      { top: 100, right: 0, bottom: 200, left: 0 },
    );
    expect(low.h).toBeCloseTo(200);
    expect(low.y).toBeCloseTo(200 / 3);
  });
});
