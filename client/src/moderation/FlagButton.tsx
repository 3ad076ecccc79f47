import { FLAG_REASONS, type FlagReason } from '@paja/shared';
import { useEffect, useId, useRef, useState } from 'react';
import type { ModerationClient } from '../board/session/ModerationClient';
import { useI18n } from '../i18n/I18nContext';
import './moderation.css';

/**
 * "Flag" under a comment: anyone on the board may ask a moderator to look at it, with a
 * reason. One flag per person per comment (the server answers a second one with a refusal,
 * shown here); enough flags from different people hide it until a moderator decides. Focus
 * moves into the reasons when they open and back to the button when they close, never to the
 * page's body.
 */
export function FlagButton({
  moderation,
  commentId,
  about,
}: {
  moderation: ModerationClient;
  commentId: string;
  /** Whose comment, for screen readers: many "Flag" buttons are told apart by it. */
  about?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<FlagReason>('spam');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    if (open) form.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
    else button.current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    moved.current = true;
    setOpen(next);
  };

  if (!open) {
    return (
      <span className="flag">
        <button
          type="button"
          ref={button}
          className="quiet flag-button"
          data-testid="flag-button"
          onClick={() => {
            toggle(true);
            setSaid(null);
          }}
        >
          {t('flag.button')}
          {about && <span className="visually-hidden">: {about}</span>}
        </button>
        <span
          className={said?.ok === false ? 'flag-said error' : 'flag-said'}
          role="status"
          data-testid="flag-said"
        >
          {said?.text ?? ''}
        </span>
      </span>
    );
  }
  return (
    <form
      ref={form}
      className="flag-form"
      data-testid="flag-form"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          toggle(false);
        }
      }}
      onSubmit={async (event) => {
        event.preventDefault();
        const answer = await moderation.flag(commentId, reason);
        toggle(false);
        setSaid(
          answer.ok
            ? { ok: true, text: t('flag.sent') }
            : { ok: false, text: t(`mod.problem.${answer.problem}`) },
        );
      }}
    >
      <fieldset>
        <legend>{t('flag.title')}</legend>
        {FLAG_REASONS.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-reason`}
              value={value}
              checked={reason === value}
              data-testid={`flag-reason-${value}`}
              onChange={() => setReason(value)}
            />
            {t(`flag.reason.${value}`)}
          </label>
        ))}
      </fieldset>
      <div className="flag-actions">
        <button type="button" onClick={() => toggle(false)}>
          {t('mod.block.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="flag-send">
          {t('flag.send')}
        </button>
      </div>
    </form>
  );
}
