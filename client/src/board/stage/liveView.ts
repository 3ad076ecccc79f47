import { type RefObject, useEffect, useMemo } from 'react';
import { KEPT_CULL_MARGIN, visibleArea } from '../canvas/culling';
import type { Bounds } from '../canvas/viewport';
import type { ViewState } from '../input/CanvasCamera';
import { Store, useStore } from '../session/store';

/**
 * A pan or zoom at the screen's pace without re-rendering the board view on every frame.
 *
 * The camera's view (CanvasCamera.view) changes on every wheel event. Re-rendering React for
 * each (the board view, the scene, every layer's props) cost about 2 ms a frame on a 10,000-note
 * board, so during a continuous gesture the Konva stage's drawing is moved as a picture to the
 * live view (frozenStage.ts, `useFrozenStage`), and React gets the view (`useSettledView`), at
 * which the stage is drawn, only now and then:
 *   - at once for a single move (a key, the minimap, a search hit, a resize, the first wheel
 *     event of a gesture), so nothing that reads the view after a discrete action lags;
 *   - at once when the view would leave what is drawn: culling keeps KEPT_CULL_MARGIN of a
 *     screen drawn around the settled view, so notes entering the screen are already there;
 *   - else at most every SETTLE_MS, and once more when the gesture stops.
 * While HTML laid over the canvas follows the view (an open editor, a note's links, vote dots,
 * comment markers), every change goes to React at once, as before: those must not lag.
 */

/** During a gesture, React re-renders the view at most this often. */
export const SETTLE_MS = 120;
/** A view change this long after the previous one starts a gesture (or is a single move). */
export const GESTURE_GAP_MS = 80;

/** Whether the live view must reach React now rather than at the next settle. */
export function mustSettleNow(settled: ViewState, live: ViewState, sinceLastChange: number) {
  if (sinceLastChange >= GESTURE_GAP_MS) return true;
  if (settled.size.width !== live.size.width || settled.size.height !== live.size.height) {
    return true;
  }
  return !inside(
    visibleArea(live.viewport, live.size, 0),
    visibleArea(settled.viewport, settled.size, KEPT_CULL_MARGIN),
  );
}

function inside(a: Bounds, b: Bounds): boolean {
  return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
}

/**
 * React's copy of the live view, updated as described above. `exact` is read at each change:
 * true while HTML over the canvas follows the view, so every change is rendered at once.
 */
export function useSettledView(live: Store<ViewState>, exact: RefObject<boolean>): ViewState {
  const settled = useMemo(() => new Store(live.get()), [live]);
  useEffect(() => {
    let lastChange = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = undefined;
      settled.set(live.get());
    };
    settle();
    const off = live.subscribe(() => {
      const now = performance.now();
      const since = now - lastChange;
      lastChange = now;
      if (exact.current || mustSettleNow(settled.get(), live.get(), since)) settle();
      else timer ??= setTimeout(settle, SETTLE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [live, settled, exact]);
  return useStore(settled);
}
