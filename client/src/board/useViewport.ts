import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import {
  IDENTITY,
  interpretWheel,
  type Point,
  panBy,
  type Size,
  type Viewport,
  ZOOM_STEP,
  zoomBy,
  zoomTo,
} from './viewport';

export interface ViewportControls {
  viewport: Viewport;
  size: Size;
  setViewport(next: Viewport): void;
  updateViewport(update: (view: Viewport) => Viewport): void;
  zoomStep(direction: 1 | -1): void;
  resetZoom(): void;
}

/** Pan and zoom of the canvas container `ref`, in React state; the math is in viewport.ts. */
export function useViewport(ref: RefObject<HTMLElement | null>): ViewportControls {
  const [viewport, setViewport] = useState<Viewport>(IDENTITY);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const sizeRef = useRef(size);
  sizeRef.current = size;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);

    const onWheel = (event: WheelEvent) => {
      // Non-passive so that ctrl+wheel zooms the board, not the whole page.
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const anchor = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      const action = interpretWheel(event);
      setViewport((view) =>
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
  }, [ref]);

  const zoomStep = useCallback((direction: 1 | -1) => {
    const factor = direction === 1 ? ZOOM_STEP : 1 / ZOOM_STEP;
    setViewport((view) => zoomBy(view, middleOf(sizeRef.current), factor));
  }, []);
  const resetZoom = useCallback(() => {
    setViewport((view) => zoomTo(view, middleOf(sizeRef.current), 1));
  }, []);

  return {
    viewport,
    size,
    setViewport,
    updateViewport: setViewport,
    zoomStep,
    resetZoom,
  };
}

function middleOf(size: Size): Point {
  return { x: size.width / 2, y: size.height / 2 };
}
