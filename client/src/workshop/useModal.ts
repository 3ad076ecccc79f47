import { type SyntheticEvent, useEffect, useRef } from 'react';
import { useReturnFocus } from '../board/chrome/useReturnFocus';

/**
 * A <dialog> opened as modal when it mounts (focus stays inside, the page behind is inert);
 * Escape calls `onClose`. Spread the result on the dialog. When it closes, the focus goes back
 * to what opened it (the header's Share or Settings button): the dialog leaves the page by
 * unmounting, not by `close()`, so the browser would not give the focus back itself.
 */
export function useModal(onClose: () => void) {
  // Before the effect that opens the dialog: it must see the opener still focused.
  useReturnFocus();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return {
    ref,
    onCancel: (event: SyntheticEvent<HTMLDialogElement>) => {
      event.preventDefault();
      // React passes a nested dialog's cancel (a confirmation, the large QR) up to here.
      if (event.target === event.currentTarget) onClose();
    },
  };
}
