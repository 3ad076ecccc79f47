import * as Y from 'yjs';
import type { BoardView } from './boardView';
import { ClusterKey } from './records/cluster';
import {
  type ContentLang,
  isContentLang,
  LangKey,
  readContentLangs,
  type ShownText,
  shownText,
  stampLanguage,
  type Translated,
  textInLanguage,
} from './records/language';
import { MetaKey } from './records/meta';
import { NoteKey } from './records/note';
import { AxisKey } from './records/roadmap';
import { metaMap, transact } from './roots';
import { isLocale, NOTE_MAX_TEXT, ROOT, TITLE_MAX } from './schema';
import { applyTextDiff } from './text';
import { cleanTitle } from './values';

/*
 * Operations on texts in several languages (the keys are in records/language.ts): the board's
 * content languages, the language of an item's original, a translation, and the views a reader
 * of one language sees. One transaction each, like every operation.
 */

export type TranslatableKind = 'note' | 'cluster' | 'lane' | 'period';

const COLLECTION: Readonly<Record<TranslatableKind, string>> = {
  note: ROOT.notes,
  cluster: ROOT.clusters,
  lane: ROOT.lanes,
  period: ROOT.periods,
};

/** The key of the item's original text. */
const ORIGINAL_KEY: Readonly<Record<TranslatableKind, string>> = {
  note: NoteKey.text,
  cluster: ClusterKey.title,
  lane: AxisKey.title,
  period: AxisKey.title,
};

/** Longest text per kind: a note's text, or a title. */
const MAX_LENGTH: Readonly<Record<TranslatableKind, number>> = {
  note: NOTE_MAX_TEXT,
  cluster: TITLE_MAX,
  lane: TITLE_MAX,
  period: TITLE_MAX,
};

export class TranslationTooLongError extends Error {
  constructor(
    readonly length: number,
    readonly max: number,
  ) {
    super(`This text holds at most ${max} characters; this one has ${length}.`);
    this.name = 'TranslationTooLongError';
  }
}

/** The board's content languages, main language first (`[locale]` when unset or unreadable). */
export function contentLangsOf(doc: Y.Doc): ContentLang[] {
  const meta = metaMap(doc);
  const stored = readContentLangs(meta.get(MetaKey.contentLangs));
  if (Array.isArray(stored)) return stored;
  const locale = meta.get(MetaKey.locale);
  return [isLocale(locale) ? locale : 'fi'];
}

/** The board's main language: new items written without a language are in it. */
export function mainLangOf(doc: Y.Doc): ContentLang {
  return contentLangsOf(doc)[0] ?? 'fi';
}

/**
 * Sets the board's content languages (facilitators). When the main language changes, items
 * without a language of their own are stamped with the old main language in the same
 * transaction, so that no text silently changes its language.
 */
export function setContentLangs(doc: Y.Doc, langs: readonly ContentLang[]): void {
  const checked = readContentLangs(langs);
  if (typeof checked === 'string') throw new Error(`Content languages: ${checked}`);
  const before = contentLangsOf(doc);
  if (before.join() === checked.join() && metaMap(doc).has(MetaKey.contentLangs)) return;
  transact(doc, () => {
    const oldMain = before[0];
    if (oldMain && oldMain !== checked[0]) {
      for (const root of Object.values(COLLECTION)) {
        for (const item of doc.getMap(root).values()) stampLanguage(item, oldMain);
      }
    }
    metaMap(doc).set(MetaKey.contentLangs, checked);
  });
}

function itemOf(doc: Y.Doc, kind: TranslatableKind, id: string): Y.Map<unknown> | null {
  const item = doc.getMap(COLLECTION[kind]).get(id);
  return item instanceof Y.Map ? item : null;
}

/** An item whose texts operations may change: it exists and is not locked. */
function editableItem(doc: Y.Doc, kind: TranslatableKind, id: string): Y.Map<unknown> | null {
  const item = itemOf(doc, kind, id);
  return item && item.get(kind === 'cluster' ? ClusterKey.locked : NoteKey.locked) !== true
    ? item
    : null;
}

/**
 * The Y.Text holding the item's text in `lang` (its original when written in `lang`), or null
 * when there is none yet. An editor binds to it; `setTextIn` creates it on the first character.
 */
export function textIn(
  doc: Y.Doc,
  kind: TranslatableKind,
  id: string,
  lang: ContentLang,
): Y.Text | null {
  const item = itemOf(doc, kind, id);
  return item ? textInLanguage(item, ORIGINAL_KEY[kind], lang, mainLangOf(doc), false) : null;
}

