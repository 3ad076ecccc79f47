import type { NoteView } from '@paja/shared';
import { memo } from 'react';
import { useI18n } from '../i18n/I18nContext';

/**
 * The notes as text, in z-order, for screen readers: the canvas itself is a picture to them.
 * Visually hidden but in the DOM and the accessibility tree.
 */
export const NoteList = memo(function NoteList({ notes }: { notes: readonly NoteView[] }) {
  const { t } = useI18n();
  return (
    <ul
      data-testid="note-list"
      className="visually-hidden"
      aria-label={t('notes.listLabel', { count: notes.length })}
    >
      {notes.map((note) => (
        <li key={note.id} data-testid="note-item" data-note-id={note.id}>
          {note.text}
        </li>
      ))}
    </ul>
  );
});
