import type { CommentView, SupportTally, SupportTarget } from '@paja/shared';
import { hasSupported, supportCount } from '@paja/shared';
import { useEffect, useRef, useState } from 'react';
import { dateLocale } from '../../i18n/dateLocale';
import { useI18n } from '../../i18n/I18nContext';
import { FlagButton } from '../../moderation/FlagButton';
import type { Thread } from '../canvas/commentAnchors';
import type { CommentOutcome } from '../session/CommentClient';
import type { ModerationClient } from '../session/ModerationClient';
import { useStore } from '../session/store';
import { CommentForm } from './CommentForm';
import { ConfirmDialog } from './ConfirmDialog';
import { authorLabel } from './commentText';
import { SupportIcon } from './icons';
import './comments.css';

/** What a thread needs to know about the person reading it, and what it may do. */
export interface CommentActions {
  /** This person's participant id (their supports). */
  me: string;
  /** Their name on this board, or null when a comment asks for one (the public). */
  name: string | null;
  supports: SupportTally;
  /** May comment, reply and support now. */
  mayComment: boolean;
  /** May resolve and reopen threads (facilitators). */
  mayResolve: boolean;
  /**
   * May hide, delete and restore comments (moderators and facilitators): the same decisions as
   * the moderation queue's, on any comment where they read it, flagged or not.
   */
  mayModerate: boolean;
  /** Flags go to the moderators through it (anyone may flag someone else's comment). */
  moderation: ModerationClient;
  reply(to: string, text: string, authorName: string, website: string): Promise<CommentOutcome>;
  support(target: SupportTarget, on: boolean): void;
  resolve(id: string, on: boolean): void;
  /** A moderator's decision on one comment; the server judges it (a refusal is reported). */
  moderate(id: string, action: 'hide' | 'delete' | 'restore'): void;
}

/** "+3" with the verb: a toggle (aria-pressed) that gives or takes back this person's support. */
export function SupportButton({
  target,
  actions,
  label,
}: {
  target: SupportTarget;
  actions: CommentActions;
  label?: string;
}) {
  const { t, formatNumber } = useI18n();
  const count = supportCount(actions.supports, target);
  const mine = hasSupported(actions.supports, target, actions.me);
  const name = t(mine ? 'comments.unsupportLabel' : 'comments.supportLabel', {
    count: formatNumber(count),
  });
  if (!actions.mayComment) {
    // Who cannot support (a viewer, a closed phase) reads the count, with no button to press.
    return (
      <span className="support-tally" data-testid="support-tally" data-count={count}>
        <SupportIcon /> {label ? `${label}: ` : ''}
        {name}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={mine ? 'support-button mine' : 'support-button'}
      // Its name is its visible text ("Support 3"); pressed says whose it is (WCAG 2.5.3).
      aria-pressed={mine}
      title={name}
      data-testid="support-button"
      data-target={`${target.kind}:${target.id}`}
      data-count={count}
      onClick={() => actions.support(target, !mine)}
    >
      <SupportIcon /> {label ?? t('comments.support')}{' '}
      <span className="support-count">{formatNumber(count)}</span>
    </button>
  );
}

/**
 * Hide, Delete (and Restore for a hidden one) under a comment, for moderators and facilitators:
 * the queue's decisions where they read the comment, also on one nobody flagged. Deleting asks
 * first; hiding can be undone with Restore.
 */
function ModerateButtons({
  comment,
  actions,
  about,
}: {
  comment: CommentView;
  actions: CommentActions;
  about: string;
}) {
  const { t } = useI18n();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const hidden = comment.status === 'hidden';
  const buttons: ('hide' | 'restore' | 'delete')[] = hidden
    ? // Hidden by readers' flags: a moderator may confirm it (Hide) as well as restore it.
      comment.hiddenBy === 'flags'
      ? ['restore', 'hide', 'delete']
      : ['restore', 'delete']
    : ['hide', 'delete'];
  return (
    <span className="comment-moderate" data-testid="comment-moderate">
      {buttons.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'delete' ? 'quiet danger' : 'quiet'}
          data-testid={`comment-${action}`}
          onClick={() =>
            action === 'delete' ? setConfirmDelete(true) : actions.moderate(comment.id, action)
          }
        >
          {/* On a comment readers' flags hid, "Hide" is a moderator's confirming it. */}
          {t(hidden && action === 'hide' ? 'mod.action.keepHidden' : `mod.action.${action}`)}
          {about && <span className="visually-hidden">: {about}</span>}
        </button>
      ))}
      {confirmDelete && (
        <ConfirmDialog
          message={t('mod.deleteOneConfirm')}
          confirmLabel={t('mod.action.delete')}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            actions.moderate(comment.id, 'delete');
          }}
        />
      )}
    </span>
  );
}

