import type { Publication } from '@paja/shared';
import { publicPath } from '@paja/shared';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { publishBoard, unpublishBoard } from './publishApi';

/**
 * Publishing from the share dialog: the public address, whether the public may comment, and
 * whether the board is frozen for participants (ticked when first publishing; once published,
 * the board's own state, which saving sets). The published and frozen states are read from the
 * document, so every facilitator sees the same, also one who published from another tab.
 */
export function PublishSection({
  boardId,
  token,
  publication,
  frozen,
}: {
  boardId: string;
  token: string;
  publication: Publication | null;
  /** Whether the board is frozen for participants now. */
  frozen: boolean;
}) {
  const { t } = useI18n();
  const [comments, setComments] = useState(publication?.comments ?? true);
  // What the facilitator chose here, if anything; until then: freeze when first publishing, the
  // board's state once published.
  const [chosenFreeze, setFreeze] = useState<boolean | null>(null);
  const freeze = chosenFreeze ?? (publication ? frozen : true);
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
  // Sent only when it changes something: a board published unfrozen stays as it is.
  const publish = () =>
    run(() =>
      publishBoard(boardId, token, {
        comments,
        ...(freeze !== frozen ? { freeze } : {}),
      }),
    );

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
      <PublishOption
        checked={comments}
        testId="publish-comments"
        label={t('publish.comments')}
        onChange={setComments}
      />
      <PublishOption
        checked={freeze}
        testId="publish-freeze"
        label={t('publish.freeze')}
        onChange={setFreeze}
      />
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

function PublishOption(props: {
  checked: boolean;
  testId: string;
  label: string;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="publish-option">
      <input
        type="checkbox"
        checked={props.checked}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.label}
    </label>
  );
}
