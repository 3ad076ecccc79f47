import { type RefObject, useEffect } from 'react';

/**
 * Closes a popover (a non-modal panel under a header button) on Escape or on a press outside
 * `root`, which holds both the button and the panel: pressing the button itself toggles.
 * Escape from inside the popover gives the focus back to its button (the first in `root`), so
 * the keyboard stays where it was; a press outside leaves the focus where it went.
 */
export function useDismiss(
  root: RefObject<HTMLElement | null>,
  open: boolean,
  onClose: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const inside = root.current?.contains(document.activeElement) === true;
      onClose();
      if (inside) root.current?.querySelector<HTMLElement>('button')?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [root, open, onClose]);
}
