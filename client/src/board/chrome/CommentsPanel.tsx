import type { CommentAnchor, SupportTally } from '@paja/shared';
import { supportCount } from '@paja/shared';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import {
  anchorFromKey,
  anchorKey,
  COMMENT_SORTS,
  type CommentSort,
  sortThreads,
  type Thread,
  topicOf,
} from '../canvas/commentAnchors';
import type { CommentOutcome } from '../session/CommentClient';
import { useStore } from '../session/store';
import { CommentForm } from './CommentForm';
import { type CommentActions, CommentThread, SupportButton } from './CommentThread';
import { unsentItemDrafts } from './commentDrafts';
import { type AnchorNames, describeAnchor } from './commentText';
import './comments.css';

interface CommentsPanelProps {
  /** The threads this person may read (their own waiting comments included). */
  threads: readonly Thread[];
  supports: SupportTally;
  names: AnchorNames;
  /** The item whose comments are shown, or null for the list of all comments. */
  focus: CommentAnchor | null;
  /** Opened to write: the new comment's field takes the focus. */
  composing: boolean;
  actions: CommentActions;
  /** Why this person cannot comment now (shown instead of the form), or null. */
  cannotComment: string | null;
  comment(
    anchor: CommentAnchor,
    text: string,
    authorName: string,
    website: string,
  ): Promise<CommentOutcome>;
  onFocus(anchor: CommentAnchor | null): void;
  onShow(anchor: CommentAnchor): void;
  onClose(): void;
}

/**
 * Comments beside the canvas: the comments on one item (its threads, a new comment, and for a
 * note its own support), or the list of every thread, sorted by newest, most supported or
 * topic. On a phone it is a sheet over the lower part of the screen. Everything here is a
 * request to the server (CommentClient); the document brings the result back.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { t, locale } = useI18n();
  const { threads, supports, names, focus, actions } = props;
  const [sort, setSort] = useState<CommentSort>('newest');
  const collator = useMemo(() => new Intl.Collator(locale), [locale]);
  const topicNames = useMemo(
    () => ({ notes: names.notes, clusters: names.clusters, lanes: names.roadmap.lanes }),
    [names],
  );
  const focusKey = focus ? anchorKey(focus) : null;
  const shown = useMemo(() => {
    if (focusKey !== null) {
      return threads.filter((thread) => anchorKey(thread.root.anchor) === focusKey);
    }
    return sortThreads(
      threads,
      sort,
      (id) => supportCount(supports, { kind: 'comment', id }),
      (anchor) => topicOf(anchor, topicNames),
      collator.compare,
    );
  }, [threads, focusKey, sort, supports, topicNames, collator]);

  return (
    <aside
      className="side-panel comments-panel"
      aria-label={t('comments.title')}
      data-testid="comments-panel"
    >
      <div className="side-panel-head">
        <h2>{t('comments.title')}</h2>
        <button
          type="button"
          className="quiet"
          onClick={props.onClose}
          aria-label={t('comments.close')}
          data-testid="comments-close"
        >
          ✕
        </button>
      </div>
      {focus ? (
        <FocusedItem {...props} focus={focus} threads={shown} />
      ) : (
        <>
          <UnsentHere names={names} onFocus={props.onFocus} />
          <label className="comments-sort">
            {t('comments.sort')}{' '}
            <select
              value={sort}
              data-testid="comments-sort"
              onChange={(event) => setSort(event.target.value as CommentSort)}
            >
              {COMMENT_SORTS.map((option) => (
                <option key={option} value={option}>
                  {t(`comments.sort.${option}`)}
                </option>
              ))}
            </select>
          </label>
          {shown.length === 0 && <p className="muted">{t('comments.empty')}</p>}
          <ol className="comment-list">
            {shown.map((thread, index) => {
              const topic = sort === 'topic' ? topicOf(thread.root.anchor, topicNames) : null;
              const previous = shown[index - 1];
              const newTopic =
                topic !== null &&
                (!previous || topicOf(previous.root.anchor, topicNames) !== topic);
              return (
                <li key={thread.root.id}>
                  {newTopic && <h3 className="comment-topic">{topic || t('comments.noTopic')}</h3>}
                  <button
                    type="button"
                    className="comment-anchor"
                    data-testid="comment-anchor"
                    onClick={() => props.onFocus(thread.root.anchor)}
                  >
                    {describeAnchor(thread.root.anchor, names, t)}
                  </button>
                  <CommentThread thread={thread} actions={actions} />
                </li>
              );
            })}
          </ol>
        </>
      )}
    </aside>
  );
}

/**
 * Comments this tab began and has not sent (a reload, a closed panel): each item's name and
 * the text's start, a button back to its form, where the text is waiting.
 */
function UnsentHere({
  names,
  onFocus,
}: {
  names: AnchorNames;
  onFocus(anchor: CommentAnchor): void;
}) {
  const { t } = useI18n();
  const drafts = unsentItemDrafts().flatMap(({ anchor, text }) => {
    const parsed = anchorFromKey(anchor);
    return parsed ? [{ anchor: parsed, text }] : [];
  });
  if (drafts.length === 0) return null;
  return (
    <section className="comment-drafts" data-testid="comment-drafts">
      <h3>{t('comments.draftsTitle')}</h3>
      <ul>
        {drafts.map(({ anchor, text }) => (
          <li key={anchorKey(anchor)}>
            <button
              type="button"
              className="comment-anchor"
              data-testid="comment-draft"
              onClick={() => onFocus(anchor)}
            >
              {t('comments.draftContinue', { place: describeAnchor(anchor, names, t) })}
            </button>
            <p className="muted comment-draft-text">{text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FocusedItem(
  props: CommentsPanelProps & { focus: CommentAnchor; threads: readonly Thread[] },
) {
  const { t } = useI18n();
  const { focus, actions, threads } = props;
  const { maxChars } = useStore(actions.moderation.state);
  return (
    <>
      <button
        type="button"
        className="quiet comments-back"
        data-testid="comments-all"
        onClick={() => props.onFocus(null)}
      >
        ← {t('comments.all')}
      </button>
      <h3 className="comments-focus" data-testid="comments-focus">
        {describeAnchor(focus, props.names, t)}
      </h3>
      <div className="comments-focus-actions">
        {focus.kind !== 'board' && (
          <button type="button" className="quiet" onClick={() => props.onShow(focus)}>
            {t('comments.show')}
          </button>
        )}
        {focus.kind === 'note' && props.names.notes.has(focus.note) && (
          <SupportButton
            target={{ kind: 'note', id: focus.note }}
            actions={actions}
            label={t('comments.supportNote')}
          />
        )}
      </div>
      {threads.length === 0 && <p className="muted">{t('comments.emptyItem')}</p>}
      {threads.map((thread) => (
        <CommentThread key={thread.root.id} thread={thread} actions={actions} />
      ))}
      {props.cannotComment === null ? (
        <CommentForm
          key={anchorKey(focus)}
          place={`anchor:${anchorKey(focus)}`}
          label={t('comments.new')}
          name={actions.name}
          maxChars={maxChars}
          autoFocus={props.composing}
          send={(text, name, website) => props.comment(focus, text, name, website)}
        />
      ) : (
        <p className="muted" data-testid="comments-cannot">
          {props.cannotComment}
        </p>
      )}
    </>
  );
}
