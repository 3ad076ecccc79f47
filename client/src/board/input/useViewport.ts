import { type RefObject, useEffect } from 'react';
import { type CoveredEdges, NOTHING_COVERED } from '../canvas/keyboardNav';
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
    controller.coveredEdges = () => coveredEdges(element);
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
      controller.coveredEdges = () => NOTHING_COVERED;
      observer.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, [ref, controller]);
}

/**
 * How far the controls drawn over the canvas cover its edges: each such control names the edge
 * it sits on (`data-covers="bottom"`: the toolbar; `"top"`: the search bar). Hidden ones (no
 * box) cover nothing.
 */
function coveredEdges(canvas: HTMLElement): CoveredEdges {
  const area = canvas.getBoundingClientRect();
  const edges = { ...NOTHING_COVERED };
  const scope = canvas.closest('.board-view') ?? canvas.parentElement;
  for (const cover of scope?.querySelectorAll<HTMLElement>('[data-covers]') ?? []) {
    const box = cover.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const edge = cover.dataset.covers;
    if (edge === 'bottom') edges.bottom = Math.max(edges.bottom, area.bottom - box.top);
    else if (edge === 'top') edges.top = Math.max(edges.top, box.bottom - area.top);
    else if (edge === 'left') edges.left = Math.max(edges.left, box.right - area.left);
    else if (edge === 'right') edges.right = Math.max(edges.right, area.right - box.left);
  }
  return edges;
}
