import type { ModerationClient } from '../board/session/ModerationClient';
import { useStore } from '../board/session/store';
import { useI18n } from '../i18n/I18nContext';

/**
 * This person's own comments that wait for a moderator: the server sends them to their author
 * alone, so only they see them here until a moderator approves them.
 */
export function OwnPending({ moderation }: { moderation: ModerationClient }) {
  const { t } = useI18n();
  const { own } = useStore(moderation.state);
  if (own.length === 0) return null;
  return (
    <section className="own-pending" data-testid="own-pending" aria-label={t('mod.own.heading')}>
      <h2>{t('mod.own.heading')}</h2>
      <ul>
        {own.map((comment) => (
          <li key={comment.id} data-testid="own-pending-comment">
            <p className="own-pending-text">{comment.text}</p>
            <p className="own-pending-note">{t('mod.own.pending')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
