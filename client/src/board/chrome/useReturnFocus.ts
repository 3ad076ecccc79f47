import { useEffect } from 'react';

/**
 * A dialog gives the focus back to whatever had it when the dialog opened (a note's stand-in,
 * the header's menu button) when it closes, so the focus is never lost to the page.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      // Nothing had the focus (the page's body): the board's own guard finds a place for it.
      if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected)
        opener.focus({ preventScroll: true });
    };
  }, []);
}
