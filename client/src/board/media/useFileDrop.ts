import { type RefObject, useEffect } from 'react';
import type { BoardController } from '../input/BoardController';

/**
 * Files dropped on the canvas are added as images where they were dropped (the server refuses
 * what is not an image, with a message). While files are dragged over the canvas it says it
 * takes them; anything else dragged (text, a link) is left to the browser.
 */
export function useFileDrop(
  containerRef: RefObject<HTMLElement | null>,
  controller: BoardController,
) {
  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event) || !controller.enabled('addImages')) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      const rect = element.getBoundingClientRect();
      const view = controller.viewport();
      const at = {
        x: (event.clientX - rect.left - view.x) / view.scale,
        y: (event.clientY - rect.top - view.y) / view.scale,
      };
      controller.run('addImages', { files, at });
    };
    element.addEventListener('dragover', onOver);
    element.addEventListener('drop', onDrop);
    return () => {
      element.removeEventListener('dragover', onOver);
      element.removeEventListener('drop', onDrop);
    };
  }, [containerRef, controller]);
}
