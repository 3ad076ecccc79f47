import { safeHttpUrl } from '@paja/shared';
import { useEffect } from 'react';
import type { BoardController } from './BoardController';
import { PAJA_MIME, serializeNotes } from './clipboard';
import { isTyping } from './useKeyboard';

/**
 * Copy, cut and paste through the browser's clipboard events (Ctrl/Cmd+C, X, V and the
 * browser's menus), which give synchronous access to every format without a permission prompt.
 * While a field has focus the events are the field's. A pasted image or file goes to the
 * server (media/addMedia.ts); a lone pasted web address becomes a link item.
 */
export function useClipboard(controller: BoardController): void {
  useEffect(() => {
    const write = (event: ClipboardEvent): boolean => {
      if (isTyping(event.target) || !event.clipboardData) return false;
      const forms = serializeNotes(controller.selectedNotes());
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
      if (!controller.enabled('cut')) return;
      if (write(event)) controller.run('cut');
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || !event.clipboardData || !controller.enabled('paste')) return;
      event.preventDefault();
      const data = event.clipboardData;
      // A copied picture is uploaded (the server decides whether it is an image). Text wins
      // when there is some: Excel and Word put a picture of the copied cells beside their text.
      const text = data.getData('text/plain').trim() || data.getData(PAJA_MIME);
      if (data.files.length > 0 && text === '') {
        controller.run('addImages', { files: [...data.files] });
        return;
      }
      // A lone web address becomes a link item; one inside other text stays text (a note).
      const plain = data.getData('text/plain').trim();
      if (!data.getData(PAJA_MIME) && /^https?:\/\/\S+$/i.test(plain) && safeHttpUrl(plain)) {
        controller.run('addLink', { url: plain });
        return;
      }
      controller.run('paste', {
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
  }, [controller]);
}
