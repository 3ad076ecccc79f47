import { useEffect, useRef } from 'react';

export interface BoardKeyActions {
  onSpace(held: boolean): void;
  onAddNote(): void;
  onDelete(): void;
  onEscape(): void;
  onZoom(direction: 1 | -1): void;
  onResetZoom(): void;
  onZoomToFit(): void;
  onZoomToSelection(): void;
  onSelectAll(): void;
  onDuplicate(): void;
  onUndo(): void;
  onRedo(): void;
  onNudge(dx: number, dy: number): void;
  onNudgeEnd(): void;
  onSearch(): void;
  onTool(tool: 'select' | 'pan'): void;
}

/** Arrow keys move the selection this far (board units); with Shift, NUDGE_BIG. */
export const NUDGE = 10;
export const NUDGE_BIG = 50;

/**
 * The board's keyboard shortcuts. Keys typed into a field (the note editor, a title, search)
 * are not ours. Ctrl and Cmd are the same key here: Mac users press Cmd, others Ctrl.
 *
 *   N  new note            Delete / Backspace  delete selection    Esc  clear selection
 *   Ctrl+A select all      Ctrl+D duplicate     Ctrl+Z undo         Ctrl+Shift+Z / Ctrl+Y redo
 *   arrows  nudge (Shift: further)              Ctrl+F  search
 *   + / -  zoom            0  100 %             Shift+1  fit board  Shift+2  fit selection
 *   Space (held)  pan      H  hand tool         V  select tool
 * Copy, cut and paste are the browser's own events (useClipboard).
 */
export function useBoardKeys(actions: BoardKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const k = latest.current;
      if (isTyping(event.target)) return;
      // A focused button handles Space and Enter itself; the board must not act on them too.
      if (isButton(event.target) && (event.key === ' ' || event.key === 'Enter')) return;
      if (event.altKey) return;
      if (event.ctrlKey || event.metaKey) {
        const key = event.key.toLowerCase();
        const act = (fn: () => void) => {
          event.preventDefault();
          fn();
        };
        if (key === 'a') act(k.onSelectAll);
        else if (key === 'd') act(k.onDuplicate);
        else if (key === 'z' && event.shiftKey) act(k.onRedo);
        else if (key === 'z') act(k.onUndo);
        else if (key === 'y') act(k.onRedo);
        else if (key === 'f') act(k.onSearch);
        return;
      }
      if (event.shiftKey && event.code === 'Digit1') return k.onZoomToFit();
      if (event.shiftKey && event.code === 'Digit2') return k.onZoomToSelection();
      const step = event.shiftKey ? NUDGE_BIG : NUDGE;
      switch (event.key) {
        case ' ':
          event.preventDefault(); // no page scroll
          k.onSpace(true);
          return;
        case 'n':
        case 'N':
          // The editor gets focus during this keydown; the "n" must not be typed into it.
          event.preventDefault();
          k.onAddNote();
          return;
        case 'h':
        case 'H':
          k.onTool('pan');
          return;
        case 'v':
        case 'V':
          k.onTool('select');
          return;
        case 'Delete':
        case 'Backspace':
          event.preventDefault();
          k.onDelete();
          return;
        case 'Escape':
          k.onEscape();
          return;
        case '+':
        case '=':
          k.onZoom(1);
          return;
        case '-':
          k.onZoom(-1);
          return;
        case '0':
          k.onResetZoom();
          return;
        case 'ArrowLeft':
          event.preventDefault();
          return k.onNudge(-step, 0);
        case 'ArrowRight':
          event.preventDefault();
          return k.onNudge(step, 0);
        case 'ArrowUp':
          event.preventDefault();
          return k.onNudge(0, -step);
        case 'ArrowDown':
          event.preventDefault();
          return k.onNudge(0, step);
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ') latest.current.onSpace(false);
      if (event.key.startsWith('Arrow')) latest.current.onNudgeEnd();
    };
    const onBlur = () => {
      latest.current.onSpace(false);
      latest.current.onNudgeEnd();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.tagName === 'BUTTON';
}
