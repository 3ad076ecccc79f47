import type { CommentAnchor } from '@paja/shared';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { anchorKey } from '../canvas/commentAnchors';
import { CommentForm } from '../chrome/CommentForm';
import { CommentThread } from '../chrome/CommentThread';
import { loadDraft } from '../chrome/commentDrafts';
import { useStore } from '../session/store';
import { useOutline } from './outlineContext';

/**
 * The comments on one item of the outline (a note, a topic, a roadmap cell, the board): its
 * threads with reply, support, flag and resolve (the canvas's own thread component), and a
 * "Comment" button that opens a form in place. Focus goes into the form when it opens and back
 * to the button when it closes, sent or cancelled.
 */
export function ItemComments({ anchor, item }: { anchor: CommentAnchor; item: string }) {
  const { t } = useI18n();
  const { outline, comments, say } = useOutline();
  const { maxChars } = useStore(comments.actions.moderation.state);
  const key = anchor.kind === 'point' ? 'board' : anchorKey(anchor);
  const threads = outline.comments.get(key) ?? [];
  const place = `anchor:${anchorKey(anchor)}`;
  // A comment left unsent here (a reload, a lost connection) is open again with its text; it
  // takes the focus only when the person opens the form.
  const [writing, setWriting] = useState(() => loadDraft(place) !== '');
  const [opened, setOpened] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  useEffect(() => {
    if (!writing && closed.current) {
      closed.current = false;
      opener.current?.focus();
    }
  }, [writing]);
  const close = () => {
    closed.current = true;
    setWriting(false);
  };

  if (threads.length === 0 && !comments.mayComment) return null;
  return (
    <div className="outline-comments" data-testid="outline-comments" data-anchor={key}>
      {threads.length > 0 && (
        <section aria-label={t('outline.commentsOn', { item })}>
          {threads.map((thread) => (
            <CommentThread key={thread.root.id} thread={thread} actions={comments.actions} />
          ))}
        </section>
      )}
      {comments.mayComment && !writing && (
        <button
          type="button"
          ref={opener}
          className="outline-comment-open"
          data-testid="outline-comment-open"
          onClick={() => {
            setOpened(true);
            setWriting(true);
          }}
        >
          {t('outline.comment')}
          <span className="visually-hidden">: {item}</span>
        </button>
      )}
      {comments.mayComment && writing && (
        <CommentForm
          place={place}
          label={t('outline.commentLabel', { item })}
          name={comments.actions.name}
          maxChars={maxChars}
          autoFocus={opened}
          send={(text, name, website) => comments.comment(anchor, text, name, website)}
          onSent={({ pending }) => {
            say(t(pending ? 'comments.sentForModeration' : 'outline.commentSent'));
            close();
          }}
          // The refusal is said under the form: an earlier "sent" must not stand beside it.
          onProblem={() => say('')}
          onCancel={close}
        />
      )}
    </div>
  );
}
