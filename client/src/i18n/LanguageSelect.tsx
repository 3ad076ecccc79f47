import { isLocale, LOCALES } from '@paja/shared';
import { useI18n } from './I18nContext';
import { LOCALE_NAMES } from './messages';

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-select"
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
