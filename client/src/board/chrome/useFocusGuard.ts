import { useEffect, useRef } from 'react';
import type { Panel } from '../input/commandTypes';

/**
 * Keeps the keyboard's place when what had the focus disappears (a panel closed with Escape or
 * its ✕, a note deleted, a form sent): the browser would drop the focus to the page's body,
 * where a keyboard or screen-reader user is lost at the top of the page. Whenever the focused
 * element leaves the document, the focus goes to `fallback()` instead.
 */
export function useFocusGuard(fallback: () => HTMLElement | null): void {
  const latest = useRef(fallback);
  latest.current = fallback;
  useEffect(() => {
    let focused: Element | null = document.activeElement;
    const onFocusIn = (event: FocusEvent) => {
      focused = event.target as Element;
    };
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (!focused || focused.isConnected) return; // focus left on purpose (a click, the window)
      focused = null;
      latest.current()?.focus();
    });
    document.addEventListener('focusin', onFocusIn);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, []);
}

/**
 * The toolbar button that opens each panel: where the focus returns when the panel closes.
 * The keyboard help and "Move to…" are modal dialogs that give the focus back themselves.
 */
const PANEL_TOGGLES: Partial<Record<Panel, string>> = {
  roadmap: 'roadmap-toggle',
  votes: 'vote-toggle',
  export: 'export-button',
  history: 'history-button',
  moderation: 'moderation-button',
  import: 'import-button',
  phase: 'phase-toggle',
  files: 'files-button',
  comments: 'comments-toggle',
};

/**
 * The canvas's guard: when a panel has just closed (with the focus in it), the focus returns to
 * the button that opens it; otherwise to the board itself (its main landmark).
 */
export function usePanelFocusReturn(panel: Panel | null): void {
  const shown = useRef<Panel | null>(null);
  const closed = useRef<{ panel: Panel; at: number } | null>(null);
  if (shown.current !== panel) {
    if (shown.current !== null) closed.current = { panel: shown.current, at: Date.now() };
    shown.current = panel;
  }
  useFocusGuard(() => {
    const recent = closed.current && Date.now() - closed.current.at < 1000 ? closed.current : null;
    closed.current = null;
    const testId = recent ? PANEL_TOGGLES[recent.panel] : undefined;
    const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    // A panel opened from the toolbar's "More" menu returns to the menu's button.
    const toggle = testId ? (byTestId(testId) ?? byTestId('toolbar-more')) : null;
    return toggle ?? document.getElementById('board-main');
  });
}

/**
 * Escape closes the open side panel, from within it or from its button (the moderation panel
 * and the modal dialogs close themselves); the focus then returns to its button
 * (usePanelFocusReturn).
 */
export function usePanelEscape(panel: Panel | null, close: (panel: Panel) => void): void {
  useEffect(() => {
    if (panel === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || panel === 'moderation') return;
      if (!(event.target instanceof Element) || document.querySelector('dialog[open]')) return;
      // Escape in a field on the canvas (a note's text) leaves that field, not the panel.
      if (!event.target.closest('aside') && event.target.matches('input, textarea, select')) return;
      if (event.target.closest('[contenteditable="true"]')) return;
      close(panel);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, close]);
}
