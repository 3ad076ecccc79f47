import type { ViewRect } from '@paja/shared';
import {
  type FollowEvent,
  type FollowState,
  NOT_FOLLOWING,
  nextFollow,
  viewportShowing,
  viewRectOf,
} from '../canvas/follow';
import {
  type CoveredEdges,
  NOTHING_COVERED,
  revealViewport,
  uncoveredArea,
} from '../canvas/keyboardNav';
import {
  type Bounds,
  centerOn,
  fitBoundsIn,
  IDENTITY,
  type Point,
  type Size,
  screenToBoard,
  type Viewport,
  ZOOM_STEP,
  zoomBy,
  zoomTo,
} from '../canvas/viewport';
import { Store } from '../session/store';

/** Room around what a fitted view shows, inside the part of the canvas no control covers. */
const FIT_PADDING = 40;

export interface ViewState {
  viewport: Viewport;
  size: Size;
}

/**
 * Where this screen looks at the board: the view (pan and zoom, the canvas's size) and whose
 * view it follows. The canvas's controller (BoardController.ts) is one of these, so the view's
 * callers (gestures, minimap, follow-me, the keys) keep one object to talk to; this part knows
 * nothing of notes, selection or commands.
 *
 * Following: a view can be moved by someone else (a summons, follow-me, following a person);
 * such a move goes through `showViewport` / `showView`, which leave following on. Every move of
 * one's own (`setViewport`, `updateViewport`: wheel, pinch, keys, minimap, search) stops it.
 */
export class CanvasCamera {
  readonly view = new Store<ViewState>({ viewport: IDENTITY, size: { width: 0, height: 0 } });
  /** Whose view this screen follows (canvas/follow.ts); moving the view oneself stops it. */
  readonly follow = new Store<FollowState>(NOT_FOLLOWING);
  /**
   * How far the page's controls cover the canvas's edges now, measured when asked (a reveal is
   * rare, the controls' sizes change with the language, the panels and the screen).
   */
  coveredEdges: () => CoveredEdges = () => NOTHING_COVERED;

  viewport(): Viewport {
    return this.view.get().viewport;
  }

  /** This person moves the view (a gesture, a key, a search hit): she stops following. */
  setViewport(viewport: Viewport): void {
    this.followEvent({ type: 'stop' });
    this.view.patch({ viewport });
  }

  updateViewport(update: (view: Viewport) => Viewport): void {
    this.followEvent({ type: 'stop' });
    this.view.patch({ viewport: update(this.view.get().viewport) });
  }

  /** Shows a view this person did not move to herself (the first fit, someone followed). */
  showViewport(viewport: Viewport): void {
    this.view.patch({ viewport });
  }

  /** Shows another person's view, fitted to this screen. */
  showView(rect: ViewRect): void {
    this.showViewport(viewportShowing(rect, this.view.get().size));
  }

  /** The board rectangle on this screen. */
  viewRect(): ViewRect {
    const { viewport, size } = this.view.get();
    return viewRectOf(viewport, size);
  }

  followEvent(event: FollowEvent): void {
    this.follow.set(nextFollow(this.follow.get(), event));
  }

  setSize(size: Size): void {
    const now = this.view.get().size;
    if (now.width !== size.width || now.height !== size.height) this.view.patch({ size });
  }

  /**
   * The board point in the middle of what the person sees: of the part of the canvas that no
   * toolbar or search bar covers. New notes, pastes and imports go near it.
   */
  viewCenter(): Point {
    const { viewport, size } = this.view.get();
    const free = uncoveredArea(size, this.coveredEdges());
    return screenToBoard(viewport, { x: free.x + free.w / 2, y: free.y + free.h / 2 });
  }

  /**
   * The board above the search bar's lower edge and below the toolbar's upper edge, as seen
   * now, far beyond the screen: a new note kept out of them lands in the band the person sees
   * between the two (beside the view at worst, where a short pan shows it), never under a bar
   * or above or below the screen.
   */
  coveredBoard(): Bounds[] {
    const { viewport, size } = this.view.get();
    const covered = this.coveredEdges();
    const far = 100_000;
    const top = screenToBoard(viewport, { x: 0, y: covered.top });
    const bottom = screenToBoard(viewport, { x: 0, y: size.height - covered.bottom });
    return [
      { x: top.x - far, y: top.y - far, w: 2 * far, h: far },
      { x: bottom.x - far, y: bottom.y, w: 2 * far, h: far },
    ];
  }

  /** One step in or out, about `anchor` (screen px; the canvas's middle unless given). */
  zoomStep(direction: 1 | -1, anchor: Point = this.#middle()): void {
    const factor = direction === 1 ? ZOOM_STEP : 1 / ZOOM_STEP;
    this.updateViewport((view) => zoomBy(view, anchor, factor));
  }

  resetZoom(): void {
    this.updateViewport((view) => zoomTo(view, this.#middle(), 1));
  }

  zoomToBounds(bounds: Bounds | null): void {
    if (bounds) this.setViewport(this.fitView(bounds, FIT_PADDING, 2));
  }

  /**
   * The view that shows `bounds` whole in the part of the canvas the toolbar and the search
   * bar leave free (zoom to fit, to a selection, to the roadmap), not under them.
   */
  fitView(bounds: Bounds, padding = FIT_PADDING, maxScale = 1): Viewport {
    const { size } = this.view.get();
    return fitBoundsIn(bounds, uncoveredArea(size, this.coveredEdges()), padding, maxScale);
  }

  /** Centres the view on a board point (the minimap). */
  centerAt(point: Point): void {
    const { viewport, size } = this.view.get();
    this.setViewport(centerOn(viewport, size, point));
  }

  /**
   * Moves the view just enough to show `bounds` (the keyboard's focus, a moved selection),
   * clear of the toolbar and the search bar.
   */
  reveal(bounds: Bounds): void {
    const { viewport, size } = this.view.get();
    if (size.width === 0) return;
    const next = revealViewport(viewport, size, bounds, this.coveredEdges());
    if (next !== viewport) this.setViewport(next);
  }

  #middle(): Point {
    const { size } = this.view.get();
    return { x: size.width / 2, y: size.height / 2 };
  }
}
