import { type RefObject, useEffect } from 'react';
import { interpretWheel, panBy, zoomBy } from '../canvas/viewport';
import type { BoardController } from './BoardController';

/**
 * The canvas container's size, and the wheel (scroll to pan, Ctrl + wheel or a trackpad pinch
 * to zoom at the pointer), written into the controller's view; the math is in viewport.ts.
 */
export function useViewport(ref: RefObject<HTMLElement | null>, controller: BoardController) {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      controller.setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);

    const onWheel = (event: WheelEvent) => {
      // Non-passive so that ctrl+wheel zooms the board, not the whole page.
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const anchor = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      const action = interpretWheel(event);
      controller.updateViewport((view) =>
        action.kind === 'zoom'
          ? zoomBy(view, anchor, action.factor)
          : panBy(view, action.dx, action.dy),
      );
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, [ref, controller]);
}
