import * as Y from 'yjs';
import { metaMap } from '../roots';
import { isLocale, LOCALES, type Locale, ROOT } from '../schema';

/*
 * Texts in several languages (v5). A note's text, a cluster's title, a roadmap lane's or
 * period's title is written in one language, its original, and may carry a translation per
 * other content language of the board. The keys live on the item's own Y.Map next to its
 * original text, which stays where it always was (a note's `text`, the others' `title`):
 *
 *   lang        ContentLang | absent: the language the original is written in. LWW. Absent
 *               reads as the board's main language (meta `contentLangs[0]`); the v5 migration
 *               stamps every older item with the board's locale, so that reordering the list
 *               later cannot change what language an old text is in.
 *   tr.<lang>   Y.Text | absent: the text in <lang>. One key per language, so a translator
 *               typing Swedish and another typing English never touch the same value, and two
 *               people typing in one translation merge their characters like in the original.
 *               The key is created at the first translated character; two people creating the
 *               same language's Y.Text at the very same moment is a last-writer-wins race (one
 *               Y.Text wins, the other person's first characters are lost; they see it at once).
 *
 * An empty translation counts as missing. A translation into the original's own language is
 * never written (the operations write into the original instead) and is ignored if present.
 */

/** Languages content may be written in. The UI's languages, so every one has a name in it. */
export const CONTENT_LANGS = LOCALES;
export type ContentLang = Locale;
export const isContentLang = isLocale;

export const LangKey = {
  lang: 'lang',
  /** Prefix of a translation's key: `tr.sv` holds the Swedish text. */
  translationPrefix: 'tr.',
} as const;

/** True for an item's key that belongs to its languages: `lang` or a translation. */
export function isLanguageKey(key: string): boolean {
  return key === LangKey.lang || key.startsWith(LangKey.translationPrefix);
}

export function translationKey(lang: ContentLang): string {
  return `${LangKey.translationPrefix}${lang}`;
}

/** The language part of an item's view: the original's language and the translations. */
export interface Translated {
  /** The original's language, or null when unstamped (read as the board's main language). */
  lang: ContentLang | null;
  /** Non-empty translations by language (never the original's own language). */
  translations: Partial<Record<ContentLang, string>>;
}

/** Reads and validates an item's language keys; a reason when one is mistyped or unknown. */
export function readTranslated(map: Y.Map<unknown>): Translated | string {
  const lang = map.get(LangKey.lang);
  if (lang !== undefined && lang !== null && !isContentLang(lang)) {
    return `unknown language ${String(lang).slice(0, 20)}`;
  }
  const translations: Partial<Record<ContentLang, string>> = {};
  for (const [key, value] of map.entries()) {
    if (!key.startsWith(LangKey.translationPrefix)) continue;
    const into = key.slice(LangKey.translationPrefix.length);
    if (!isContentLang(into)) return `translation into unknown language ${into.slice(0, 20)}`;
    if (!(value instanceof Y.Text)) return `translation ${into} is not a text`;
    const text = value.toString();
    if (text !== '' && into !== lang) translations[into] = text;
  }
  return { lang: isContentLang(lang) ? lang : null, translations };
}

/** What a reader who wants `want` sees of one text. */
export interface ShownText {
  text: string;
  /** The language `text` is in. */
  lang: ContentLang;
  /** True when `text` is not in `want` (no translation yet) and there is something to read. */
  untranslated: boolean;
}

/**
 * The text to show a reader of `want`: the original when it is in `want`, else the translation
 * into `want`, else the original (marked untranslated, with its language so that the UI can say
 * so and a screen reader can read it with the right voice). An empty original is never marked.
 */
export function shownText(
  original: string,
  item: Translated,
  main: ContentLang,
  want: ContentLang,
): ShownText {
  const lang = item.lang ?? main;
  if (lang === want) return { text: original, lang, untranslated: false };
  const translation = item.translations[want];
  if (translation !== undefined) return { text: translation, lang: want, untranslated: false };
  return { text: original, lang, untranslated: original.trim() !== '' };
}

/**
 * The Y.Text holding the item's text in `lang`: the original (under `originalKey`) when the
 * item is written in `lang`, else its translation, created empty when `create` is set (inside
 * the caller's transaction).
 */
export function textInLanguage(
  map: Y.Map<unknown>,
  originalKey: string,
  lang: ContentLang,
  main: ContentLang,
  create: boolean,
): Y.Text | null {
  const itemLang = map.get(LangKey.lang);
  const original = isContentLang(itemLang) ? itemLang : main;
  const key = original === lang ? originalKey : translationKey(lang);
  const existing = map.get(key);
  if (existing instanceof Y.Text) return existing;
  if (!create || existing !== undefined) return null;
  const made = new Y.Text();
  map.set(key, made);
  return made;
}

/**
 * Stamps the language of a new item's original (inside the creating transaction). Without one
 * the item is in the board's main language.
 */
export function writeOriginalLang(item: Y.Map<unknown>, lang: ContentLang | undefined): void {
  if (lang === undefined) return;
  if (!isContentLang(lang)) throw new Error(`Unknown language: ${String(lang)}`);
  item.set(LangKey.lang, lang);
}

/** Stamps the original's language on an item that has none (the v5 migration). */
export function stampLanguage(map: unknown, lang: ContentLang): void {
  if (map instanceof Y.Map && !map.has(LangKey.lang)) map.set(LangKey.lang, lang);
}

/** A board's content language list as stored: 1..all known languages, each once. */
export function readContentLangs(value: unknown): ContentLang[] | string {
  if (!Array.isArray(value)) return 'not a list';
  if (value.length === 0) return 'empty';
  if (!value.every(isContentLang)) return 'an unknown language';
  if (new Set(value).size !== value.length) return 'a language is listed twice';
  return [...value];
}

/**
 * Migration steps, by the version they lift from (see migrations.ts).
 * v4 -> v5: every note, cluster, lane and period without a language is stamped with the
 * board's locale (the language it was written in, as far as anyone knows); the meta step
 * writes the content language list. Written by key and only where absent: idempotent.
 */
export const LANGUAGE_MIGRATIONS: Readonly<Record<number, (doc: Y.Doc) => void>> = {
  4(doc) {
    const locale = metaMap(doc).get('locale');
    const lang: ContentLang = isContentLang(locale) ? locale : 'fi';
    for (const root of [ROOT.notes, ROOT.clusters, ROOT.lanes, ROOT.periods]) {
      for (const item of doc.getMap(root).values()) stampLanguage(item, lang);
    }
  },
};
