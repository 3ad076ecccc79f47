import type Konva from 'konva';
import { type RefObject, useEffect } from 'react';
import { KEPT_CULL_MARGIN } from '../canvas/culling';
import type { Size, Viewport } from '../canvas/viewport';
import type { ViewState } from '../input/CanvasCamera';
import type { Store } from '../session/store';

/**
 * The canvas is not redrawn at every frame of a pan or zoom: its drawing is moved as a picture.
 *
 * Redrawing was most of a frame's main-thread work on a 10,000-note board at the opening view
 * (about 300 notes with text): Konva drawing every note again, then Chromium recording and
 * committing the redrawn canvases (bench/RESULTS.md). So the Konva stage is drawn only at
 * React's settled view (liveView.ts, `useSettledView`), on canvases larger than the screen by
 * the margin culling always keeps mounted (KEPT_CULL_MARGIN past every edge), and while the
 * live view runs ahead of React a CSS transform moves and scales the stage's element to where
 * the live view wants it, which the compositor applies without repainting anything. The stage
 * is drawn for real when React renders: the live view would leave the drawn margin, at most
 * every SETTLE_MS during a gesture, when the gesture stops (so text is sharp again after a
 * zoom), and whenever what is drawn changes.
 *
 * So an edit by someone else that arrives during a gesture is drawn in the next frame, as
 * before (not only at the gesture's end): React re-renders the changed note, react-konva redraws
 * its layer at the settled view, and the transform carries that drawing to the live view. The
 * overlay (selections, a drag, the marquee) and other people's cursors are drawn the same way.
 * While a zoom gesture runs, the picture is scaled: text and lines are blurred or thinned for
 * at most SETTLE_MS.
 */

/** How far the stage's canvases reach past each edge of the screen, in CSS pixels. */
export function stageMargin(size: Size): { x: number; y: number } {
  return {
    x: Math.ceil(size.width * KEPT_CULL_MARGIN),
    y: Math.ceil(size.height * KEPT_CULL_MARGIN),
  };
}

/**
 * The CSS transform (with `transform-origin: 0 0`) that shows the stage, drawn at `drawn` and
 * placed `margin` up and left of the screen's corner, where the `live` view wants it. A board
 * point p is at `margin + p * drawn.scale + drawn` in the canvas and must appear at
 * `p * live.scale + live` on screen, so with k = live.scale / drawn.scale the canvas is scaled
 * by k and moved by `live - k * (drawn + margin) + margin`.
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

/** The view the stage is set to: its position less the margin it sits inside its canvas. */
function stageView(stage: Konva.Stage, margin: { x: number; y: number }): Viewport {
  return { x: stage.x() - margin.x, y: stage.y() - margin.y, scale: stage.scaleX() };
}

/**
 * Keeps the stage's element where the live view wants it: after each live change, and after
 * each real draw of the board layer (Konva's `draw` event), from the view the stage was drawn
 * at. Reading that view at the draw itself, not at React's render, keeps picture and transform
 * in step whatever triggered the draw (a settle, an edit). The stage's position changes only
 * through React, which redraws every layer at once (react-konva), so the board layer's draws
 * stand for all three. Also keeps the canvas's `data-viewport` (read by tests and tools) on the
 * live view. `margin` must keep its identity while the size does (a memo).
 */
export function useFrozenStage(
  stage: RefObject<Konva.Stage | null>,
  boardLayer: RefObject<Konva.Layer | null>,
  live: Store<ViewState> | undefined,
  margin: { x: number; y: number },
) {
  useEffect(() => {
    const node = stage.current;
    const layer = boardLayer.current;
    if (!live || !node || !layer) return;
    const element = node.container();
    // Until the first draw event: the view the stage is set to, which a pending draw will use.
    let drawn = stageView(node, margin);
    const canvas = element.closest('[data-viewport]');
    const place = () => {
      const { viewport } = live.get();
      const transform = frozenTransform(drawn, viewport, margin);
      if (element.style.transform !== transform) element.style.transform = transform;
      canvas?.setAttribute('data-viewport', `${viewport.x},${viewport.y},${viewport.scale}`);
    };
    const onDraw = () => {
      drawn = stageView(node, margin);
      place();
    };
    layer.on('draw', onDraw);
    const off = live.subscribe(place);
    place();
    return () => {
      off();
      layer.off('draw', onDraw);
      element.style.transform = '';
    };
  }, [stage, boardLayer, live, margin]);
}
