import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import type { BoardFullState } from './boardFull';

/**
 * What a person turned away from a full board sees: a full-page message while nothing of the
 * board is shown yet (an empty "offline" board would only confuse), a banner over the board
 * when this browser already holds it. Either counts down to the next try and offers "Try now".
 */
export function BoardFull({ state, page }: { state: BoardFullState; page: boolean }) {
  const { t } = useI18n();
  const seconds = useSecondsUntil(state.retryAt);
  const retry = (
    <>
      <span data-testid="board-full-retry">{t('full.retryIn', { seconds })}</span>{' '}
      <button type="button" onClick={state.retryNow}>
        {t('full.retryNow')}
      </button>
    </>
  );
  if (page) {
    return (
      <main className="page-message">
        <div className="error-card">
          <p role="alert" data-testid="board-full">
            {t('full.message')}
          </p>
          <p className="board-full-retry">{retry}</p>
          <div className="dialog-actions">
            <a className="button" href="/">
              {t('board.backHome')}
            </a>
          </div>
        </div>
      </main>
    );
  }
  return (
    <p className="notice board-full-banner" role="status" data-testid="board-full">
      {t('full.banner')} {retry}
    </p>
  );
}

function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}
