import { describe, expect, it } from 'vitest';
import {
  type Box,
  findFreeSpot,
  overlaps,
  PLACEMENT_GAP,
  type PlacedNote,
  unstackedSpot,
} from './placement';

const note = (x: number, y: number): Box => ({ x, y, w: 160, h: 160 });
const placed = (at: { x: number; y: number }, size: { w: number; h: number }): Box => ({
  ...at,
  ...size,
});
const clearOf = (box: Box, occupied: readonly Box[]) =>
  occupied.every(
    (other) =>
      !overlaps(
        {
          x: box.x - PLACEMENT_GAP + 1,
          y: box.y - PLACEMENT_GAP + 1,
          w: box.w + 2 * PLACEMENT_GAP - 2,
          h: box.h + 2 * PLACEMENT_GAP - 2,
        },
        other,
      ),
  );

describe('findFreeSpot', () => {
  it('centres the block on the point when that is free', () => {
    expect(findFreeSpot([], { w: 160, h: 160 }, { x: 100, y: 100 })).toEqual({ x: 20, y: 20 });
    expect(findFreeSpot([note(1000, 1000)], { w: 160, h: 160 }, { x: 0, y: 0 })).toEqual({
      x: -80,
      y: -80,
    });
  });

  it('never puts a new note on top of one, nor touching it', () => {
    const occupied = [note(20, 20)];
    const spot = findFreeSpot(occupied, { w: 160, h: 160 }, { x: 100, y: 100 });
    expect(clearOf(placed(spot, { w: 160, h: 160 }), occupied)).toBe(true);
    // …and stays next to it: within a note's width and a gap.
    expect(Math.hypot(spot.x - 20, spot.y - 20)).toBeLessThanOrEqual(160 + 2 * PLACEMENT_GAP + 40);
  });

  it('pressing "add note" again and again fills the space around the centre, overlapping none', () => {
    const occupied: Box[] = [];
    for (let i = 0; i < 30; i++) {
      const spot = findFreeSpot(occupied, { w: 160, h: 160 }, { x: 0, y: 0 });
      const box = placed(spot, { w: 160, h: 160 });
      expect(clearOf(box, occupied)).toBe(true);
      occupied.push(box);
    }
    // 30 notes of 180 with their gaps fit in about 6 x 6 notes around the centre.
    for (const box of occupied) {
      expect(Math.abs(box.x + 80)).toBeLessThan(4 * 180);
      expect(Math.abs(box.y + 80)).toBeLessThan(4 * 180);
    }
  });

  it('puts a block of 500 pasted lines beside a roadmap and clusters, not over them', () => {
    const roadmap: Box = { x: -2000, y: -1000, w: 4000, h: 2000 };
    const clusters: Box[] = [
      { x: 2200, y: -600, w: 900, h: 700 },
      { x: -2000, y: 1200, w: 1200, h: 900 },
    ];
    const notes = Array.from({ length: 200 }, (_, i) => note(-1900 + (i % 20) * 190, 1200 + i));
    const occupied = [roadmap, ...clusters, ...notes];
    const block = { w: 23 * 180, h: 22 * 180 };
    const spot = findFreeSpot(occupied, block, { x: 0, y: 0 });
    expect(clearOf(placed(spot, block), occupied)).toBe(true);
    // Near: its centre within a few block sizes of the view's centre, not thrown far away.
    const centre = { x: spot.x + block.w / 2, y: spot.y + block.h / 2 };
    expect(Math.hypot(centre.x, centre.y)).toBeLessThan(2 * (block.w + roadmap.w));
  });

  it('chooses the nearest free side', () => {
    // A wall of notes with free space only to the right, close, and far to the left.
    const occupied = [{ x: -1500, y: -2000, w: 1600, h: 4000 }];
    const spot = findFreeSpot(occupied, { w: 160, h: 160 }, { x: 0, y: 0 });
    expect(spot.x).toBeGreaterThanOrEqual(100 + PLACEMENT_GAP);
    expect(spot.x).toBeLessThan(100 + PLACEMENT_GAP + 80);
    expect(Math.abs(spot.y + 80)).toBeLessThanOrEqual(40);
  });

  it('is deterministic', () => {
    const occupied = Array.from({ length: 50 }, (_, i) => note((i % 7) * 170, (i * 37) % 900));
    const a = findFreeSpot(occupied, { w: 400, h: 300 }, { x: 300, y: 300 });
    const b = findFreeSpot([...occupied].reverse(), { w: 400, h: 300 }, { x: 300, y: 300 });
    expect(a).toEqual(b);
  });

  it('falls back to below everything when nothing near is free', () => {
    const huge: Box = { x: -1e6, y: -1e6, w: 2e6, h: 1e6 + 500 };
    const spot = findFreeSpot([huge], { w: 160, h: 160 }, { x: 0, y: 0 });
    expect(spot.y).toBeGreaterThanOrEqual(500 + PLACEMENT_GAP);
  });
});

describe('unstackedSpot', () => {
  const at = (id: string, x: number, y: number, createdAt = 1000): PlacedNote => ({
    id,
    x,
    y,
    w: 200,
    h: 200,
    createdAt,
  });

  it('spreads notes added at the same spot at the same moment, each client moving its own', () => {
    const stack = ['f', 'b', 'e', 'a', 'd', 'c'].map((id, i) => at(id, 100, 100, 1000 + i * 50));
    const old = at('old', 400, 100, 0);
    const board = [...stack, old];
    // Each client reads the same board and computes only its own note's place.
    const settled = stack.map((own) => ({ ...own, ...(unstackedSpot(own, board) ?? own) }));
    expect(settled.find((note) => note.id === 'a')).toMatchObject({ x: 100, y: 100 });
    const all = [...settled, old];
    for (const [i, one] of all.entries()) {
      for (const other of all.slice(i + 1)) expect(overlaps(one, other)).toBe(false);
    }
    // Each moved note is near the one that stayed: on the first rings around it.
    for (const note of settled) {
      expect(Math.hypot(note.x - 100, note.y - 100)).toBeLessThan(3 * 240);
    }
  });

  it('leaves a note that nothing added at the same moment covers', () => {
    const own = at('b', 100, 100);
    expect(unstackedSpot(own, [own, at('c', 1000, 1000)])).toBeNull();
    // The first of a stack stays.
    expect(unstackedSpot(at('a', 100, 100), [at('a', 100, 100), own])).toBeNull();
    // A note added long before, which someone dragged here, is not a stack: moving it is theirs.
    expect(unstackedSpot(own, [own, at('a', 120, 100, 1000 - 60_000)])).toBeNull();
  });

  it('keeps clear of what else is on the board', () => {
    const own = at('b', 100, 100);
    const cluster = { x: 300, y: -400, w: 600, h: 1200 };
    const spot = unstackedSpot(own, [at('a', 100, 100), own], [cluster]);
    expect(spot).not.toBeNull();
    expect(overlaps({ ...(spot as { x: number; y: number }), w: 200, h: 200 }, cluster)).toBe(
      false,
    );
  });
});
