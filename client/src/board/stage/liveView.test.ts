import { describe, expect, it } from 'vitest';
import { GESTURE_GAP_MS, mustSettleNow } from './liveView';

const size = { width: 1000, height: 500 };
const at = (x: number, y: number, scale = 1) => ({ viewport: { x, y, scale }, size });

describe('mustSettleNow', () => {
  it('renders a single move, or the first of a gesture, at once', () => {
    expect(mustSettleNow(at(0, 0), at(-400, 0), GESTURE_GAP_MS)).toBe(true);
  });
  it('lets a gesture run ahead of React while the drawn margin still covers the screen', () => {
    // A tenth of the screen is kept drawn around the settled view (culling.ts).
    expect(mustSettleNow(at(0, 0), at(-90, 45), 16)).toBe(false);
    expect(mustSettleNow(at(0, 0), at(-110, 0), 16)).toBe(true);
    expect(mustSettleNow(at(0, 0), at(0, 60), 16)).toBe(true);
  });
  it('renders at once when zooming out past the margin or when the canvas is resized', () => {
    expect(mustSettleNow(at(0, 0), at(0, 0, 0.95), 16)).toBe(false);
    expect(mustSettleNow(at(0, 0), at(0, 0, 0.8), 16)).toBe(true);
    expect(mustSettleNow(at(0, 0), { ...at(0, 0), size: { width: 900, height: 500 } }, 16)).toBe(
      true,
    );
  });
});
