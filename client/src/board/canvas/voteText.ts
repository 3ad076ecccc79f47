import type { NoteView } from '@paja/shared';
import type { MessageKey, MessageParams } from '../../i18n/messages';

/** A note's text in one short line, for the vote list, results and button names. */
export function noteLabel(note: Pick<NoteView, 'text'> | undefined): string {
  const text = (note?.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text || '…';
}

/** "1 dot", "5 dots" in the person's language. */
export function dotCount(t: (key: MessageKey, params?: MessageParams) => string, count: number) {
  return count === 1 ? t('vote.dotCount.one') : t('vote.dotCount', { count });
}
