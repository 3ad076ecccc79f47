import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';

/** A board that cannot be shown, said plainly, with a way on. */
export function BoardError({ message, onRetry }: { message: MessageKey; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <main className="page-message">
      <div className="error-card">
        <p role="alert" data-testid="board-error">
          {t(message)}
        </p>
        <div className="dialog-actions">
          {onRetry && (
            <button type="button" onClick={onRetry}>
              {t('board.retry')}
            </button>
          )}
          <a className="button primary" href="/">
            {t('board.backHome')}
          </a>
        </div>
      </div>
    </main>
  );
}
