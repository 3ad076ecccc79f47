import type { ViewRect } from '@paja/shared';
import { type RefObject, useEffect } from 'react';
import type { Bounds } from '../canvas/viewport';
import type { BoardController } from '../input/BoardController';

/**
 * A read-only window onto what the canvas shows, for browser tests and debugging (like
 * window.__paja for the document): where a note, a cluster or a roadmap cell is on the page,
 * in CSS pixels. Reading it changes nothing.
 */
export interface CanvasProbe {
  noteRect(id: string): Bounds | null;
  clusterRect(id: string): Bounds | null;
  cellRect(laneIndex: number, periodIndex: number): Bounds | null;
  /** The roadmap's whole grid on the page. */
  roadmapRect(): Bounds | null;
  /** What is on the board where it is drawn, in board units (checks of placement). */
  content(): { notes: Array<Bounds & { id: string }>; clusters: Bounds[]; roadmap: Bounds | null };
  selection(): string[];
  detail(): string;
  /** The board rectangle on screen (what a follower of this person shows). */
  view(): ViewRect;
  /** The zoom: 1 is 100 %. */
  scale(): number;
}

declare global {
  interface Window {
    __pajaCanvas?: CanvasProbe;
  }
}

export function installProbe(probe: CanvasProbe): () => void {
  window.__pajaCanvas = probe;
  return () => {
    if (window.__pajaCanvas === probe) delete window.__pajaCanvas;
  };
}

/** Installs the probe for the canvas in `container`, reading the controller's latest state. */
export function useCanvasProbe(
  container: RefObject<HTMLElement | null>,
  controller: BoardController,
): void {
  useEffect(() => {
    const current = () => ({
      scene: controller.scene(),
      viewport: controller.viewport(),
      selection: controller.state.get().selection,
    });
    const onPage = (r: Bounds | null | undefined): Bounds | null => {
      const element = container.current;
      if (!r || !element) return null;
      const box = element.getBoundingClientRect();
      const { x, y, scale } = current().viewport;
      return {
        x: box.left + x + r.x * scale,
        y: box.top + y + r.y * scale,
        w: r.w * scale,
        h: r.h * scale,
      };
    };
    return installProbe({
      noteRect: (id) => onPage(current().scene.byId.get(id)),
      clusterRect: (id) => onPage(current().scene.clusters.find((c) => c.id === id)),
      cellRect: (laneIndex, periodIndex) => {
        const geometry = current().scene.roadmapLayout.geometry;
        const lane = geometry?.lanes[laneIndex];
        const period = geometry?.periods[periodIndex];
        return lane && period ? onPage({ x: period.x, y: lane.y, w: period.w, h: lane.h }) : null;
      },
      roadmapRect: () => onPage(current().scene.roadmapLayout.geometry),
      content: () => {
        const { scene } = current();
        const box = (b: Bounds) => ({ x: b.x, y: b.y, w: b.w, h: b.h });
        const geometry = scene.roadmapLayout.geometry;
        return {
          notes: scene.placed.map((n) => ({ id: n.id, ...box(n) })),
          clusters: scene.clusters.map(box),
          roadmap: geometry && box(geometry),
        };
      },
      selection: () => [...current().selection],
      detail: () => current().scene.detail,
      view: () => controller.viewRect(),
      scale: () => controller.viewport().scale,
    });
  }, [container, controller]);
}
