import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import { dateLocale } from '../i18n/dateLocale';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { DialogHead } from './DialogHead';
import {
  EXPIRY_CHOICES,
  type Expiry,
  type LinkProblem,
  mintSharedLink,
  revokeSharedLinks,
  SHARED_ROLES,
  type SharedLink,
  type SharedRole,
} from './linksApi';
import { PublishSection } from './PublishSection';
import { useFrozen, usePublication } from './publishApi';
import { QrCode } from './QrCode';
import { useModal } from './useModal';
import './workshop.css';

const PROBLEM_MESSAGES: Record<LinkProblem, MessageKey> = {
  noAccess: 'share.error.noAccess',
  network: 'board.error.network',
  failed: 'share.error.failed',
};

const EXPIRY_LABELS: Readonly<Record<string, MessageKey>> = {
  null: 'share.expiry.never',
  24: 'share.expiry.24',
  168: 'share.expiry.168',
  720: 'share.expiry.720',
};

type Links = Partial<Record<SharedRole, SharedLink>>;

/**
 * The facilitator's share dialog: a link per role, explained in plain words, with a copy
 * button and a QR code that can be shown full screen for a projector; how long new links work;
 * and revoking a role's links (after a confirmation). Links are minted when the dialog opens:
 * they are signed tokens that cost the server nothing to make, and the facilitator's own token
 * is never among them.
 */
