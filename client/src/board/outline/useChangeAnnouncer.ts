import type { NoteView } from '@paja/shared';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { cellKey, noteChanges } from './outlineModel';

/**
 * Announces what others changed, gathered over a few seconds ("2 notes added, 1 edited"), and
 * keeps quiet about this person's own changes (they know, and a screen reader would interrupt):
 * the notes an action touched are left out of the next reading, which that action causes.
 */
export function useChangeAnnouncer(notes: NoteView[]) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const seen = useRef<Map<string, string> | null>(null);
  const pending = useRef({ added: 0, removed: 0, edited: 0 });
  // Notes this person just changed: their next change is theirs, not news.
  const own = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const now = new Map(
      notes.map((n) => [n.id, `${n.text}|${n.cluster ?? ''}|${n.cell ? cellKey(n.cell) : ''}`]),
    );
    const before = seen.current;
    seen.current = now;
    const mine = own.current;
    own.current = new Set();
    if (before === null) return;
    const change = noteChanges(before, now, mine);
    if (change.added + change.removed + change.edited === 0) return;
    pending.current.added += change.added;
    pending.current.removed += change.removed;
    pending.current.edited += change.edited;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const { added, removed, edited } = pending.current;
      pending.current = { added: 0, removed: 0, edited: 0 };
      const parts = [
        added > 0 ? t('outline.announceAdded', { count: added }) : '',
        edited > 0 ? t('outline.announceEdited', { count: edited }) : '',
        removed > 0 ? t('outline.announceRemoved', { count: removed }) : '',
      ].filter(Boolean);
      setText(parts.join(', '));
    }, 2000);
  }, [notes, t]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return {
    text,
    ownChange: (ids: readonly string[]) => {
      for (const id of ids) own.current.add(id);
    },
  };
}
