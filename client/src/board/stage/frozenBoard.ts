import type Konva from 'konva';
import { type RefObject, useEffect } from 'react';
import { KEPT_CULL_MARGIN } from '../canvas/culling';
import type { Size, Viewport } from '../canvas/viewport';
import type { ViewState } from '../input/CanvasCamera';
import type { Store } from '../session/store';

/**
 * The board layer (roadmap, clusters, notes) is not redrawn at every frame of a pan or zoom.
 *
 * Redrawing it was most of a frame's main-thread work on a 10,000-note board at the opening
 * view (about 300 notes with text): Konva drawing every note again, then Chromium recording
 * and committing the whole redrawn canvas. So the board layer has a Konva stage of its own,
 * drawn at React's settled view (liveView.ts, `useSettledView`) on a canvas larger than the
 * screen by the margin culling always keeps mounted (KEPT_CULL_MARGIN on every side). While the
 * live view runs ahead of React, that canvas is moved and scaled as a picture by a CSS
 * transform (`useFrozenBoard`), which the compositor applies without repainting anything.
 * The board is redrawn for real only when React renders: the live view would leave the drawn
 * margin, at most every SETTLE_MS during a gesture, when the gesture stops (so text is sharp
 * again after a zoom), and whenever what is drawn changes.
 *
 * So an edit by someone else that arrives during a gesture is drawn in the next frame, as
 * before: React re-renders the changed note, react-konva redraws the board layer at the settled
 * view, and the transform carries that fresh drawing to the live view.
 */

/** How far the board's canvas reaches past each edge of the screen, in CSS pixels. */
export function boardMargin(size: Size): { x: number; y: number } {
  return {
    x: Math.ceil(size.width * KEPT_CULL_MARGIN),
    y: Math.ceil(size.height * KEPT_CULL_MARGIN),
  };
}

/**
 * The CSS transform (with `transform-origin: 0 0`) that shows the board's canvas, drawn at
 * `drawn` and placed `margin` up and left of the screen's corner, where the `live` view
 * wants it. A board point p is at `margin + p * drawn.scale + drawn` in the canvas and must
 * appear at `p * live.scale + live` on screen, so with k = live.scale / drawn.scale the canvas
 * is scaled by k and moved by `live - k * (drawn + margin) + margin`.
 */
export function frozenTransform(
  drawn: Viewport,
  live: Viewport,
  margin: { x: number; y: number },
): string {
  if (drawn.x === live.x && drawn.y === live.y && drawn.scale === live.scale) return '';
  const k = live.scale / drawn.scale;
  const dx = live.x - k * (drawn.x + margin.x) + margin.x;
  const dy = live.y - k * (drawn.y + margin.y) + margin.y;
  return k === 1 ? `translate(${dx}px, ${dy}px)` : `translate(${dx}px, ${dy}px) scale(${k})`;
}

/** The view the board stage is set to: its position less the margin it sits inside its canvas. */
function stageView(stage: Konva.Stage, margin: { x: number; y: number }): Viewport {
  return { x: stage.x() - margin.x, y: stage.y() - margin.y, scale: stage.scaleX() };
}

/**
 * Keeps the board stage's canvas where the live view wants it: after each live change, and
 * after each real draw of the board layer (Konva's `draw` event), which starts from the view
 * the stage was drawn at. Reading the drawn view at the draw itself, not at React's render,
 * keeps picture and transform in step whatever triggered the draw (a settle, an edit).
 * `margin` must keep its identity while the size does (a memo), or this resubscribes.
 */
export function useFrozenBoard(
  stage: RefObject<Konva.Stage | null>,
  layer: RefObject<Konva.Layer | null>,
  live: Store<ViewState> | undefined,
  margin: { x: number; y: number },
) {
  useEffect(() => {
    const boardStage = stage.current;
    const boardLayer = layer.current;
    if (!live || !boardStage || !boardLayer) return;
    const style = boardStage.container().style;
    // Until the first draw event: the view the stage is set to, which a pending draw will use.
    let drawn = stageView(boardStage, margin);
    let shown: string | null = null;
    const place = () => {
      const transform = frozenTransform(drawn, live.get().viewport, margin);
      if (transform === shown) return;
      shown = transform;
      style.transform = transform;
    };
    const onDraw = () => {
      drawn = stageView(boardStage, margin);
      place();
    };
    boardLayer.on('draw', onDraw);
    const off = live.subscribe(place);
    place();
    return () => {
      off();
      boardLayer.off('draw', onDraw);
      style.transform = '';
    };
  }, [stage, layer, live, margin]);
}
