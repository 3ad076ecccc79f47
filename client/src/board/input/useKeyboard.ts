import { useEffect } from 'react';
import type { BoardController } from './BoardController';
import { commandForKey } from './commands';

/**
 * The board's keyboard: each shortcut runs its command from the command table (commands.ts,
 * where the keys are listed beside what they do). Keys typed into a field (the note editor, a
 * title, search) are not ours, nor keys pressed while a modal dialog is open. Two keys are
 * modes rather than commands: Space held pans, and releasing the arrow keys writes a nudge.
 * Copy, cut and paste are the browser's own events (useClipboard.ts).
 */
export function useKeyboard(controller: BoardController): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A modal dialog (Move to…, a confirmation, the key help) has the keys: the board behind
      // it is inert, and its Escape only closes it (clearing the selection too would take away
      // the toolbar button the focus goes back to).
      if (modalOpen(document)) return;
      if (isTyping(event.target)) return;
      // A focused button handles Space and Enter itself; the board must not act on them too.
      if (isButton(event.target) && (event.key === ' ' || event.key === 'Enter')) return;
      if (event.key === ' ' && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault(); // no page scroll
        controller.holdSpace(true);
        return;
      }
      const found = commandForKey(event);
      if (!found) return;
      if (!found.keepDefault) event.preventDefault();
      controller.runWith(found.id, found.arg);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ') controller.holdSpace(false);
      if (event.key.startsWith('Arrow')) controller.moves.endNudge();
    };
    const onBlur = () => {
      controller.holdSpace(false);
      controller.moves.endNudge();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [controller]);
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

/** Whether a modal <dialog> (opened with showModal) is open on the page. */
export function modalOpen(page: Pick<Document, 'querySelector'>): boolean {
  return page.querySelector('dialog:modal') !== null;
}
