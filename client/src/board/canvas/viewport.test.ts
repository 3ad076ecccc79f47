import { describe, expect, it } from 'vitest';
import {
  boardToScreen,
  boundsOf,
  fitBounds,
  fitBoundsIn,
  interpretWheel,
  LEGIBLE_TEXT_PX,
  legibleViewport,
  MAX_SCALE,
  MIN_SCALE,
  OPEN_MIN_SCALE,
  openingViewport,
  panBy,
  screenToBoard,
  viewCenter,
  zoomBy,
  zoomTo,
} from './viewport';

const wheel = (over: Partial<Parameters<typeof interpretWheel>[0]>) =>
  interpretWheel({
    deltaX: 0,
    deltaY: 0,
    deltaMode: 0,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...over,
  });

describe('viewport', () => {
  it('maps board to screen and back', () => {
    const view = { x: 40, y: -10, scale: 2 };
    expect(boardToScreen(view, { x: 5, y: 5 })).toEqual({ x: 50, y: 0 });
    expect(screenToBoard(view, { x: 50, y: 0 })).toEqual({ x: 5, y: 5 });
  });

  it('keeps the board point under the pointer fixed while zooming', () => {
    const view = { x: 13, y: 7, scale: 0.8 };
    const anchor = { x: 300, y: 200 };
    const before = screenToBoard(view, anchor);
    const after = screenToBoard(zoomBy(view, anchor, 1.7), anchor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('clamps the zoom', () => {
    expect(zoomTo({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 100).scale).toBe(MAX_SCALE);
    expect(zoomTo({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 0).scale).toBe(MIN_SCALE);
    expect(zoomTo({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, Number.NaN).scale).toBe(1);
  });

  it('pans in screen pixels', () => {
    expect(panBy({ x: 1, y: 2, scale: 3 }, 10, -5)).toEqual({ x: 11, y: -3, scale: 3 });
  });

  it('finds the board point at the middle of the screen', () => {
    expect(viewCenter({ x: 100, y: 50, scale: 2 }, { width: 800, height: 600 })).toEqual({
      x: 150,
      y: 125,
    });
  });

  it('fits bounds into the part of the canvas no control covers, centred there', () => {
    // A 1000 x 800 canvas whose top 60 and bottom 120 px are under the search bar and toolbar.
    const area = { x: 0, y: 60, w: 1000, h: 620 };
    const fit = fitBoundsIn({ x: 0, y: 0, w: 1000, h: 1000 }, area, 40);
    expect(fit.scale).toBeCloseTo(540 / 1000);
    const top = boardToScreen(fit, { x: 0, y: 0 });
    const bottom = boardToScreen(fit, { x: 1000, y: 1000 });
    expect(top.y).toBeCloseTo(100);
    expect(bottom.y).toBeCloseTo(640);
    expect((top.x + bottom.x) / 2).toBeCloseTo(500);
  });

  it('fits bounds centred without zooming in past the cap', () => {
    const size = { width: 1000, height: 800 };
    const small = fitBounds({ x: 0, y: 0, w: 100, h: 100 }, size);
    expect(small.scale).toBe(1);
    expect(boardToScreen(small, { x: 50, y: 50 })).toEqual({ x: 500, y: 400 });
    const big = fitBounds({ x: -2000, y: 0, w: 4000, h: 500 }, size, 0);
    expect(big.scale).toBeCloseTo(0.25);
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 0, y: 0, w: 10, h: 10 },
        { x: -5, y: 20, w: 10, h: 10 },
      ]),
    ).toEqual({ x: -5, y: 0, w: 15, h: 30 });
  });
});

describe('interpretWheel', () => {
  it('zooms on ctrl+wheel (trackpad pinch), in the right direction', () => {
    const zoomIn = wheel({ deltaY: -10, ctrlKey: true });
    expect(zoomIn.kind).toBe('zoom');
    if (zoomIn.kind === 'zoom') expect(zoomIn.factor).toBeGreaterThan(1);
    const zoomOut = wheel({ deltaY: 10, metaKey: true });
    if (zoomOut.kind === 'zoom') expect(zoomOut.factor).toBeLessThan(1);
  });

  it('zooms on a mouse wheel notch', () => {
    expect(wheel({ deltaY: 100 }).kind).toBe('zoom');
    expect(wheel({ deltaY: 3, deltaMode: 1 }).kind).toBe('zoom');
  });

  it('pans on a two-finger trackpad scroll', () => {
    expect(wheel({ deltaX: 4, deltaY: -6.5 })).toEqual({ kind: 'pan', dx: -4, dy: 6.5 });
  });

  it('pans sideways on shift+wheel', () => {
    expect(wheel({ deltaY: 100, shiftKey: true })).toEqual({ kind: 'pan', dx: -100, dy: 0 });
  });

  it('caps one event to at most doubling or halving', () => {
    const action = wheel({ deltaY: -100_000, ctrlKey: true });
    expect(action).toEqual({ kind: 'zoom', factor: 2 });
  });
});

describe('legible zoom', () => {
  const size = { width: 1000, height: 800 };
  const note = { x: 100, y: 100, w: 160, h: 160 };

  it('leaves a view where the note text is legible, zooms to the note where it is not', () => {
    const legible = { x: 0, y: 0, scale: 1 };
    expect(legibleViewport(legible, size, note, 22)).toBe(legible);
    const far = { x: 0, y: 0, scale: 0.2 };
    const zoomed = legibleViewport(far, size, note, 22);
    expect(22 * zoomed.scale).toBeGreaterThanOrEqual(LEGIBLE_TEXT_PX);
    // Centred on the note.
    expect(zoomed.x + 180 * zoomed.scale).toBeCloseTo(500);
    expect(zoomed.y + 180 * zoomed.scale).toBeCloseTo(400);
  });

  it('opens a small board whole, and a large one legible at its beginning', () => {
    const small = openingViewport([note, { x: 400, y: 100, w: 160, h: 160 }], size);
    expect(small.scale).toBe(1);
    const screen = (view: { x: number; y: number; scale: number }, x: number, y: number) => ({
      x: view.x + x * view.scale,
      y: view.y + y * view.scale,
    });

    // Tall: notes at the top, a roadmap far below. The top comes first, with the notes
    // centred across (they fit across), not the empty middle between them and the roadmap.
    const notes = [note, { x: 300, y: 120, w: 160, h: 160 }, { x: 200, y: 80, w: 160, h: 160 }];
    const roadmap = { x: 0, y: 3000, w: 3800, h: 300 };
    const tall = openingViewport([...notes, roadmap], size, 48);
    expect(tall.scale).toBe(OPEN_MIN_SCALE);
    expect(screen(tall, 100, 80).y).toBeCloseTo(24);
    expect(screen(tall, (100 + 460) / 2, 0).x).toBeCloseTo(500);

    // Wide: it starts at the left edge, centred down (it fits down).
    const row = Array.from({ length: 20 }, (_, i) => ({ x: i * 200, y: 0, w: 160, h: 160 }));
    const wide = openingViewport(row, size, 48);
    expect(screen(wide, 0, 0).x).toBeCloseTo(24);
    expect(screen(wide, 0, 80).y).toBeCloseTo(400);

    // Under a search bar (60 px) and above a toolbar (120 px): the free area's top.
    const area = { x: 0, y: 60, w: 1000, h: 620 };
    const clear = openingViewport([...notes, roadmap], size, 48, area);
    expect(screen(clear, 100, 80).y).toBeCloseTo(84);

    // Its first screenful is a far-right note; a topic lies lower down on the left. The view
    // starts at the note, not at the empty top-left corner of the two.
    const far = { x: 3000, y: 0, w: 160, h: 160 };
    const topic = { x: 0, y: 2000, w: 500, h: 500 };
    const lShape = openingViewport([far, topic], size, 48);
    expect(screen(lShape, 3080, 0).x).toBeCloseTo(500);
    expect(screen(lShape, 3080, 0).y).toBeCloseTo(24);
  });
});
