import { CONTENT_LANGS, type ContentLang, isContentLang } from '@paja/shared';
import { createContext, type ReactNode, useContext } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { isUntranslated } from './readingLang';
import './language.css';

/**
 * The language this person reads the board's content in, and the board's content languages
 * (BoardScreen provides them).
 */
export const ReadingLangContext = createContext<{
  lang: ContentLang;
  langs: readonly ContentLang[];
}>({ lang: 'fi', langs: ['fi'] });

export function useReadingLang(): ContentLang {
  return useContext(ReadingLangContext).lang;
}

export function useReadingLangs(): { lang: ContentLang; langs: readonly ContentLang[] } {
  return useContext(ReadingLangContext);
}

/** A language's name in the UI's language ("ruotsi", "svenska", "Swedish"). */
export function useLanguageName(): (lang: ContentLang) => string {
  const { t } = useI18n();
  return (lang) => t(`lang.name.${lang}`);
}

/**
 * A text of the board as a reader sees it: with `lang` when it is in another language than the
 * UI (screen readers then read it with the right voice), and a visible "not translated" mark
 * when it is shown in its original for lack of a translation into the reader's language.
 * `fallback` (in the UI's language) stands for an empty text.
 */
export function ContentText({
  text,
  lang,
  fallback = '',
  render = (shown) => shown,
}: {
  text: string;
  /** The language `text` is in (the reading language, or the original's when untranslated). */
  lang: ContentLang | null;
  fallback?: string;
  /** How the text itself is drawn (e.g. with its web addresses as links). */
  render?: (text: string) => ReactNode;
}) {
  const { locale } = useI18n();
  const want = useReadingLang();
  if (text === '') return <>{fallback}</>;
  return (
    <>
      <span lang={lang !== null && lang !== locale ? lang : undefined}>{render(text)}</span>
      {isUntranslated(text, lang, want) && lang !== null && <UntranslatedMark lang={lang} />}
    </>
  );
}

/** "Not translated · Finnish": seen and heard after a text shown in its original language. */
export function UntranslatedMark({ lang }: { lang: ContentLang }) {
  const { t } = useI18n();
  const name = useLanguageName();
  return (
    <span className="untranslated-mark" data-testid="untranslated-mark" data-lang={lang}>
      {t('lang.untranslated', { language: name(lang) })}
    </span>
  );
}

/**
 * The reader's choice among the board's content languages (in the header's menu). Shown only
 * when the board has more than one.
 */
export function ReadingLangSelect({
  langs,
  onChoose,
}: {
  langs: readonly ContentLang[];
  onChoose(lang: ContentLang): void;
}) {
  const { t } = useI18n();
  const want = useReadingLang();
  const name = useLanguageName();
  if (langs.length < 2) return null;
  return (
    <label className="language-select reading-lang">
      <span className="reading-lang-label">{t('lang.reading')}</span>
      <select
        data-testid="reading-lang"
        value={want}
        title={t('lang.readingHelp')}
        onChange={(event) => {
          if (isContentLang(event.target.value)) onChoose(event.target.value);
        }}
      >
        {CONTENT_LANGS.filter((code) => langs.includes(code)).map((code) => (
          <option key={code} value={code}>
            {name(code)}
          </option>
        ))}
      </select>
    </label>
  );
}
