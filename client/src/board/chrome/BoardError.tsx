import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';

/** A board that cannot be shown, said plainly, with a way on. */
export function BoardError({
  message,
  onRetry,
  children,
}: {
  message: MessageKey;
  onRetry?: () => void;
  /** More to say under the message (what this browser still holds of the board). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <main className="page-message">
      <div className="error-card">
        <p role="alert" data-testid="board-error">
          {t(message)}
        </p>
        {children}
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

/** While a board's page asks the server about it. */
export function BoardLoading() {
  const { t } = useI18n();
  return (
    <main className="page-message" aria-busy="true">
      <p>{t('board.loading')}</p>
    </main>
  );
}
