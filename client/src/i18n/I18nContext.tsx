import type { Locale } from '@paja/shared';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { readStored, StorageKey, writeStored } from '../storage';
import {
  formatNumber,
  type MessageKey,
  type MessageParams,
  pickLocale,
  translate,
} from './messages';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  formatNumber(value: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  // Paja serves Finnish public-sector workshops: Finnish is the language of last resort.
  return pickLocale(
    readStored(StorageKey.locale),
    navigator.languages ?? [navigator.language],
    'fi',
  );
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    writeStored(StorageKey.locale, next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    // Screen readers pick their voice from <html lang>.
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      formatNumber: (value) => formatNumber(locale, value),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
