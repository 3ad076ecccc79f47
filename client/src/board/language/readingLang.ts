import {
  type ClusterView,
  type ContentLang,
  isContentLang,
  type NoteView,
  type RoadmapView,
  shownText,
} from '@paja/shared';
import { readStored, StorageKey, writeStored } from '../../storage';

/*
 * The language a person reads a board's content in. Each person chooses among the board's
 * content languages; without a choice, the UI language when the board has it, else the board's
 * main language. The board's items are then shown in that language: each text in it where
 * translated, else the original, whose `lang` stays its own so that the UI marks it
 * "not translated" and tells screen readers which language it is in.
 */

/** The language to read in: the preferred one when the board has it, else its main language. */
export function resolveReadingLang(
  preferred: ContentLang | null,
  langs: readonly ContentLang[],
): ContentLang {
  if (preferred !== null && langs.includes(preferred)) return preferred;
  return langs[0] ?? 'fi';
}

/** The person's last explicit choice (kept across boards and visits), or null. */
export function storedReadingLang(): ContentLang | null {
  const stored = readStored(StorageKey.contentLang);
  return isContentLang(stored) ? stored : null;
}

export function storeReadingLang(lang: ContentLang): void {
  writeStored(StorageKey.contentLang, lang);
}

/**
 * True when an item shown to a reader of `want` is in another language for lack of a
 * translation (its `lang` is the language of its shown text). Nothing to read is never marked.
 */
export function isUntranslated(text: string, lang: ContentLang | null, want: ContentLang): boolean {
  return lang !== null && lang !== want && text.trim() !== '';
}

/** Where the shown languages come from: the board's main language and the reader's. */
export interface Reading {
  main: ContentLang;
  want: ContentLang;
}

/** A note as a reader of `want` sees it: `text` in `want` if translated, `lang` its language. */
export function showNote(note: NoteView, { main, want }: Reading): NoteView {
  const shown = shownText(note.text, note, main, want);
  return { ...note, text: shown.text, lang: shown.lang };
}

/** The same for anything with a title: a cluster, a lane, a period. */
export function showTitled<T extends Pick<ClusterView, 'title' | 'lang' | 'translations'>>(
  item: T,
  { main, want }: Reading,
): T {
  const shown = shownText(item.title, item, main, want);
  return { ...item, title: shown.text, lang: shown.lang };
}

export function showRoadmap(roadmap: RoadmapView, reading: Reading): RoadmapView {
  return {
    lanes: roadmap.lanes.map((lane) => showTitled(lane, reading)),
    periods: roadmap.periods.map((period) => showTitled(period, reading)),
  };
}
