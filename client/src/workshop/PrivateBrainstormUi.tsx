import type { PrivateNoteRefusal, Role } from '@paja/shared';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import type { PrivateBrainstorm } from '../board/session/PrivateBrainstorm';
import { useStore } from '../board/session/store';
import { useI18n } from '../i18n/I18nContext';
import { useModal } from './useModal';

/**
 * The private brainstorm's controls: the facilitator's start dialog (opened from the toolbar's
 * "More" menu: the header is full), and the banner everyone sees while it runs (participants:
 * that their new notes are private, and how many the group wrote; facilitators: reveal and
 * discard). The banner is no live region: it appears already filled in, which a screen reader
 * would not read, and the count changes at every note anyone writes. The start and the reveal
 * are said on the board instead (board/chrome/phaseAnnouncements.ts).
 */

/** The facilitator's start dialog, opened from the toolbar's "More" menu. */
export function PrivateBrainstormStartDialog({
  brainstorm,
  onClose,
}: {
  brainstorm: PrivateBrainstorm;
  onClose(): void;
}) {
  const { t } = useI18n();
  const modal = useModal(onClose);
  const id = useId();
  const [facilitatorsSee, setFacilitatorsSee] = useState(true);
  const [hideAuthors, setHideAuthors] = useState(false);
  const [refusal, setRefusal] = useState<PrivateNoteRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    const answer = await brainstorm.start(facilitatorsSee, hideAuthors);
    setBusy(false);
    if (answer === null) onClose();
    else setRefusal(answer);
  };
  return (
    <dialog
      {...modal}
      className="name-dialog private-dialog"
      aria-labelledby={`${id}-h`}
      data-testid="private-start-dialog"
    >
      <h2 id={`${id}-h`}>{t('private.dialog.title')}</h2>
      <p>{t('private.dialog.intro')}</p>
      <label className="private-option">
        <input
          type="checkbox"
          checked={facilitatorsSee}
          data-testid="private-facilitators-see"
          onChange={(event) => setFacilitatorsSee(event.target.checked)}
        />
        {t('private.option.facilitatorsSee')}
      </label>
      <label className="private-option">
        <input
          type="checkbox"
          checked={hideAuthors}
          data-testid="private-hide-authors"
          onChange={(event) => setHideAuthors(event.target.checked)}
        />
        {t('private.option.hideAuthors')}
      </label>
      {refusal && (
        <p className="error" role="alert">
          {t(`private.refused.${refusal}`)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('private.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-testid="private-start"
          onClick={() => void start()}
        >
          {t('private.start')}
        </button>
      </div>
    </dialog>
  );
}

export function PrivateBrainstormBanner({
  brainstorm,
  role,
}: {
  brainstorm: PrivateBrainstorm;
  role: Role | null;
}) {
  const { t } = useI18n();
  const state = useStore(brainstorm.state);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<PrivateNoteRefusal | null>(null);
  const shownRefusal = refusal ?? state.refusal;
  const notice = shownRefusal && (
    <p className="private-refusal" role="alert" data-testid="private-refusal">
      {t(`private.refused.${shownRefusal}`)}
      <button
        type="button"
        className="quiet private-refusal-close"
        onClick={() => {
          setRefusal(null);
          brainstorm.clearRefusal();
        }}
      >
        {t('private.close')}
      </button>
    </p>
  );
  const { mode, count } = state;
  if (!mode) return notice || null;
  const facilitator = role === 'facilitator';
  const act = async (run: () => Promise<PrivateNoteRefusal | null>) => setRefusal(await run());
  return (
    <>
      <section
        className="private-banner"
        data-testid="private-banner"
        aria-label={t('private.tool')}
      >
        <EyeOff />
        <div className="private-banner-text">
          <p className="private-message">
            {facilitator ? t('private.banner.facilitator') : t('private.banner.participant')}
            {facilitator && mode.facilitatorsSee && ` ${t('private.banner.facilitatorSees')}`}
          </p>
          <p className="private-count" data-testid="private-count" data-count={count}>
            {count === 1 ? t('private.count.one') : t('private.count', { count })}
            {state.unsaved > 0 && ` · ${t('private.unsaved', { count: state.unsaved })}`}
          </p>
        </div>
        {facilitator && (
          <div className="private-actions">
            <button
              type="button"
              className="primary"
              data-testid="private-reveal"
              onClick={() => void act(() => brainstorm.reveal())}
            >
              {t('private.reveal')}
            </button>
            <button
              type="button"
              className="danger quiet"
              data-testid="private-discard"
              onClick={() => setConfirming(true)}
            >
              {t('private.discard')}
            </button>
          </div>
        )}
      </section>
      {notice}
      {confirming && (
        <ConfirmDialog
          message={t('private.discardConfirm', { count })}
          confirmLabel={t('private.discardOk')}
          onConfirm={() => {
            setConfirming(false);
            void act(() => brainstorm.discard());
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

function EyeOff() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" className="eye-off">
      <path
        d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
      />
      <circle cx="8" cy="8" r="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M2.5 13.5l11-11" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}
