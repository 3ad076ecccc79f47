import { useEffect, useRef } from 'react';

/** Opens a <dialog> as modal when it mounts: focus stays inside, the page behind is inert. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return ref;
}
