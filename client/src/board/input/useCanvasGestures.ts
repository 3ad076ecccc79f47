import { type RefObject, useEffect } from 'react';
import { distance, rectFromCorners } from '../canvas/geometry';
import { HANDLE_PX, HANDLE_TOUCH_PX, type Hit, hitTest, type Scene } from '../canvas/hitTest';
import { isDoublePress, type Press } from '../canvas/motion';
import { pinchViewport } from '../canvas/pinch';
import type { Selection } from '../canvas/selection';
import { type Bounds, type Point, panBy, screenToBoard, type Viewport } from '../canvas/viewport';

/**
 * Every pointer on the canvas (mouse, pen, touch: pointer events) goes through one small
 * state machine here. What a drag does:
 *
 *   on a note             moves it, or the whole selection if it is selected
 *   on a cluster's title  moves the cluster with its notes
 *   on empty canvas       draws a selection rectangle (marquee), as in most whiteboards and
 *                         drawing tools; with one finger on a touch screen it pans instead,
 *                         because a tablet has no Space key and fingers expect to scroll,
 *                         unless the finger first rests LONG_PRESS_MS in place: then the drag
 *                         draws the marquee (a touch screen's way to select several notes)
 *   Space + drag, middle button, the hand tool (H), two fingers: pans; two fingers pinch-zoom
 *
 * A press becomes a drag only after the pointer moved a few pixels, so a click never writes.
 */
export interface GestureHandlers {
  scene(): Scene;
  viewport(): Viewport;
  selection(): Selection;
  readOnly(): boolean;
  /** The hand tool is on or Space is held: a drag anywhere pans. */
  panning(): boolean;
  updateViewport(update: (view: Viewport) => Viewport): void;
  /** The pointer's board position (for the cursor others see, and where a paste goes). */
  onPointer(board: Point | null): void;
  /** A press (before any movement): selection changes happen here. */
  onPress(hit: Hit, additive: boolean, board: Point): void;
  /** A press released without moving. */
  onTap(hit: Hit, additive: boolean): void;
  onDoublePress(hit: Hit, board: Point): void;
  /** A drag of `hit` started; returns false when there is nothing to move. */
  /** A drag of a note or cluster begins; `grab` is where the pointer went down (board). */
  onMoveStart(hit: Hit, grab: Point): boolean;
  onMove(dx: number, dy: number): void;
  onMoveEnd(dx: number, dy: number, cancelled: boolean): void;
  onResize(id: string, dx: number, dy: number, phase: 'move' | 'end' | 'cancel'): void;
  onMarquee(rect: Bounds | null, additive: boolean, phase: 'move' | 'end'): void;
  onHover(hit: Hit): void;
}

type Gesture =
  | { kind: 'idle' }
  | { kind: 'pan'; pointerId: number; last: Point }
  /** A finger resting on empty canvas: a pan if it moves, a marquee once LONG_PRESS_MS pass. */
  | { kind: 'hold'; pointerId: number; screen: Point; board: Point }
  | { kind: 'pinch'; start: Viewport; a: number; b: number; a0: Point; b0: Point }
  | {
      kind: 'press';
      pointerId: number;
      screen: Point;
      board: Point;
      hit: Hit;
      additive: boolean;
      touch: boolean;
    }
  | { kind: 'move'; pointerId: number; board: Point }
  | { kind: 'resize'; pointerId: number; id: string; board: Point }
  | { kind: 'marquee'; pointerId: number; board: Point; additive: boolean };

const DRAG_THRESHOLD_PX = 4;
const TOUCH_DRAG_THRESHOLD_PX = 10;
/** How long a finger rests on empty canvas before its drag selects instead of panning. */
export const LONG_PRESS_MS = 500;

