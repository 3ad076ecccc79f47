import type * as Y from 'yjs';
import { readNotes } from './notes';
import {
  type BoardView,
  type InvalidEntry,
  isLocale,
  type Locale,
  MetaKey,
  type MetaView,
  ROOT,
  SCHEMA_VERSION,
  TITLE_MAX,
} from './schema';

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

export function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.notes);
}

export interface NewBoard {
  title: string;
  locale: Locale;
  now?: number;
}

/**
 * Writes the meta of a new board. Called once, by whoever creates the board (the server),
 * so that two first visitors do not both initialise it.
 */
export function initBoard(doc: Y.Doc, board: NewBoard): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set(MetaKey.schemaVersion, SCHEMA_VERSION);
    meta.set(MetaKey.title, clampTitle(board.title));
    meta.set(MetaKey.locale, board.locale);
    meta.set(MetaKey.createdAt, board.now ?? Date.now());
  });
}

export function setTitle(doc: Y.Doc, title: string): void {
  metaMap(doc).set(MetaKey.title, clampTitle(title));
}

function clampTitle(title: string): string {
  return title.trim().slice(0, TITLE_MAX);
}

export function readMeta(doc: Y.Doc, invalid: InvalidEntry[] = []): MetaView {
  const meta = metaMap(doc);
  const version = meta.get(MetaKey.schemaVersion);
  const title = meta.get(MetaKey.title);
  const locale = meta.get(MetaKey.locale);
  const createdAt = meta.get(MetaKey.createdAt);
  if (version !== undefined && typeof version !== 'number') {
    invalid.push({ kind: 'meta', id: MetaKey.schemaVersion, reason: 'not a number' });
  }
  if (title !== undefined && typeof title !== 'string') {
    invalid.push({ kind: 'meta', id: MetaKey.title, reason: 'not a string' });
  }
  if (locale !== undefined && !isLocale(locale)) {
    invalid.push({ kind: 'meta', id: MetaKey.locale, reason: `unknown locale ${String(locale)}` });
  }
  return {
    schemaVersion: typeof version === 'number' ? version : 0,
    title: typeof title === 'string' ? title : '',
    locale: isLocale(locale) ? locale : 'fi',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

/** The whole board as plain data: what the UI lists, what exports write, what tests compare. */
export function readBoard(doc: Y.Doc): BoardView {
  const invalid: InvalidEntry[] = [];
  const meta = readMeta(doc, invalid);
  const notes = readNotes(doc, invalid);
  return { meta, notes, invalid };
}
