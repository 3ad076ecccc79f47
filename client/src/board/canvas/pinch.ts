import type { Point, Viewport } from './viewport';
import { clampScale } from './viewport';

/**
 * Two-finger pinch and pan: the board point that was under the midpoint of the two fingers
 * at the start stays under their midpoint, and the zoom follows the distance between them.
 */
export function pinchViewport(
  start: Viewport,
  a0: Point,
  b0: Point,
  a1: Point,
  b1: Point,
): Viewport {
  const d0 = Math.max(1, Math.hypot(a0.x - b0.x, a0.y - b0.y));
  const d1 = Math.max(1, Math.hypot(a1.x - b1.x, a1.y - b1.y));
  const scale = clampScale(start.scale * (d1 / d0));
  const m0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
  const m1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
  const board = { x: (m0.x - start.x) / start.scale, y: (m0.y - start.y) / start.scale };
  return { scale, x: m1.x - board.x * scale, y: m1.y - board.y * scale };
}
