import type { ModerationClient } from '../board/session/ModerationClient';
import { useStore } from '../board/session/store';
import { useI18n } from '../i18n/I18nContext';

/** How many comments are in the moderation queue (moderators and facilitators get it). */
export function useModerationWaiting(moderation: ModerationClient): number {
  return useStore(moderation.state).queue?.total ?? 0;
}

/**
 * The queue's count as a badge: on the toolbar's "More" button, so that waiting comments are
 * in sight while the Moderation command itself is in the menu, and on that command.
 */
export function ModerationWaiting({ count, testId }: { count: number; testId?: string }) {
  const { t } = useI18n();
  if (count === 0) return null;
  return (
    <span className="moderation-count" data-testid={testId}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('mod.waiting', { count })}</span>
    </span>
  );
}
