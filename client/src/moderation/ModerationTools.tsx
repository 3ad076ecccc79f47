import { can, type Role } from '@paja/shared';
import { useEffect, useState } from 'react';
import type { ModerationClient } from '../board/session/ModerationClient';
import { useStore } from '../board/session/store';
import { useI18n } from '../i18n/I18nContext';
import { ModerationPanel } from './ModerationPanel';

/**
 * The header's Moderation button (moderators and facilitators only; the server refuses anyone
 * else's requests), with how many comments are in the queue, and the panel it opens.
 */
export function ModerationTools({
  boardId,
  token,
  role,
  name,
  moderation,
}: {
  boardId: string;
  token: string | null;
  role: Role | null;
  /** This person's display name, recorded in the audit log with their decisions. */
  name: string;
  moderation: ModerationClient;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { queue } = useStore(moderation.state);
  useEffect(() => {
    moderation.name = name;
  }, [moderation, name]);
  if (role === null || !can(role, 'moderate')) return null;
  const waiting = queue?.total ?? 0;
  return (
    <>
      <button
        type="button"
        className="quiet moderation-button"
        data-testid="moderation-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('mod.button')}
        {waiting > 0 && (
          <span className="moderation-count" data-testid="moderation-waiting">
            <span aria-hidden="true">{waiting}</span>
            <span className="visually-hidden">{t('mod.waiting', { count: waiting })}</span>
          </span>
        )}
      </button>
      {open && (
        <ModerationPanel
          boardId={boardId}
          token={token}
          moderation={moderation}
          facilitator={can(role, 'setModerationPolicy')}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
