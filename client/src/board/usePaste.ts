import {
  type Author,
  createNotesFromLines,
  duplicateNotes,
  type NoteView,
  pasteNotes,
} from '@paja/shared';
import { useCallback } from 'react';
import type * as Y from 'yjs';
import type { MessageKey, MessageParams } from '../i18n/messages';
import { type ClipboardInput, planPaste } from './canvas/clipboard';
import type { NoticeMessage } from './Notice';
import type { Point } from './viewport';

export interface PasteDeps {
  doc: Y.Doc;
  author: Author;
  act(fn: () => void): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** Where the paste goes: the pointer, else the middle of the view. */
  target(): Point;
  selected(): NoteView[];
  readOnly(): boolean;
  select(ids: string[]): void;
  notify(notice: NoticeMessage): void;
  confirm(message: string, run: () => void): void;
}

/**
 * Paste and duplicate. A paste is planned whole before anything is written (clipboard.ts):
 * refused with a message when it is too big, confirmed first above 50 lines, and otherwise
 * created in one transaction, so it is never half-applied and one undo takes it back.
 */
export function usePaste(deps: PasteDeps) {
  const { doc, author, act, t, target, selected, readOnly, select, notify, confirm } = deps;
  const paste = useCallback(
    (input: ClipboardInput) => {
      if (readOnly()) return;
      const at = target();
      const plan = planPaste(input);
      switch (plan.kind) {
        case 'empty':
          return;
        case 'tooMany':
          notify({
            tone: 'error',
            text: t('paste.tooMany', { count: plan.count, limit: plan.limit }),
          });
          return;
        case 'tooLong':
          notify({
            tone: 'error',
            text: t('paste.tooLong', { line: plan.line, limit: plan.limit }),
          });
          return;
        case 'notes': {
          let ids: string[] = [];
          act(() => {
            ids = pasteNotes(doc, plan.notes, at, author);
          });
          select(ids);
          return;
        }
        case 'lines': {
          const run = () => {
            let ids: string[] = [];
            act(() => {
              ids = createNotesFromLines(doc, plan.lines, at, author);
            });
            select(ids);
            if (plan.lines.length > 1) {
              notify({ tone: 'info', text: t('paste.created', { count: plan.lines.length }) });
            }
          };
          if (plan.confirm) confirm(t('paste.confirm', { count: plan.lines.length }), run);
          else run();
          return;
        }
      }
    },
    [doc, author, act, t, target, readOnly, select, notify, confirm],
  );

  const duplicate = useCallback(() => {
    const chosen = selected();
    if (readOnly() || chosen.length === 0) return;
    let ids: string[] = [];
    act(() => {
      ids = duplicateNotes(doc, chosen, author);
    });
    select(ids);
  }, [doc, author, act, selected, readOnly, select]);

  return { paste, duplicate };
}
