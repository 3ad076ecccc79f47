import { ANONYMOUS_REQUEST_NAME } from '@paja/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { rememberName, storedName } from '../../identity';
import type { CommentOutcome, CommentProblem } from '../session/CommentClient';
import { loadDraft, saveDraft } from './commentDrafts';

interface CommentFormProps {
  /** The visible label (and the textarea's name for screen readers). */
  label: string;
  /** The person's name on this board; null asks for one (the public), with "anonymous". */
  name: string | null;
  /**
   * The longest comment the server takes (PAJA_COMMENT_MAX_CHARS, told on joining: the
   * moderation slice's `maxChars`), which the counter shows and the form holds to.
   */
  maxChars: number;
  /**
   * Where the comment goes (an anchor, a reply), under which its text is kept until it is
   * sent (commentDrafts.ts): a reload or a closed board does not lose it.
   */
  place?: string;
  submitLabel?: string;
  autoFocus?: boolean;
  /** `website` is the honeypot's content: empty from people, filled by form-filling bots. */
  send(text: string, authorName: string, website: string): Promise<CommentOutcome>;
  /** Sent; `pending` when it waits for a moderator (only its author sees it until then). */
  onSent?(outcome: { pending: boolean }): void;
  /** The server (or the length limit) refused it: the refusal is shown under the form. */
  onProblem?(problem: CommentProblem): void;
  onCancel?(): void;
}

/**
 * Writes a comment or a reply. Asks for nothing but the text from people who joined with a
 * name; the public gives a display name or ticks "anonymous". The server decides: a refusal
 * (too long, too fast, closed) keeps the text and is shown in the person's language.
 */
export function CommentForm(props: CommentFormProps) {
  const { t, formatNumber } = useI18n();
  const [text, setText] = useState(() => (props.place ? loadDraft(props.place) : ''));
  const write = (next: string) => {
    setText(next);
    if (props.place) saveDraft(props.place, next);
  };
  const [ownName, setOwnName] = useState(() => storedName() ?? '');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<CommentProblem | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const trap = useRef<HTMLInputElement>(null);
  const id = useId();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useEffect(() => {
    if (props.autoFocus) field.current?.focus();
  }, [props.autoFocus]);

  const askName = props.name === null;
  // "Anonymous" travels as one neutral word: the server stores no name, and every reader sees
  // the word of their own language (not the writer's).
  const authorName = askName
    ? anonymous
      ? ANONYMOUS_REQUEST_NAME
      : ownName.trim()
    : (props.name ?? '');
  const tooLong = text.length > props.maxChars;
  const refused = (reason: CommentProblem) => {
    setProblem(reason);
    props.onProblem?.(reason);
    field.current?.focus();
  };

  // Cancelled, the text is not kept for later: the person chose not to send it.
  const cancel = () => {
    if (props.place) saveDraft(props.place, '');
    props.onCancel?.();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    // The server would refuse it: say so now, with the limit, and keep the text to shorten.
    if (tooLong) {
      refused('tooLong');
      return;
    }
    setSending(true);
    setProblem(null);
    if (askName && !anonymous && ownName.trim() !== '') rememberName(ownName);
    const outcome = await props.send(text, authorName, trap.current?.value ?? '');
    if (!mounted.current) return;
    setSending(false);
    if (outcome.ok) {
      write('');
      if (trap.current) trap.current.value = '';
      props.onSent?.({ pending: outcome.pending });
    } else {
      refused(outcome.problem);
    }
  };

  return (
    <form className="comment-form" onSubmit={submit} data-testid="comment-form">
      <label htmlFor={`${id}-text`} className="comment-form-label">
        {props.label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={field}
        value={text}
        rows={3}
        placeholder={t('comments.placeholder')}
        aria-invalid={tooLong || problem !== null}
        aria-describedby={`${id}-count ${id}-problem`}
        data-testid="comment-text"
        onChange={(event) => write(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl/Cmd+Enter sends; Escape leaves a reply without sending.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.currentTarget.form?.requestSubmit();
          } else if (event.key === 'Escape' && props.onCancel) {
            event.stopPropagation();
            cancel();
          }
        }}
      />
      <span id={`${id}-count`} className={tooLong ? 'comment-length over' : 'comment-length'}>
        {t('comments.length', {
          count: formatNumber(text.length),
          max: formatNumber(props.maxChars),
        })}
      </span>
      {/*
        The honeypot: a field no person sees, reaches or hears (visually hidden, out of the tab
        order, aria-hidden, no autofill), which bots that fill every field do fill. The server
        answers such a comment "ok" and drops it, so the bot learns nothing.
      */}
      <div className="comment-trap" aria-hidden="true">
        <label htmlFor={`${id}-website`}>Website</label>
        <input
          id={`${id}-website`}
          ref={trap}
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
          data-testid="comment-website"
        />
      </div>
      {askName && (
        <div className="comment-name">
          <label htmlFor={`${id}-name`}>{t('comments.nameLabel')}</label>
          <input
            id={`${id}-name`}
            value={anonymous ? '' : ownName}
            disabled={anonymous}
            maxLength={40}
            autoComplete="nickname"
            data-testid="comment-name"
            onChange={(event) => setOwnName(event.target.value)}
          />
          <label className="comment-anonymous">
            <input
              type="checkbox"
              checked={anonymous}
              data-testid="comment-anonymous"
              onChange={(event) => setAnonymous(event.target.checked)}
            />
            {t('comments.anonymous')}
          </label>
        </div>
      )}
      <p
        id={`${id}-problem`}
        className="comment-problem"
        role="alert"
        data-testid="comment-problem"
      >
        {problem !== null &&
          t(`comments.refusal.${problem}`, { max: formatNumber(props.maxChars) })}
      </p>
      <div className="comment-form-actions">
        {props.onCancel && (
          <button type="button" className="quiet" onClick={cancel}>
            {t('name.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={sending} data-testid="comment-send">
          {sending ? t('comments.sending') : (props.submitLabel ?? t('comments.send'))}
        </button>
      </div>
    </form>
  );
}
