import type { Role } from '@paja/shared';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { ShareDialog } from './ShareDialog';

/**
 * The facilitator's workshop buttons in the board header. Nothing for other roles: the
 * server would refuse them anyway, and a button that only fails is noise.
 */
export function WorkshopTools({
  boardId,
  token,
  role,
}: {
  boardId: string;
  token: string | null;
  role: Role | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'share' | null>(null);
  if (role !== 'facilitator' || !token) return null;
  return (
    <>
      <button
        type="button"
        className="primary share-button"
        data-testid="share-button"
        onClick={() => setOpen('share')}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
          <path
            d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
        {t('share.button')}
      </button>
      {open === 'share' && (
        <ShareDialog boardId={boardId} token={token} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
