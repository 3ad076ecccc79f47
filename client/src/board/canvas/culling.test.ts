import { describe, expect, it } from 'vitest';
import {
  cull,
  levelOfDetail,
  MAX_DETAILED_NOTES,
  nextCullArea,
  OVERVIEW_BELOW_SCALE,
  visibleArea,
} from './culling';
import { note } from './testNotes';

const screen = { width: 1000, height: 500 };

describe('visibleArea', () => {
  it('is the screen in board units, widened by the margin', () => {
    expect(visibleArea({ x: 0, y: 0, scale: 1 }, screen, 0)).toEqual({
      x: 0,
      y: 0,
      w: 1000,
      h: 500,
    });
    expect(visibleArea({ x: -200, y: 100, scale: 2 }, screen, 0)).toEqual({
      x: 100,
      y: -50,
      w: 500,
      h: 250,
    });
    expect(visibleArea({ x: 0, y: 0, scale: 1 }, screen, 0.5)).toEqual({
      x: -500,
      y: -250,
      w: 2000,
      h: 1000,
    });
  });
});

describe('cull', () => {
  it('keeps only what intersects the area', () => {
    const notes = [note('in', { x: 10, y: 10 }), note('edge', { x: 950, y: 450 })];
    notes.push(note('out', { x: 2000, y: 10 }), note('left', { x: -150, y: 0 }));
    const area = visibleArea({ x: 0, y: 0, scale: 1 }, screen, 0);
    expect(cull(notes, area).map((n) => n.id)).toEqual(['in', 'edge']);
  });
});

describe('nextCullArea', () => {
  it('keeps the area during a short pan and renews it when the view leaves it', () => {
    const a = nextCullArea(null, { x: 0, y: 0, scale: 1 }, screen);
    expect(a).toEqual({ x: -500, y: -250, w: 2000, h: 1000 });
    expect(nextCullArea(a, { x: -300, y: 200, scale: 1 }, screen)).toBe(a);
    const b = nextCullArea(a, { x: -600, y: 0, scale: 1 }, screen);
    expect(b).not.toBe(a);
    expect(b.x).toBe(100);
  });
  it('renews it after zooming in far, so fewer notes stay mounted', () => {
    const a = nextCullArea(null, { x: 0, y: 0, scale: 1 }, screen);
    expect(nextCullArea(a, { x: 0, y: 0, scale: 4 }, screen)).not.toBe(a);
  });
});

describe('levelOfDetail', () => {
  it('draws plain rectangles when zoomed out or when too many notes are on screen', () => {
    expect(levelOfDetail(1, 10)).toBe('full');
    expect(levelOfDetail(OVERVIEW_BELOW_SCALE - 0.01, 10)).toBe('overview');
    expect(levelOfDetail(1, MAX_DETAILED_NOTES + 1)).toBe('overview');
  });
});
