import { LOCALES, type Locale, type NoteColor } from '@paja/shared';
import { en, type MessageKey, type Messages } from './en';
import { fi } from './fi';
import { sv } from './sv';

export type { MessageKey, Messages };

export const CATALOGUES: Readonly<Record<Locale, Messages>> = { fi, sv, en };

/** Every palette colour must have a translated name: colour is never the only cue. */
export type ColorMessageKey = `color.${NoteColor}`;
const _everyColourIsNamed: Record<ColorMessageKey, string> = en;
void _everyColourIsNamed;

export function colorKey(color: NoteColor): ColorMessageKey {
  return `color.${color}`;
}

/** The language's own name, so that a person who cannot read the current language finds theirs. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  fi: 'Suomi',
  sv: 'Svenska',
  en: 'English',
};

export type MessageParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder is left visible so that it gets noticed. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A number as the language writes it: 1 000 in Finnish and Swedish, 1,000 in English. */
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The message for `key`, in its singular form where the catalogue has one (`key.one`, e.g.
 * "{count} note" beside "{count} notes") and `count` is one in this language.
 */
function templateOf(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[locale];
  const count = params?.count;
  if (typeof count !== 'number') return catalogue[key] as string;
  const one = catalogue[`${key}.one`];
  if (one === undefined) return catalogue[key] as string;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count) === 'one' ? one : (catalogue[key] as string);
}

/** Fills a message's placeholders; numbers are formatted for the language. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  if (!params) return CATALOGUES[locale][key];
  const formatted: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    formatted[name] = typeof value === 'number' ? formatNumber(locale, value) : value;
  }
  return formatMessage(templateOf(locale, key, params), formatted);
}

/**
 * The language to show: an explicit earlier choice wins, then the first of the browser's
 * preferred languages that we speak (matched on the primary subtag, so `sv-FI` is Swedish but
 * `fil` is not Finnish), then `fallback` (the board's own language where there is one).
 */
export function pickLocale(
  stored: string | null,
  preferred: readonly string[],
  fallback: Locale,
): Locale {
  if (stored && isKnownLocale(stored)) return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (isKnownLocale(primary)) return primary;
  }
  return fallback;
}

function isKnownLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
