import { boundsOf } from '@paja/shared';

/**
 * Pure pan and zoom math. A viewport maps board coordinates to screen (stage-container)
 * pixels: screen = board * scale + (x, y). Keeping this free of React and Konva lets it be
 * tested exactly and reused by the editor overlay, which must sit on the same pixels.
 */
export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export interface Bounds {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
/** One zoom button press or +/- key: five presses double or halve the scale roughly. */
export const ZOOM_STEP = 1.15;

export const IDENTITY: Viewport = { x: 0, y: 0, scale: 1 };

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function screenToBoard(view: Viewport, point: Point): Point {
  return { x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale };
}

export function boardToScreen(view: Viewport, point: Point): Point {
  return { x: point.x * view.scale + view.x, y: point.y * view.scale + view.y };
}

/** Sets the scale while the board point under `anchor` (screen pixels) stays under it. */
export function zoomTo(view: Viewport, anchor: Point, scale: number): Viewport {
  const next = clampScale(scale);
  const fixed = screenToBoard(view, anchor);
  return { scale: next, x: anchor.x - fixed.x * next, y: anchor.y - fixed.y * next };
}

export function zoomBy(view: Viewport, anchor: Point, factor: number): Viewport {
  return zoomTo(view, anchor, view.scale * factor);
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The board point at the middle of the visible area: where toolbar-created notes go. */
export function viewCenter(view: Viewport, size: Size): Point {
  return screenToBoard(view, { x: size.width / 2, y: size.height / 2 });
}

/**
 * The viewport that shows `bounds` whole and centred, never zoomed in past `maxScale`
 * (a single small note should not fill the screen).
 */
export function fitBounds(bounds: Bounds, size: Size, padding = 48, maxScale = 1): Viewport {
  const availableW = Math.max(1, size.width - 2 * padding);
  const availableH = Math.max(1, size.height - 2 * padding);
  const scale = clampScale(
    Math.min(maxScale, availableW / Math.max(1, bounds.w), availableH / Math.max(1, bounds.h)),
  );
  return {
    scale,
    x: size.width / 2 - (bounds.x + bounds.w / 2) * scale,
    y: size.height / 2 - (bounds.y + bounds.h / 2) * scale,
  };
}

/**
 * fitBounds within `area` of the canvas (in CSS px from its corner: the part that no control
 * drawn over the canvas covers), centred there.
 */
export function fitBoundsIn(bounds: Bounds, area: Bounds, padding = 48, maxScale = 1): Viewport {
  const fit = fitBounds(bounds, { width: area.w, height: area.h }, padding, maxScale);
  return { scale: fit.scale, x: fit.x + area.x, y: fit.y + area.y };
}

/** The smallest rectangle around `rects` (shared with the server's exports). */
export { boundsOf } from '@paja/shared';

export interface WheelInput {
  deltaX: number;
  deltaY: number;
  /** WheelEvent.deltaMode: 0 pixels, 1 lines, 2 pages. */
  deltaMode: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export type WheelAction =
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; dx: number; dy: number };

const LINE_PX = 16;
const PAGE_PX = 800;

/**
 * What a wheel event means. Browsers report a trackpad pinch as a wheel event with ctrlKey
 * set, so ctrl/cmd+wheel zooms. Without a modifier, a trackpad's two-finger scroll pans, while
 * a mouse wheel zooms to the pointer (the whiteboard convention). The two are told apart by
 * their deltas: a mouse wheel moves in line or page units, or in large purely vertical pixel
 * steps; a trackpad sends a stream of small pixel deltas, usually on both axes. Shift+wheel
 * pans sideways for mouse users.
 */
export function interpretWheel(input: WheelInput): WheelAction {
  const unit = input.deltaMode === 1 ? LINE_PX : input.deltaMode === 2 ? PAGE_PX : 1;
  const dx = input.deltaX * unit;
  const dy = input.deltaY * unit;
  if (input.ctrlKey || input.metaKey) {
    // Pinch deltas are small (a few px per event): a steeper curve than the mouse wheel's.
    return { kind: 'zoom', factor: zoomFactor(dy, 0.01) };
  }
  if (input.shiftKey) return { kind: 'pan', dx: -(dx + dy), dy: 0 };
  const looksLikeMouseWheel = input.deltaMode !== 0 || (input.deltaX === 0 && Math.abs(dy) >= 40);
  if (looksLikeMouseWheel) return { kind: 'zoom', factor: zoomFactor(dy, 0.0015) };
  return { kind: 'pan', dx: -dx, dy: -dy };
}

function zoomFactor(deltaY: number, sensitivity: number): number {
  // Capped so one violent flick cannot jump from the whole board to a single letter.
  return Math.min(2, Math.max(0.5, Math.exp(-deltaY * sensitivity)));
}

/** Text on screen smaller than this (px) is hard to read, and to type into. */
export const LEGIBLE_TEXT_PX = 12;
/** The size a note's text is brought to (px) when it was too small to edit. */
const EDIT_TEXT_PX = 15;
/**
 * A board opens no smaller than this: a note's text (11-22 px at 100 %) stays readable. Fitting
 * a whole workshop board would open it at 10-37 %, where nothing can be read.
 */
export const OPEN_MIN_SCALE = 0.6;

/**
 * The view for editing a note whose text is `fontSize` board px: unchanged when its text is
 * legible on screen, else zoomed so that it is, centred on the note. A note's text shrinks as
 * it fills up, so the zoom allows for text a little smaller than today's.
 */
export function legibleViewport(
  view: Viewport,
  size: Size,
  note: Bounds,
  fontSize: number,
): Viewport {
  if (fontSize * view.scale >= LEGIBLE_TEXT_PX) return view;
  const scale = clampScale(EDIT_TEXT_PX / Math.min(fontSize, 16));
  return centerOn({ ...view, scale }, size, { x: note.x + note.w / 2, y: note.y + note.h / 2 });
}

/**
 * How a board opens: the whole content (`items`: notes, topics' frames, the roadmap) when it
 * fits at a legible scale, else at that scale at its beginning, where a reader starts: the top
 * of the board, from the leftmost item of its first screenful (never an empty corner of the
 * bounding box). Along an axis where that part fits, it is centred instead. `area` is the part
 * of the canvas that no control covers.
 */
export function openingViewport(
  items: readonly Bounds[],
  size: Size,
  padding = 90,
  area: Bounds = { x: 0, y: 0, w: size.width, h: size.height },
): Viewport {
  const bounds = boundsOf(items);
  if (!bounds) return IDENTITY;
  const fit = fitBoundsIn(bounds, area, padding);
  if (fit.scale >= OPEN_MIN_SCALE) return fit;
  const scale = OPEN_MIN_SCALE;
  // A small screen keeps a small margin: 48 px of a phone's 390 would be wasted.
  const margin = Math.min(padding, 24);
  const firstScreen = items.filter((b) => b.y < bounds.y + area.h / scale);
  const band = boundsOf(firstScreen) ?? bounds;
  const start = (from: number, length: number, room: number, offset: number) =>
    length * scale + 2 * margin <= room
      ? offset + (room - length * scale) / 2 - from * scale
      : offset + margin - from * scale;
  return {
    scale,
    x: start(band.x, band.w, area.w, area.x),
    y: start(bounds.y, bounds.h, area.h, area.y),
  };
}

/** The viewport that puts board point `center` in the middle of the screen, zoom unchanged. */
export function centerOn(view: Viewport, size: Size, center: Point): Viewport {
  return {
    scale: view.scale,
    x: size.width / 2 - center.x * view.scale,
    y: size.height / 2 - center.y * view.scale,
  };
}