export function useCanvasGestures(
  ref: RefObject<HTMLElement | null>,
  handlersFor: (element: HTMLElement) => GestureHandlers,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const latest = { current: handlersFor(element) };
    let gesture: Gesture = { kind: 'idle' };
    const pointers = new Map<number, Point>();
    let lastPress: Press | null = null;
    let holdTimer: ReturnType<typeof setTimeout> | undefined;

    const local = (event: PointerEvent): Point => {
      const rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    const toBoard = (point: Point) => screenToBoard(latest.current.viewport(), point);
    const hitAt = (board: Point, touch: boolean) => {
      const h = latest.current;
      return hitTest(
        h.scene(),
        board,
        h.viewport().scale,
        h.selection(),
        touch ? HANDLE_TOUCH_PX : HANDLE_PX,
      );
    };

    /** Ends whatever is going on without committing it (a second finger, a cancel). */
    const abort = () => {
      clearTimeout(holdTimer);
      const h = latest.current;
      if (gesture.kind === 'move') h.onMoveEnd(0, 0, true);
      if (gesture.kind === 'resize') h.onResize(gesture.id, 0, 0, 'cancel');
      if (gesture.kind === 'marquee') h.onMarquee(null, gesture.additive, 'end');
      gesture = { kind: 'idle' };
    };

    const onDown = (event: PointerEvent) => {
      // Only presses on the drawing itself: the note editor and other HTML over the canvas
      // handle their own.
      if (!(event.target instanceof Element) || !event.target.closest('.konvajs-content')) return;
      const h = latest.current;
      const screen = local(event);
      pointers.set(event.pointerId, screen);
      // The canvas cannot take focus; without this a focused control (a menu, a button) would
      // keep the board's keys after a click on the canvas.
      if (document.activeElement instanceof HTMLElement && document.activeElement !== element) {
        document.activeElement.blur();
      }
      // No compatibility mousedown: its default action would move focus away from an editor
      // this very press opens (a double-click), and would start selecting page text on drags.
      event.preventDefault();
      const touch = event.pointerType === 'touch';
      if (touch && pointers.size === 2) {
        abort();
        const [[a, a0], [b, b0]] = [...pointers.entries()] as [[number, Point], [number, Point]];
        gesture = { kind: 'pinch', start: h.viewport(), a, b, a0, b0 };
        return;
      }
      if (gesture.kind !== 'idle') return;
      element.setPointerCapture?.(event.pointerId);
      if (event.button === 1 || (event.button === 0 && h.panning())) {
        event.preventDefault(); // no middle-button autoscroll
        gesture = { kind: 'pan', pointerId: event.pointerId, last: screen };
        return;
      }
      if (event.button !== 0) return;
      const board = toBoard(screen);
      const hit = hitAt(board, touch);
      const press: Press = { time: event.timeStamp, x: screen.x, y: screen.y };
      if (isDoublePress(lastPress, press)) {
        lastPress = null;
        h.onDoublePress(hit, board);
        return;
      }
      lastPress = press;
      if (touch && hit.kind === 'empty') {
        const hold = { kind: 'hold', pointerId: event.pointerId, screen, board } as const;
        gesture = hold;
        h.onPress(hit, false, board);
        holdTimer = setTimeout(() => {
          if (gesture !== hold) return;
          gesture = { kind: 'marquee', pointerId: hold.pointerId, board, additive: false };
          navigator.vibrate?.(15);
          latest.current.onMarquee({ ...board, w: 0, h: 0 }, false, 'move');
        }, LONG_PRESS_MS);
        return;
      }
      const additive = event.shiftKey || event.ctrlKey || event.metaKey;
      h.onPress(hit, additive, board);
      gesture = { kind: 'press', pointerId: event.pointerId, screen, board, hit, additive, touch };
    };

    const onMove = (event: PointerEvent) => {
      const h = latest.current;
      const screen = local(event);
      if (pointers.has(event.pointerId)) pointers.set(event.pointerId, screen);
      const board = toBoard(screen);
      h.onPointer(board);
      switch (gesture.kind) {
        case 'idle':
          if (event.pointerType === 'mouse') h.onHover(hitAt(board, false));
          return;
        case 'pan': {
          if (event.pointerId !== gesture.pointerId) return;
          const dx = screen.x - gesture.last.x;
          const dy = screen.y - gesture.last.y;
          gesture.last = screen;
          h.updateViewport((view) => panBy(view, dx, dy));
          return;
        }
        case 'hold': {
          if (event.pointerId !== gesture.pointerId) return;
          if (distance(screen, gesture.screen) < TOUCH_DRAG_THRESHOLD_PX) return;
          // Moved before the long press: a pan, from where the finger went down.
          clearTimeout(holdTimer);
          gesture = { kind: 'pan', pointerId: event.pointerId, last: gesture.screen };
          onMove(event);
          return;
        }
        case 'pinch': {
          const { start, a, b, a0, b0 } = gesture;
          const a1 = pointers.get(a);
          const b1 = pointers.get(b);
          if (a1 && b1) h.updateViewport(() => pinchViewport(start, a0, b0, a1, b1));
          return;
        }
        case 'press': {
          if (event.pointerId !== gesture.pointerId) return;
          const threshold = gesture.touch ? TOUCH_DRAG_THRESHOLD_PX : DRAG_THRESHOLD_PX;
          if (distance(screen, gesture.screen) < threshold) return;
          const { hit, additive } = gesture;
          const readOnly = h.readOnly();
          if (hit.kind === 'resize' && !readOnly) {
            gesture = {
              kind: 'resize',
              pointerId: event.pointerId,
              id: hit.id,
              board: gesture.board,
            };
          } else if ((hit.kind === 'note' || hit.kind === 'cluster') && !readOnly) {
            const started = h.onMoveStart(hit, gesture.board);
            gesture = started
              ? { kind: 'move', pointerId: event.pointerId, board: gesture.board }
              : { kind: 'idle' };
          } else if (gesture.touch && readOnly) {
            // A reader's finger moves the view wherever it lands: there is nothing for it to
            // move, and zoomed in, one note can fill the whole screen.
            gesture = { kind: 'pan', pointerId: event.pointerId, last: gesture.screen };
          } else if (hit.kind === 'empty' || hit.kind === 'header' || readOnly) {
            gesture = {
              kind: 'marquee',
              pointerId: event.pointerId,
              board: gesture.board,
              additive,
            };
          } else {
            gesture = { kind: 'idle' };
          }
          onMove(event); // apply this first step at once
          return;
        }
        case 'move':
          if (event.pointerId === gesture.pointerId) {
            h.onMove(board.x - gesture.board.x, board.y - gesture.board.y);
          }
          return;
        case 'resize':
          if (event.pointerId === gesture.pointerId) {
            h.onResize(gesture.id, board.x - gesture.board.x, board.y - gesture.board.y, 'move');
          }
          return;
        case 'marquee':
          if (event.pointerId === gesture.pointerId) {
            h.onMarquee(rectFromCorners(gesture.board, board), gesture.additive, 'move');
          }
          return;
      }
    };

    const onUp = (event: PointerEvent) => {
      const h = latest.current;
      pointers.delete(event.pointerId);
      const board = toBoard(local(event));
      const cancelled = event.type === 'pointercancel';
      switch (gesture.kind) {
        case 'idle':
          return;
        case 'pinch':
          // Lifting one finger ends the pinch; the other does not start a pan mid-air.
          if (event.pointerId === gesture.a || event.pointerId === gesture.b) {
            gesture = { kind: 'idle' };
          }
          return;
        case 'pan':
          if (event.pointerId === gesture.pointerId) gesture = { kind: 'idle' };
          return;
        case 'hold':
          if (event.pointerId !== gesture.pointerId) return;
          clearTimeout(holdTimer);
          gesture = { kind: 'idle' };
          return;
        case 'press':
          if (event.pointerId !== gesture.pointerId) return;
          if (!cancelled) h.onTap(gesture.hit, gesture.additive);
          gesture = { kind: 'idle' };
          return;
        case 'move':
          if (event.pointerId !== gesture.pointerId) return;
          h.onMoveEnd(board.x - gesture.board.x, board.y - gesture.board.y, cancelled);
          gesture = { kind: 'idle' };
          return;
        case 'resize':
          if (event.pointerId !== gesture.pointerId) return;
          h.onResize(
            gesture.id,
            board.x - gesture.board.x,
            board.y - gesture.board.y,
            cancelled ? 'cancel' : 'end',
          );
          gesture = { kind: 'idle' };
          return;
        case 'marquee':
          if (event.pointerId !== gesture.pointerId) return;
          h.onMarquee(rectFromCorners(gesture.board, board), gesture.additive, 'end');
          gesture = { kind: 'idle' };
          return;
      }
    };

    const onLeave = (event: PointerEvent) => {
      if (event.pointerType === 'mouse' && gesture.kind === 'idle') latest.current.onPointer(null);
    };
    // A finger on the drawing is ours alone (pointer events above): the browser's own touch
    // gestures must not run beside them. Its long press would open a menu, and leave Chrome
    // swallowing the next tap's click (a toolbar button right after a marquee did nothing).
    const ours = (event: Event) => {
      if (event.target instanceof Element && event.target.closest('.konvajs-content')) {
        event.preventDefault();
      }
    };
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && gesture.kind !== 'idle') abort();
    };

    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    element.addEventListener('pointerleave', onLeave);
    element.addEventListener('contextmenu', ours);
    element.addEventListener('touchstart', ours, { passive: false });
    window.addEventListener('keydown', onEscape);
    return () => {
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
      element.removeEventListener('pointerleave', onLeave);
      element.removeEventListener('contextmenu', ours);
      element.removeEventListener('touchstart', ours);
      window.removeEventListener('keydown', onEscape);
      clearTimeout(holdTimer);
    };
  }, [ref, handlersFor]);
}
