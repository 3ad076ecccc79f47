import type { NoteView } from '@paja/shared';
import { useEffect, useRef } from 'react';
import { isTyping } from './boardKeys';
import { type ClipboardInput, PAJA_MIME, serializeNotes } from './canvas/clipboard';

export interface ClipboardActions {
  /** The selected notes, or none. */
  selected(): NoteView[];
  onCut(): void;
  onPaste(input: ClipboardInput): void;
  readOnly(): boolean;
}

/**
 * Copy, cut and paste through the browser's clipboard events (Ctrl/Cmd+C, X, V and the
 * browser's menus), which give synchronous access to every format without a permission prompt.
 * While a field has focus the events are the field's.
 */
export function useClipboard(actions: ClipboardActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const write = (event: ClipboardEvent): boolean => {
      if (isTyping(event.target) || !event.clipboardData) return false;
      const forms = serializeNotes(latest.current.selected());
      if (!forms) return false;
      event.preventDefault();
      event.clipboardData.setData(PAJA_MIME, forms.json);
      event.clipboardData.setData('text/html', forms.html);
      event.clipboardData.setData('text/plain', forms.plain);
      return true;
    };
    const onCopy = (event: ClipboardEvent) => {
      write(event);
    };
    const onCut = (event: ClipboardEvent) => {
      if (latest.current.readOnly()) return;
      if (write(event)) latest.current.onCut();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || !event.clipboardData || latest.current.readOnly()) return;
      event.preventDefault();
      const data = event.clipboardData;
      latest.current.onPaste({
        custom: data.getData(PAJA_MIME) || undefined,
        html: data.getData('text/html') || undefined,
        plain: data.getData('text/plain') || undefined,
      });
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
