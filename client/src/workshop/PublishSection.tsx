import type { Publication } from '@paja/shared';
import { publicPath } from '@paja/shared';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { publishBoard, unpublishBoard } from './publishApi';

/**
 * Publishing from the share dialog: the public address, whether the public may comment, and
 * (when publishing) freezing the board for participants. The published state is read from the
 * document, so every facilitator sees the same, also one who published from another tab.
 */
export function PublishSection({
  boardId,
  token,
  publication,
}: {
  boardId: string;
  token: string;
  publication: Publication | null;
}) {
  const { t } = useI18n();
  const [comments, setComments] = useState(publication?.comments ?? true);
  const [freeze, setFreeze] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const url = `${window.location.origin}${publicPath(boardId)}`;

  const run = async (action: () => Promise<{ ok: boolean }>) => {
    setBusy(true);
    setFailed(false);
    const result = await action();
    setBusy(false);
    setFailed(!result.ok);
  };
  const publish = () =>
    run(() => publishBoard(boardId, token, { comments, freeze: !publication && freeze }));

  return (
    <section className="share-publish" data-testid="share-publish" aria-labelledby="publish-h">
      <h3 id="publish-h">{t('publish.title')}</h3>
      <p className="share-help">{t('publish.help')}</p>
      {publication && (
        <div className="publish-state" data-testid="publish-state">
          <p>
            {t('publish.isPublished')}{' '}
            <a href={publicPath(boardId)} target="_blank" rel="noreferrer" data-testid="public-url">
              {url}
            </a>
          </p>
          <p>
            {publication.comments ? t('publish.isPublishedComments') : t('publish.isPublishedRead')}
          </p>
        </div>
      )}
      <label className="publish-option">
        <input
          type="checkbox"
          checked={comments}
          data-testid="publish-comments"
          onChange={(event) => setComments(event.target.checked)}
        />
        {t('publish.comments')}
      </label>
      {!publication && (
        <label className="publish-option">
          <input
            type="checkbox"
            checked={freeze}
            data-testid="publish-freeze"
            onChange={(event) => setFreeze(event.target.checked)}
          />
          {t('publish.freeze')}
        </label>
      )}
      <div className="share-actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-testid="publish-button"
          onClick={() => void publish()}
        >
          {publication ? t('publish.save') : t('publish.publish')}
        </button>
        {publication && (
          <button
            type="button"
            className="danger quiet"
            disabled={busy}
            data-testid="unpublish-button"
            onClick={() => void run(() => unpublishBoard(boardId, token))}
          >
            {t('publish.unpublish')}
          </button>
        )}
      </div>
      {failed && (
        <p className="error" role="alert">
          {t('publish.failed')}
        </p>
      )}
    </section>
  );
}