function CommentBody({ comment, actions }: { comment: CommentView; actions: CommentActions }) {
  const { t, locale } = useI18n();
  const time = new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(comment.createdAt);
  const name = authorLabel(comment.authorName, t('comments.anonymousName'));
  // The document's placeholders carry no author: a hidden comment with this person's id is
  // their own that a moderator did not publish, from the server's message to them alone.
  const rejected = comment.status === 'hidden' && comment.authorId === actions.me;
  if (comment.status === 'hidden' && !rejected) {
    // Readers' flags hid it automatically: no moderator has decided yet, and it says so.
    const byFlags = comment.hiddenBy === 'flags';
    return (
      <>
        <p
          className="comment-removed"
          data-testid="comment-removed"
          data-hidden-by={byFlags ? 'flags' : 'moderator'}
        >
          {t(byFlags ? 'comments.hiddenByFlags' : 'comments.removed')}
        </p>
        {actions.mayModerate && (
          <div className="comment-actions">
            <ModerateButtons comment={comment} actions={actions} about="" />
          </div>
        )}
      </>
    );
  }
  return (
    <>
      <p className="comment-meta">
        {t('comments.by', { name, time })}
        {comment.status === 'pending' && (
          <>
            {' '}
            <span className="comment-badge pending" data-testid="comment-pending">
              {t('comments.pending')}
            </span>
          </>
        )}
        {rejected && (
          <>
            {' '}
            <span className="comment-badge rejected" data-testid="comment-rejected">
              {t('comments.rejected')}
            </span>
          </>
        )}
      </p>
      <p className="comment-text" data-testid="comment-text-shown">
        {comment.text}
      </p>
      {comment.status === 'pending' ? (
        <p className="comment-pending-note">{t('mod.own.pending')}</p>
      ) : rejected ? (
        <p className="comment-pending-note" data-testid="comment-rejected-note">
          {t('mod.own.rejected')}
        </p>
      ) : (
        <div className="comment-actions">
          <SupportButton target={{ kind: 'comment', id: comment.id }} actions={actions} />
          {comment.authorId !== actions.me && (
            <FlagButton moderation={actions.moderation} commentId={comment.id} about={name} />
          )}
          {actions.mayModerate && (
            <ModerateButtons comment={comment} actions={actions} about={name} />
          )}
        </div>
      )}
    </>
  );
}

/** One thread: its first comment, the replies, support, reply and (facilitators) resolve. */
export function CommentThread({ thread, actions }: { thread: Thread; actions: CommentActions }) {
  const { t } = useI18n();
  const { maxChars } = useStore(actions.moderation.state);
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  // A reply sent or cancelled gives the focus back to the button that opened the form.
  useEffect(() => {
    if (!replying && closed.current) {
      closed.current = false;
      replyButton.current?.focus();
    }
  }, [replying]);
  const stopReplying = () => {
    closed.current = true;
    setReplying(false);
  };
  const { root, replies } = thread;
  const rootName = authorLabel(root.authorName, t('comments.anonymousName'));
  // One's own comment a moderator did not publish: nobody else sees it, so nothing to answer.
  const rootRejected = root.status === 'hidden' && root.authorId === actions.me;
  // A removed (hidden) first comment has nothing left to answer either.
  const rootHidden = root.status === 'hidden';
  return (
    <article
      className={root.resolved ? 'comment-thread resolved' : 'comment-thread'}
      data-testid="comment-thread"
      data-comment={root.id}
      data-resolved={root.resolved}
      aria-label={t('comments.by', { name: rootName, time: '' })}
    >
      {root.resolved && <span className="comment-badge resolved">{t('comments.resolved')}</span>}
      {root.orphaned && <p className="comment-orphaned">{t('comments.orphaned')}</p>}
      <CommentBody comment={root} actions={actions} />
      {replies.length > 0 && (
        <ol className="comment-replies">
          {replies.map((reply) => (
            <li key={reply.id} data-testid="comment-reply">
              <CommentBody comment={reply} actions={actions} />
            </li>
          ))}
        </ol>
      )}
      <div className="comment-thread-actions">
        {actions.mayComment && !replying && root.status !== 'pending' && !rootHidden && (
          <button
            type="button"
            className="quiet"
            ref={replyButton}
            data-testid="comment-reply-open"
            onClick={() => setReplying(true)}
          >
            {t('comments.reply')}
          </button>
        )}
        {actions.mayResolve && root.status !== 'pending' && !rootRejected && (
          <button
            type="button"
            className="quiet"
            data-testid="comment-resolve"
            onClick={() => actions.resolve(root.id, !root.resolved)}
          >
            {root.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
      {replying && !rootHidden && (
        <CommentForm
          place={`reply:${root.id}`}
          label={t('comments.replyLabel', { name: rootName })}
          name={actions.name}
          submitLabel={t('comments.reply')}
          autoFocus
          maxChars={maxChars}
          send={(text, name, website) => actions.reply(root.id, text, name, website)}
          onSent={stopReplying}
          onCancel={stopReplying}
        />
      )}
    </article>
  );
}
