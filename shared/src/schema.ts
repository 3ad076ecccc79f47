/**
 * The board document, version 1. This file is the single source of truth for what a Paja
 * board holds; every reader and writer goes through the functions in this package.
 *
 * One Y.Doc per board. Top-level shared types (names are part of the stored format; never
 * rename one without a migration):
 *
 *   meta   Y.Map<unknown>      board-wide settings, see MetaKey
 *   notes  Y.Map<Y.Map>        sticky notes keyed by note id, see NoteKey
 *
 * How concurrent changes resolve: every plain field of a note is last-writer-wins per key
 * (Yjs resolves ties by client id, so every replica picks the same winner). A note's text is
 * a Y.Text, so two people typing in one note both keep their characters. Deleting a note
 * while someone moves it deletes it: the move lands on a removed map and is dropped.
 */

export const SCHEMA_VERSION = 1;

export const ROOT = {
  meta: 'meta',
  notes: 'notes',
} as const;

export const MetaKey = {
  /** number: the schema version the document was last written or migrated to. */
  schemaVersion: 'schemaVersion',
  /** string: the board's title, shown in the header and the browser tab. */
  title: 'title',
  /** Locale: the board's default language for people who have not chosen one. */
  locale: 'locale',
  /** number: ms since epoch when the board was created. */
  createdAt: 'createdAt',
} as const;

export const NoteKey = {
  /** number: left edge in board units (1 unit = 1 CSS px at zoom 1). LWW. */
  x: 'x',
  /** number: top edge in board units. LWW. */
  y: 'y',
  /** number: width in board units, clamped to NOTE_MIN_SIZE..NOTE_MAX_SIZE. LWW. */
  w: 'w',
  /** number: height in board units. LWW. */
  h: 'h',
  /** NoteColor: a palette name, never a raw CSS colour, so themes can change. LWW. */
  color: 'color',
  /** Y.Text: the note's text; characters merge, nobody's typing is lost. */
  text: 'text',
  /**
   * string: fractional-index z-order key; notes are drawn in ascending key order (ties broken
   * by id). Bringing a note to the front writes a key after the current maximum, touching
   * no other note. LWW.
   */
  z: 'z',
  /** string: the participant id of whoever created the note. Set once. */
  authorId: 'authorId',
  /** string: that participant's display name at the time of creation. Set once. */
  authorName: 'authorName',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
} as const;

export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Note colours. Chosen to stay distinguishable for the common forms of colour blindness
 * (after the Okabe-Ito palette, lightened for legibility of dark text); the UI also names
 * each colour so that colour is never the only cue.
 */
export const NOTE_COLORS = {
  yellow: '#FFE680',
  orange: '#FFC07A',
  vermilion: '#F59E8B',
  pink: '#F2B8D8',
  purple: '#D3B8F0',
  blue: '#9CC9F0',
  teal: '#8FD9C8',
  gray: '#D9D9D9',
} as const;
export type NoteColor = keyof typeof NOTE_COLORS;
export const NOTE_COLOR_NAMES = Object.keys(NOTE_COLORS) as NoteColor[];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';

export const NOTE_DEFAULT_SIZE = 160;
export const NOTE_MIN_SIZE = 60;
export const NOTE_MAX_SIZE = 1200;
/** Longest note text accepted from the UI; more is refused, not silently cut. */
export const NOTE_MAX_TEXT = 4000;
/** Board coordinates are kept inside this square so that a bad value cannot lose a note. */
export const BOARD_EXTENT = 1_000_000;
export const TITLE_MAX = 200;

/** A note as the UI, exports and tests see it: plain, typed, JSON-serialisable. */
export interface NoteView {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: NoteColor;
  text: string;
  z: string;
  authorId: string;
  authorName: string;
  createdAt: number;
}

export interface MetaView {
  schemaVersion: number;
  title: string;
  locale: Locale;
  createdAt: number;
}

export interface BoardView {
  meta: MetaView;
  /** Sorted by z-order, back to front. */
  notes: NoteView[];
  /** Entries that failed validation, with the reason; shown to the user, never dropped. */
  invalid: InvalidEntry[];
}

export interface InvalidEntry {
  kind: 'note' | 'meta';
  id: string;
  reason: string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === 'string' && Object.hasOwn(NOTE_COLORS, value);
}
