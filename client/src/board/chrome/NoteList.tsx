import type { NoteView } from '@paja/shared';
import { memo, useDeferredValue } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { privacyOf } from '../canvas/privacy';

/**
 * The notes as text, in z-order, for screen readers: the canvas itself is a picture to them.
 * Visually hidden but in the DOM and the accessibility tree.
 */
export const NoteList = memo(function NoteList({ notes }: { notes: readonly NoteView[] }) {
  const { t } = useI18n();
  // Deferred: on a board of thousands of notes this list is thousands of elements, and the
  // canvas must not wait for it. React fills it in right after, in an interruptible render.
  const shown = useDeferredValue(notes);
  return (
    <ul
      data-testid="note-list"
      className="visually-hidden"
      aria-label={t('notes.listLabel', { count: shown.length })}
    >
      {shown.map((note) => (
        <li
          key={note.id}
          data-testid="note-item"
          data-note-id={note.id}
          data-organisation={note.organisation ?? ''}
          data-private={privacyOf(note) ?? undefined}
        >
          {privacyOf(note) === 'mine' && `${t('private.label.mine')}: `}
          {privacyOf(note) === 'others' &&
            `${t('private.label.others', { name: note.authorName })}: `}
          {note.text}
        </li>
      ))}
    </ul>
  );
});
