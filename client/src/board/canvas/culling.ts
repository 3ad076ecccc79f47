import { intersects } from './geometry';
import type { Bounds, Size, Viewport } from './viewport';

/**
 * Viewport culling and level of detail. Konva draws every node it has, visible or not, and
 * React reconciles every element: with 10,000 notes only the ones on screen may be nodes.
 */

/**
 * The board area on screen, widened by `margin` (a fraction of the screen) on every side so
 * that a short pan does not mount and unmount notes at the edges on every frame.
 */
export function visibleArea(view: Viewport, size: Size, margin = 0.25): Bounds {
  const w = size.width / view.scale;
  const h = size.height / view.scale;
  return {
    // 0 - v rather than -v: no negative zero for a view at the origin.
    x: (0 - view.x) / view.scale - w * margin,
    y: (0 - view.y) / view.scale - h * margin,
    w: w * (1 + 2 * margin),
    h: h * (1 + 2 * margin),
  };
}

export function cull<T extends Bounds>(items: readonly T[], area: Bounds): T[] {
  const result: T[] = [];
  for (const item of items) if (intersects(item, area)) result.push(item);
  return result;
}

export type Detail = 'full' | 'overview';

/** Below this zoom note text is smaller than ~7 px: unreadable, and the costliest thing drawn. */
export const OVERVIEW_BELOW_SCALE = 0.35;
/**
 * More notes than this on screen are drawn as plain rectangles whatever the zoom: one Konva
 * shape for all of them instead of three nodes each (a pile of overlapping notes).
 */
export const MAX_DETAILED_NOTES = 500;

export function levelOfDetail(scale: number, visibleCount: number): Detail {
  return scale < OVERVIEW_BELOW_SCALE || visibleCount > MAX_DETAILED_NOTES ? 'overview' : 'full';
}

/**
 * The margin (a fraction of the screen) the cull area always keeps around the view: during a
 * pan the stage moves ahead of React (stage/liveView.ts) by at most this much, so the notes
 * coming into sight are already drawn; the board's canvas reaches this far past the screen
 * (stage/frozenStage.ts).
 */
export const KEPT_CULL_MARGIN = 0.1;

/**
 * The area to cull against, with hysteresis: the previous one as long as it still holds what
 * is on screen with KEPT_CULL_MARGIN around it and is not much larger than needed (after
 * zooming in), else a fresh one with half a screen of margin. So a pan mounts and unmounts
 * notes only every few tenths of a screen, and between those frames the list of mounted notes
 * is the very same array.
 */
export function nextCullArea(previous: Bounds | null, view: Viewport, size: Size): Bounds {
  const visible = visibleArea(view, size, KEPT_CULL_MARGIN);
  if (
    previous &&
    previous.x <= visible.x &&
    previous.y <= visible.y &&
    previous.x + previous.w >= visible.x + visible.w &&
    previous.y + previous.h >= visible.y + visible.h &&
    previous.w <= visible.w * 2.5
  ) {
    return previous;
  }
  return visibleArea(view, size, 0.5);
}
