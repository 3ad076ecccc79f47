import { CONTENT_LANGS, type ContentLang, setContentLangs } from '@paja/shared';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/I18nContext';
import { useLanguageName } from './ReadingLang';

/**
 * The facilitator's choice of the board's content languages (in the board settings): a switch
 * per language and which one is the main language. One write of the list each time; the server
 * lets only facilitators write it. The last language cannot be switched off.
 */
export function ContentLanguageSettings({
  doc,
  langs,
}: {
  doc: Y.Doc;
  langs: readonly ContentLang[];
}) {
  const { t } = useI18n();
  const name = useLanguageName();
  const main = langs[0];
  const toggle = (lang: ContentLang, on: boolean) => {
    const next = on ? [...langs, lang] : langs.filter((l) => l !== lang);
    if (next.length > 0) setContentLangs(doc, next);
  };
  return (
    <fieldset className="content-langs" data-testid="content-langs">
      <legend>
        <h3>{t('lang.settings')}</h3>
      </legend>
      <p>{t('lang.settingsHelp')}</p>
      <ul>
        {CONTENT_LANGS.map((lang) => {
          const on = langs.includes(lang);
          return (
            <li key={lang}>
              <label>
                <input
                  type="checkbox"
                  data-testid={`content-lang-${lang}`}
                  checked={on}
                  disabled={on && langs.length === 1}
                  onChange={(event) => toggle(lang, event.target.checked)}
                />{' '}
                {name(lang)}
              </label>
              {lang === main ? (
                <span className="muted"> ({t('lang.main')})</span>
              ) : (
                on && (
                  <button
                    type="button"
                    className="inline-button"
                    data-testid={`content-lang-main-${lang}`}
                    onClick={() => setContentLangs(doc, [lang, ...langs.filter((l) => l !== lang)])}
                  >
                    {t('lang.makeMain', { language: name(lang) })}
                  </button>
                )
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
