import type { ModerationClient } from '../board/session/ModerationClient';
import { useStore } from '../board/session/store';
import { useI18n } from '../i18n/I18nContext';

/**
 * The toolbar's Moderation button (moderators and facilitators: the command table decides),
 * with how many comments are in the queue.
 */
export function ModerationToggle({
  moderation,
  pressed,
  onToggle,
}: {
  moderation: ModerationClient;
  pressed: boolean;
  onToggle(): void;
}) {
  const { t } = useI18n();
  const waiting = useStore(moderation.state).queue?.total ?? 0;
  return (
    <button type="button" data-testid="moderation-button" aria-pressed={pressed} onClick={onToggle}>
      {t('mod.button')}
      {waiting > 0 && (
        <span className="moderation-count" data-testid="moderation-waiting">
          <span aria-hidden="true">{waiting}</span>
          <span className="visually-hidden">{t('mod.waiting', { count: waiting })}</span>
        </span>
      )}
    </button>
  );
}
