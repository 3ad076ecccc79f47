import { FLAG_REASONS, type FlagReason } from '@paja/shared';
import { useId, useState } from 'react';
import type { ModerationClient } from '../board/session/ModerationClient';
import { useI18n } from '../i18n/I18nContext';

/**
 * "Flag" under a comment: anyone on the board may ask a moderator to look at it, with a
 * reason. One flag per person per comment (the server answers a second one with a refusal,
 * shown here); enough flags from different people hide it until a moderator decides.
 */
export function FlagButton({
  moderation,
  commentId,
}: {
  moderation: ModerationClient;
  commentId: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<FlagReason>('spam');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  if (!open) {
    return (
      <span className="flag">
        <button
          type="button"
          className="quiet flag-button"
          data-testid="flag-button"
          onClick={() => {
            setOpen(true);
            setSaid(null);
          }}
        >
          {t('flag.button')}
        </button>
        {said && (
          <span className={said.ok ? 'flag-said' : 'flag-said error'} role="status">
            {said.text}
          </span>
        )}
      </span>
    );
  }
  return (
    <form
      className="flag-form"
      data-testid="flag-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const answer = await moderation.flag(commentId, reason);
        setOpen(false);
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
        <button type="button" onClick={() => setOpen(false)}>
          {t('mod.block.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="flag-send">
          {t('flag.send')}
        </button>
      </div>
    </form>
  );
}
