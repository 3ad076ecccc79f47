import { useI18n } from '../i18n/I18nContext';
import type { ConnectionState } from './connection';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  const text = t(`connection.${state}`);
  return (
    <output
      className={`connection-status ${state}`}
      data-testid="connection-status"
      data-state={state}
      aria-label={t('connection.label', { state: text })}
    >
      <span className="dot" aria-hidden="true" />
      {text}
    </output>
  );
}
