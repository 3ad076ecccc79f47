import { type SyntheticEvent, useEffect, useRef } from 'react';

/**
 * A <dialog> opened as modal when it mounts (focus stays inside, the page behind is inert);
 * Escape calls `onClose`. Spread the result on the dialog.
 */
export function useModal(onClose: () => void) {
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
