import { useI18n } from '../../i18n/I18nContext';
import type { ConnectionState } from '../session/connection';

/**
 * The connection and, separately, whether this person's changes are stored: "All changes
 * saved" appears only after the server confirmed it, never merely because we are online.
 */
export function ConnectionStatus({
  state,
  saved,
  showSaved = true,
}: {
  state: ConnectionState;
  saved: boolean;
  /** A reader changes nothing: "saved" would mean nothing to them. */
  showSaved?: boolean;
}) {
  const { t } = useI18n();
  const text = t(`connection.${state}`);
  return (
    <div className="status-group">
      <output
        className={`connection-status ${state}`}
        data-testid="connection-status"
        data-state={state}
        aria-label={t('connection.label', { state: text })}
      >
        <span className="dot" aria-hidden="true" />
        {text}
      </output>
      {showSaved && (
        <output
          className={`save-status ${saved ? 'saved' : 'unsaved'}`}
          data-testid="save-status"
          data-state={saved ? 'saved' : 'unsaved'}
          aria-live="polite"
        >
          {saved ? (
            // On a laptop or tablet the header has room only for the short form (responsive.css
            // shows one of the two; the hidden one is not read out either).
            <>
              <span className="save-long">{t('save.saved')}</span>
              <span className="save-short">{t('save.savedShort')}</span>
            </>
          ) : (
            t('save.unsaved')
          )}
        </output>
      )}
    </div>
  );
}
