import type { Point } from './viewport';

/**
 * Cursor smoothing. Other people's pointers arrive ~20 times a second; drawn as they come
 * they jump. Each frame moves a cursor a share of the remaining way to its latest reported
 * position (exponential smoothing with time constant `tau` ms), which hides the steps and
 * catches up within about 3 tau. A jump across the board snaps instead of flying.
 */
export const CURSOR_TAU_MS = 60;
export const SNAP_DISTANCE = 3000;

export function follow(current: Point, target: Point, dtMs: number, tau = CURSOR_TAU_MS): Point {
  const dx = target.x - current.x;
  const dy = target.y - current.y;
  if (Math.hypot(dx, dy) > SNAP_DISTANCE || dtMs <= 0) {
    return dtMs <= 0 ? current : target;
  }
  const k = 1 - Math.exp(-dtMs / tau);
  const next = { x: current.x + dx * k, y: current.y + dy * k };
  // Close enough to stop: no endless sub-pixel redraws.
  if (Math.abs(target.x - next.x) < 0.05 && Math.abs(target.y - next.y) < 0.05) return target;
  return next;
}

/**
 * Double click / double tap, the same for mouse, pen and touch: two presses close in time
 * and place. (The browser's dblclick is not reliable for touch with touch-action: none.)
 */
export interface Press {
  time: number;
  x: number;
  y: number;
}

export function isDoublePress(previous: Press | null, next: Press, maxMs = 400, maxPx = 10) {
  return (
    previous !== null &&
    next.time - previous.time <= maxMs &&
    Math.hypot(next.x - previous.x, next.y - previous.y) <= maxPx
  );
}
