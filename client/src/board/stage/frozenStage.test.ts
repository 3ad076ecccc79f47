import { describe, expect, it } from 'vitest';
import type { Viewport } from '../canvas/viewport';
import { frozenTransform, stageMargin } from './frozenStage';

/** Where a board point lands on screen when the canvas drawn at `drawn` is shown by `css`. */
function onScreen(
  p: { x: number; y: number },
  drawn: Viewport,
  css: string,
  margin: { x: number; y: number },
) {
  const match =
    /^translate\((-?[\d.e-]+)px, (-?[\d.e-]+)px\)(?: scale\(([\d.e-]+)\))?$/.exec(css) ?? [];
  const [dx, dy, k] = [Number(match[1] ?? 0), Number(match[2] ?? 0), Number(match[3] ?? 1)];
  // In the canvas (its corner `margin` up and left of the screen's), then the transform
  // about that corner.
  const inCanvas = {
    x: margin.x + p.x * drawn.scale + drawn.x,
    y: margin.y + p.y * drawn.scale + drawn.y,
  };
  return { x: -margin.x + dx + k * inCanvas.x, y: -margin.y + dy + k * inCanvas.y };
}

describe('frozenTransform', () => {
  const margin = stageMargin({ width: 1000, height: 500 });

  it('reaches a tenth of the screen past each edge, as culling keeps mounted', () => {
    expect(margin).toEqual({ x: 100, y: 50 });
  });

  it('is no transform at all when the live view is the drawn one', () => {
    expect(frozenTransform({ x: 5, y: 6, scale: 0.6 }, { x: 5, y: 6, scale: 0.6 }, margin)).toBe(
      '',
    );
  });

  it('moves the drawn picture with a pan, without scaling it', () => {
    const drawn = { x: -300, y: 40, scale: 0.6 };
    const live = { x: -330, y: 20, scale: 0.6 };
    const css = frozenTransform(drawn, live, margin);
    expect(css).toBe('translate(-30px, -20px)');
    for (const p of [
      { x: 0, y: 0 },
      { x: 700, y: -120 },
    ]) {
      const at = onScreen(p, drawn, css, margin);
      expect(at.x).toBeCloseTo(p.x * live.scale + live.x, 6);
      expect(at.y).toBeCloseTo(p.y * live.scale + live.y, 6);
    }
  });

  it('puts every board point where the live view has it during a zoom', () => {
    const drawn = { x: -300, y: 40, scale: 0.6 };
    const live = { x: -420, y: -15, scale: 0.75 };
    const css = frozenTransform(drawn, live, margin);
    expect(css).toMatch(/scale\(1\.25\)$/);
    for (const p of [
      { x: 0, y: 0 },
      { x: 700, y: -120 },
      { x: -55.5, y: 1234 },
    ]) {
      const at = onScreen(p, drawn, css, margin);
      expect(at.x).toBeCloseTo(p.x * live.scale + live.x, 6);
      expect(at.y).toBeCloseTo(p.y * live.scale + live.y, 6);
    }
  });
});
