import { describe, expect, it } from 'vitest';
import {
  boardOutsideView,
  fromMap,
  minimapTransform,
  minimapWorld,
  toMap,
  visibleBoard,
} from './minimap';
import { follow, isDoublePress, SNAP_DISTANCE } from './motion';
import { pinchViewport } from './pinch';
import { findMatches, stepMatch } from './search';
import { note } from './testNotes';
import { centerOn } from './viewport';

describe('minimap', () => {
  it('shows only when some of the board lies outside the view', () => {
    const view = { x: 0, y: 0, w: 1000, h: 800 };
    expect(boardOutsideView(null, view)).toBe(false);
    expect(boardOutsideView({ x: 10, y: 10, w: 980, h: 780 }, view)).toBe(false);
    expect(boardOutsideView({ x: 0, y: 0, w: 1000, h: 800 }, view)).toBe(false);
    expect(boardOutsideView({ x: -1, y: 10, w: 500, h: 500 }, view)).toBe(true);
    expect(boardOutsideView({ x: 10, y: 10, w: 500, h: 791 }, view)).toBe(true);
  });

  it('fits the world into the map, centred, and maps both ways', () => {
    const t = minimapTransform({ x: 0, y: 0, w: 1000, h: 500 }, { width: 200, height: 200 }, 0);
    expect(t.scale).toBe(0.2);
    expect(toMap(t, { x: 0, y: 0, w: 1000, h: 500 })).toEqual({ x: 0, y: 50, w: 200, h: 100 });
    expect(fromMap(t, { x: 100, y: 100 })).toEqual({ x: 500, y: 250 });
  });
  it('always includes the current view', () => {
    const view = visibleBoard({ x: 0, y: 0, scale: 0.5 }, { width: 100, height: 100 });
    expect(view).toEqual({ x: 0, y: 0, w: 200, h: 200 });
    expect(minimapWorld({ x: 500, y: 500, w: 10, h: 10 }, view)).toEqual({
      x: 0,
      y: 0,
      w: 510,
      h: 510,
    });
  });
  it('centres the view on a board point', () => {
    expect(
      centerOn({ x: 0, y: 0, scale: 2 }, { width: 100, height: 100 }, { x: 10, y: 10 }),
    ).toEqual({ x: 30, y: 30, scale: 2 });
  });
});

describe('search', () => {
  const notes = [
    note('b', { text: 'Pyöräilyn edistäminen', x: 0, y: 100 }),
    note('a', { text: 'PYÖRÄTIET kuntoon', x: 50, y: 0 }),
    note('c', { text: 'Bussit', x: 0, y: 0 }),
    note('d', { text: 'Pyoratie ilman pisteitä', x: 0, y: 0 }),
  ];
  it('ignores case, keeps ä apart from a, and lists matches in reading order', () => {
    expect(findMatches(notes, 'pyör', 'fi')).toEqual(['a', 'b']);
    expect(findMatches(notes, 'pyor', 'fi')).toEqual(['d']);
    expect(findMatches(notes, '  ', 'fi')).toEqual([]);
  });
  it('matches composed and decomposed letters alike', () => {
    expect(findMatches(notes, 'pyo\u0308r', 'fi')).toEqual(['a', 'b']);
  });
  it('steps around the ring of matches', () => {
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe('pinch', () => {
  it('zooms with the finger distance around their midpoint', () => {
    const start = { x: 0, y: 0, scale: 1 };
    const next = pinchViewport(
      start,
      { x: 90, y: 100 },
      { x: 110, y: 100 },
      { x: 80, y: 100 },
      { x: 120, y: 100 },
    );
    expect(next).toEqual({ scale: 2, x: -100, y: -100 });
  });
  it('pans when both fingers move together', () => {
    const start = { x: 0, y: 0, scale: 1 };
    const next = pinchViewport(
      start,
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 30, y: 5 },
      { x: 40, y: 5 },
    );
    expect(next).toEqual({ scale: 1, x: 30, y: 5 });
  });
});

describe('cursor motion', () => {
  it('moves part of the way each frame and arrives', () => {
    let p = { x: 0, y: 0 };
    p = follow(p, { x: 100, y: 0 }, 16);
    expect(p.x).toBeGreaterThan(10);
    expect(p.x).toBeLessThan(50);
    for (let i = 0; i < 60; i++) p = follow(p, { x: 100, y: 0 }, 16);
    expect(p).toEqual({ x: 100, y: 0 });
  });
  it('snaps across long jumps', () => {
    expect(follow({ x: 0, y: 0 }, { x: SNAP_DISTANCE + 1, y: 0 }, 16)).toEqual({
      x: SNAP_DISTANCE + 1,
      y: 0,
    });
  });
  it('tells a double press from two separate ones', () => {
    const first = { time: 0, x: 0, y: 0 };
    expect(isDoublePress(first, { time: 300, x: 4, y: 3 })).toBe(true);
    expect(isDoublePress(first, { time: 500, x: 0, y: 0 })).toBe(false);
    expect(isDoublePress(first, { time: 100, x: 40, y: 0 })).toBe(false);
    expect(isDoublePress(null, first)).toBe(false);
  });
});