export function ShareDialog({
  boardId,
  token,
  doc,
  onClose,
}: {
  boardId: string;
  token: string;
  /** The board's document: whether it is published is read from it. */
  doc: Y.Doc | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  const publication = usePublication(doc);
  const frozen = useFrozen(doc);
  const modal = useModal(onClose);
  const [expiry, setExpiry] = useState<Expiry>(null);
  const [links, setLinks] = useState<Links>({});
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState<SharedRole | null>(null);
  const [revoked, setRevoked] = useState<{ role: SharedRole; count: number } | null>(null);
  const [large, setLarge] = useState<SharedRole | null>(null);

  const mint = useCallback(
    async (roles: readonly SharedRole[], hours: Expiry) => {
      const results = await Promise.all(
        roles.map((role) => mintSharedLink(boardId, token, role, hours)),
      );
      const next: Links = {};
      for (const result of results) {
        if (!result.ok) {
          setProblem(result.problem);
          return;
        }
        next[result.value.role] = result.value;
      }
      setProblem(null);
      setLinks((old) => ({ ...old, ...next }));
    },
    [boardId, token],
  );

  useEffect(() => {
    void attempt; // "Try again" mints anew
    setLinks({});
    void mint(SHARED_ROLES, expiry);
  }, [mint, expiry, attempt]);

  const revoke = async (role: SharedRole) => {
    setConfirming(null);
    const result = await revokeSharedLinks(boardId, token, role);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setRevoked({ role, count: result.value.closedConnections });
    // The link on screen was just revoked with the rest: show a fresh one.
    await mint([role], expiry);
  };

  const roleName = (role: SharedRole) => t(`share.role.${role}`);

  return (
    <dialog
      {...modal}
      className="share-dialog"
      data-testid="share-dialog"
      aria-labelledby="share-title"
    >
      <DialogHead id="share-title" title={t('share.title')} name="share" onClose={onClose} />
      <p className="share-intro">{t('share.intro')}</p>
      <div className="share-expiry">
        <label htmlFor="share-expiry">{t('share.expiry')}</label>
        <select
          id="share-expiry"
          data-testid="share-expiry"
          value={expiry === null ? 'never' : String(expiry)}
          onChange={(event) => {
            const value = event.target.value;
            setExpiry(value === 'never' ? null : (Number(value) as Expiry));
          }}
        >
          {EXPIRY_CHOICES.map((hours) => (
            <option key={String(hours)} value={hours === null ? 'never' : String(hours)}>
              {t(EXPIRY_LABELS[String(hours)] ?? 'share.expiry.never')}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <div className="error" role="alert" data-testid="share-error">
          <p>{t(PROBLEM_MESSAGES[problem])}</p>
          {problem !== 'noAccess' && (
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('board.retry')}
            </button>
          )}
        </div>
      )}
      {revoked && (
        <p className="share-notice" role="status" data-testid="share-revoked">
          <strong>{roleName(revoked.role)}:</strong> {t('share.revoked', { count: revoked.count })}
        </p>
      )}
      <div className="share-roles">
        {SHARED_ROLES.map((role) => (
          <RoleCard
            key={role}
            role={role}
            link={links[role] ?? null}
            onLarge={() => setLarge(role)}
            onRevoke={() => setConfirming(role)}
          />
        ))}
      </div>
      <PublishSection boardId={boardId} token={token} publication={publication} frozen={frozen} />
      {confirming && (
        <ConfirmDialog
          message={t('share.revokeConfirm', { role: roleName(confirming) })}
          confirmLabel={t('share.revokeOk')}
          onConfirm={() => void revoke(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {large && links[large] && (
        <LargeQr
          role={large}
          link={links[large] as SharedLink}
          label={roleName(large)}
          onClose={() => setLarge(null)}
        />
      )}
    </dialog>
  );
}

function RoleCard({
  role,
  link,
  onLarge,
  onRevoke,
}: {
  role: SharedRole;
  link: SharedLink | null;
  onLarge(): void;
  onRevoke(): void;
}) {
  const { t, locale } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const name = t(`share.role.${role}`);
  const inputId = `share-link-${role}`;

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = window.setTimeout(() => setCopy('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [copy]);

  const copyLink = async () => {
    if (!link) return;
    setCopy((await copyText(link.url, inputId)) ? 'copied' : 'failed');
  };

  return (
    <section className="share-role" data-testid={`share-${role}`} aria-labelledby={`${inputId}-h`}>
      <h3 id={`${inputId}-h`}>{name}</h3>
      <p className="share-help">{t(`share.role.${role}.help`)}</p>
      <div className="share-qr">
        {link ? (
          <button
            type="button"
            className="qr-button"
            onClick={onLarge}
            title={t('share.qrLarge')}
            data-testid={`share-qr-${role}`}
          >
            <QrCode text={link.url} label={t('share.qrFor', { role: name })} />
          </button>
        ) : (
          <span className="qr-placeholder">{t('share.loading')}</span>
        )}
      </div>
      <label className="visually-hidden" htmlFor={inputId}>
        {t('share.linkLabel', { role: name })}
      </label>
      <input
        id={inputId}
        data-testid={`share-link-${role}`}
        readOnly
        value={link?.url ?? ''}
        onFocus={(event) => event.target.select()}
      />
      <p className="share-expires">
        {link === null
          ? '\u00a0'
          : link.expiresAt === null
            ? t('share.noExpiry')
            : t('share.expiresAt', {
                date: new Intl.DateTimeFormat(dateLocale(locale), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }).format(link.expiresAt),
              })}
      </p>
      <div className="share-actions">
        <button
          type="button"
          className="primary"
          disabled={!link}
          onClick={() => void copyLink()}
          data-testid={`share-copy-${role}`}
        >
          {copy === 'copied' ? t('share.copied') : t('share.copy')}
        </button>
        <button type="button" disabled={!link} onClick={onLarge}>
          {t('share.qrLarge')}
        </button>
        <button
          type="button"
          className="danger quiet"
          onClick={onRevoke}
          data-testid={`share-revoke-${role}`}
        >
          {t('share.revoke')}
        </button>
      </div>
      {copy === 'failed' && (
        <p className="error" role="alert">
          {t('share.copyFailed')}
        </p>
      )}
      <span className="visually-hidden" aria-live="polite">
        {copy === 'copied' ? t('share.copied') : ''}
      </span>
    </section>
  );
}

/** The QR code as large as the screen allows, for a projector; Escape or a click closes it. */
function LargeQr({
  role,
  link,
  label,
  onClose,
}: {
  role: SharedRole;
  link: SharedLink;
  label: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const modal = useModal(onClose);
  return (
    <dialog
      {...modal}
      className="qr-large"
      data-testid={`qr-large-${role}`}
      aria-label={t('share.qrFor', { role: label })}
      onClick={onClose}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onClose();
      }}
    >
      <h2>{label}</h2>
      <QrCode text={link.url} label={t('share.qrFor', { role: label })} className="qr-big" />
      <p className="qr-hint">{t('share.qrHint')}</p>
      <p className="qr-url">{link.url}</p>
      <button type="button" onClick={onClose}>
        {t('panel.close')}
      </button>
    </dialog>
  );
}

/** The clipboard API where allowed; otherwise the old way, through the selected input. */
async function copyText(text: string, inputId: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const input = document.getElementById(inputId);
    if (!(input instanceof HTMLInputElement)) return false;
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
