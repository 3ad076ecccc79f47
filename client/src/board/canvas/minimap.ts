import type { Bounds, Point, Size, Viewport } from './viewport';
import { boundsOf, screenToBoard } from './viewport';

/**
 * The minimap shows the whole board (everything drawn plus the current view) scaled into a
 * small box; a click or drag on it centres the view on that board point.
 */
export interface MinimapTransform {
  scale: number;
  /** Map pixel = board * scale + offset. */
  ox: number;
  oy: number;
}

export function visibleBoard(view: Viewport, size: Size): Bounds {
  const topLeft = screenToBoard(view, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, w: size.width / view.scale, h: size.height / view.scale };
}

/** The world the minimap shows: content and the view, so the view rectangle is always on it. */
export function minimapWorld(content: Bounds | null, view: Bounds): Bounds {
  return boundsOf(content ? [content, view] : [view]) ?? view;
}

/**
 * Whether the minimap has anything to show: not while the whole board lies in the view (it
 * would only repeat the screen, in a corner it covers), nor on an empty board.
 */
export function boardOutsideView(content: Bounds | null, view: Bounds): boolean {
  if (!content) return false;
  return (
    content.x < view.x ||
    content.y < view.y ||
    content.x + content.w > view.x + view.w ||
    content.y + content.h > view.y + view.h
  );
}

export function minimapTransform(world: Bounds, map: Size, padding = 6): MinimapTransform {
  const w = Math.max(1, map.width - 2 * padding);
  const h = Math.max(1, map.height - 2 * padding);
  const scale = Math.min(w / Math.max(1, world.w), h / Math.max(1, world.h));
  return {
    scale,
    ox: padding + (w - world.w * scale) / 2 - world.x * scale,
    oy: padding + (h - world.h * scale) / 2 - world.y * scale,
  };
}

export function toMap(t: MinimapTransform, r: Bounds): Bounds {
  return { x: r.x * t.scale + t.ox, y: r.y * t.scale + t.oy, w: r.w * t.scale, h: r.h * t.scale };
}

export function fromMap(t: MinimapTransform, p: Point): Point {
  return { x: (p.x - t.ox) / t.scale, y: (p.y - t.oy) / t.scale };
}
