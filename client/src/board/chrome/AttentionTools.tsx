import { useI18n } from '../../i18n/I18nContext';
import type { BoardController } from '../input/BoardController';
import { useStore } from '../session/store';

/**
 * The facilitator's attention buttons in the header: bring everyone to her view once, and
 * "follow me" (on until she, or another facilitator, turns it off). Hidden from everyone else:
 * the server refuses them anyway, and a button that only fails is noise.
 */
export function AttentionTools({ controller }: { controller: BoardController }) {
  const { t } = useI18n();
  const leader = useStore(controller.session.attention.leader);
  useStore(controller.session.status); // the role arrives with the server's welcome
  if (!controller.enabled('summonEveryone')) return null;
  const leading = leader !== null;
  return (
    <div className="attention-tools">
      <button
        type="button"
        data-testid="summon"
        data-menu-close
        title={t('attention.summon')}
        aria-label={t('attention.summon')}
        onClick={() => controller.run('summonEveryone')}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
          <path
            d="M8 1.5v4M8 10.5v4M1.5 8h4M10.5 8h4M8 5.5l-1.5-1.5M8 5.5l1.5-1.5M8 10.5l-1.5 1.5M8 10.5l1.5 1.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
          />
        </svg>
        <span className="attention-label" aria-hidden="true">
          {t('attention.summon.short')}
        </span>
      </button>
      <button
        type="button"
        data-testid="lead"
        data-menu-close
        aria-pressed={leading}
        className={leading ? 'active' : undefined}
        title={leading ? t('attention.leadStop') : t('attention.lead')}
        aria-label={t('attention.lead')}
        onClick={() => controller.run('toggleLead')}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
          <path
            d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          />
          <circle cx="8" cy="8" r="2" fill="currentColor" />
        </svg>
        <span className="attention-label">{t('attention.lead')}</span>
      </button>
    </div>
  );
}
