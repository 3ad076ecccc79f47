import { useId } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { ORGANISATION_NAME_MAX } from './organisations';

/** Up to this many listed organisations are also offered as buttons (a tap on a tablet). */
const CHIPS_MAX = 12;

/**
 * The join dialog's organisation: chosen from the board's list (the facilitator sets it) or
 * typed freely; the dialog remembers it in this browser like the name. It is written to the notes this
 * person creates from then on.
 */
export function OrganisationField({
  options,
  value,
  onChange,
}: {
  options: readonly string[];
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="organisation-field">
      <label htmlFor={`${id}-input`}>{t('name.organisation')}</label>
      <input
        id={`${id}-input`}
        data-testid="organisation-input"
        list={options.length > 0 ? `${id}-options` : undefined}
        value={value}
        maxLength={ORGANISATION_NAME_MAX}
        autoComplete="organization"
        placeholder={options.length > 0 ? t('name.organisationPlaceholder') : undefined}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange(event.target.value)}
      />
      {options.length > 0 && (
        <datalist id={`${id}-options`}>
          {options.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      {options.length > 0 && options.length <= CHIPS_MAX && (
        <div className="organisation-chips">
          {options.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={value === name}
              data-testid="organisation-choice"
              onClick={() => onChange(name)}
            >
              {name}
            </button>
          ))}
        </div>
      )}
      <p id={`${id}-help`} className="field-help">
        {t('name.organisationHelp')}
      </p>
    </div>
  );
}