/**
 * Writes the item's text in `lang` by the smallest edit: into its original when the item is
 * written in `lang`, else into the translation (created when missing). A locked item is left
 * alone; a text longer than the kind allows is refused, not cut. Titles are trimmed.
 */
export function setTextIn(
  doc: Y.Doc,
  kind: TranslatableKind,
  id: string,
  lang: ContentLang,
  next: string,
  /** A note's editedAt stamp (tests pass their clock); by default now. */
  now?: number,
): void {
  if (!isContentLang(lang)) throw new Error(`Unknown language: ${String(lang)}`);
  // Titles are trimmed and cut like every title (cleanTitle); a note's text is refused whole.
  const text = kind === 'note' ? next : cleanTitle(next);
  const max = MAX_LENGTH[kind];
  if (text.length > max) throw new TranslationTooLongError(text.length, max);
  const item = editableItem(doc, kind, id);
  if (!item) return;
  const main = mainLangOf(doc);
  const existing = textInLanguage(item, ORIGINAL_KEY[kind], lang, main, false);
  if (!existing && text === '') return; // nothing to write: no empty translation is created
  transact(doc, () => {
    const target = existing ?? textInLanguage(item, ORIGINAL_KEY[kind], lang, main, true);
    if (target) applyTextDiff(target, text, now);
  });
}

/** Says which language an item's original is written in (a correction). */
export function setOriginalLang(
  doc: Y.Doc,
  kind: TranslatableKind,
  id: string,
  lang: ContentLang,
): void {
  if (!isContentLang(lang)) throw new Error(`Unknown language: ${String(lang)}`);
  const item = editableItem(doc, kind, id);
  if (!item || item.get(LangKey.lang) === lang) return;
  transact(doc, () => item.set(LangKey.lang, lang));
}

/** An item as a reader of one language sees it: its text or title replaced by the shown one. */
export function noteShownIn<T extends Translated & { text: string }>(
  item: T,
  main: ContentLang,
  want: ContentLang,
): T & { shown: ShownText } {
  const shown = shownText(item.text, item, main, want);
  return { ...item, text: shown.text, shown };
}

export function titleShownIn<T extends Translated & { title: string }>(
  item: T,
  main: ContentLang,
  want: ContentLang,
): T & { shown: ShownText } {
  const shown = shownText(item.title, item, main, want);
  return { ...item, title: shown.text, shown };
}

/**
 * The board as a reader of `want` sees it (exports, the outline): every note's text and every
 * title in `want` where translated, else the original. Each item keeps its original language in
 * `lang` and gains `shown` (the text's language, and whether it is untranslated).
 */
export function boardShownIn(view: BoardView, want: ContentLang): BoardView {
  const main = view.meta.contentLangs[0] ?? view.meta.locale;
  return {
    ...view,
    notes: view.notes.map((note) => noteShownIn(note, main, want)),
    clusters: view.clusters.map((cluster) => titleShownIn(cluster, main, want)),
    roadmap: {
      lanes: view.roadmap.lanes.map((lane) => titleShownIn(lane, main, want)),
      periods: view.roadmap.periods.map((period) => titleShownIn(period, main, want)),
    },
  };
}

/** One text to translate in the translator view. */
export interface TranslationTask {
  kind: TranslatableKind;
  id: string;
  /** The original and its language. */
  original: string;
  lang: ContentLang;
  /** The translation into the chosen language so far ('' when none). */
  translation: string;
}

/**
 * The texts of the board that are not written in `into`, in the order a translator goes
 * through them: topics, themes, periods, then notes in reading order (top to bottom, left to
 * right). Empty originals are left out: there is nothing to translate.
 */
export function translationTasks(
  view: Pick<BoardView, 'notes' | 'clusters' | 'roadmap' | 'meta'>,
  into: ContentLang,
): TranslationTask[] {
  const main = view.meta.contentLangs[0] ?? view.meta.locale;
  const tasks: TranslationTask[] = [];
  const add = (kind: TranslatableKind, id: string, original: string, item: Translated) => {
    const lang = item.lang ?? main;
    if (lang === into || original.trim() === '') return;
    tasks.push({ kind, id, original, lang, translation: item.translations[into] ?? '' });
  };
  for (const cluster of view.clusters) add('cluster', cluster.id, cluster.title, cluster);
  for (const lane of view.roadmap.lanes) add('lane', lane.id, lane.title, lane);
  for (const period of view.roadmap.periods) add('period', period.id, period.title, period);
  const notes = [...view.notes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1));
  for (const note of notes) add('note', note.id, note.text, note);
  return tasks;
}
