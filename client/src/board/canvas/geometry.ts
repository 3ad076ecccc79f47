import type { Bounds, Point } from './viewport';

/** Rectangle helpers in board units. A note, a cluster frame and a marquee are all Bounds. */

export function intersects(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function containsPoint(r: Bounds, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** The rectangle spanned by two corners given in any order (a marquee drag). */
export function rectFromCorners(a: Point, b: Point): Bounds {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  };
}

export function centerOf(r: Bounds): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function expand(r: Bounds, by: number): Bounds {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
