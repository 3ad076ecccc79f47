/**
 * The board document, version 5: its top-level types, the limits and palette every record
 * shares, and the view types that readBoard returns. Each kind of record (its keys with what
 * each means for sync, its validator, defaults and migration steps) has one file under
 * records/: meta.ts, note.ts, cluster.ts, roadmap.ts, comment.ts, vote.ts. The prose (which
 * field means what, how concurrent changes resolve) is in shared/README.md.
 *
 * One Y.Doc per board. Top-level shared types (names are part of the stored format; never
 * rename one without a migration):
 *
 *   meta          Y.Map<unknown>   board-wide settings, see records/meta.ts
 *   notes         Y.Map<Y.Map>     sticky notes keyed by note id, see records/note.ts
 *   clusters      Y.Map<Y.Map>     discussion topics keyed by cluster id, records/cluster.ts
 *   lanes         Y.Map<Y.Map>     roadmap themes (rows), see records/roadmap.ts
 *   periods       Y.Map<Y.Map>     roadmap periods (columns), see records/roadmap.ts
 *   comments      Y.Map<Y.Map>     comments and replies keyed by comment id, records/comment.ts
 *   voteSessions  Y.Map<Y.Map>     dot-voting sessions, see records/vote.ts
 *   votes         Y.Map<number>    up to v3 the dots cast; emptied by the v4 migration and
 *                                  written by nobody since (open sessions' dots are server-held)
 *   supports      Y.Map<number>    supports (+1) of notes and comments, keyed by supportKey
 *                                  (kind, item, participant); written by the server only
 *
 * Every collection is a top-level type rather than a map nested inside another map: a
 * top-level type exists on every replica from the start, so two replicas can never both
 * create "the" lanes map and have one of them (and everything written into it) lose.
 *
 * References between objects are single last-writer-wins values stored on the referring
 * object (a note names its cluster and its roadmap cell), never lists kept in two places.
 * That makes "a note is in at most one cluster" and "a note is in at most one roadmap cell"
 * true by construction under any interleaving. A reference can still name an object that
 * a concurrent action deleted; readers treat it as absent and report it in
 * BoardView.dangling, and the functions that delete objects clear the references they can
 * see in the same transaction.
 *
 * BoardView, what readBoard returns, is in boardView.ts: it names every record's view, and the
 * records import this file's constants, so keeping it here would make an import circle.
 */

export const SCHEMA_VERSION = 5;

export const ROOT = {
  meta: 'meta',
  notes: 'notes',
  clusters: 'clusters',
  lanes: 'lanes',
  periods: 'periods',
  comments: 'comments',
  voteSessions: 'voteSessions',
  votes: 'votes',
  supports: 'supports',
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
export const DEFAULT_CLUSTER_COLOR: NoteColor = 'gray';

export const NOTE_DEFAULT_SIZE = 160;
export const NOTE_MIN_SIZE = 60;
export const NOTE_MAX_SIZE = 1200;
/** Longest note text accepted from the UI; more is refused, not silently cut. */
export const NOTE_MAX_TEXT = 4000;
/** Board coordinates are kept inside this square so that a bad value cannot lose a note. */
export const BOARD_EXTENT = 1_000_000;
export const TITLE_MAX = 200;
/** editedAt is rewritten only when it is at least this much older (ms) than the edit. */
export const EDITED_AT_RESOLUTION = 60_000;
/** Longest comment accepted; more is refused, not cut. */
export const COMMENT_MAX_TEXT = 4000;
export const NAME_MAX = 80;
/** Cluster frames may be much larger than notes: a topic can hold a hundred notes. */
export const CLUSTER_MAX_SIZE = 20_000;
/** Spacing used when a cluster is arranged into a grid: gap between notes, title band. */
export const CLUSTER_GAP = 20;
export const CLUSTER_HEADER = 60;
export const MAX_DOTS = 100;
/** Longest organisation name (a note's, or one in the board's list), and most names listed. */
export const ORGANISATION_MAX = NAME_MAX;
export const ORGANISATIONS_MAX = 100;

export type EntryKind =
  | 'note'
  | 'meta'
  | 'cluster'
  | 'lane'
  | 'period'
  | 'comment'
  | 'voteSession'
  | 'vote'
  | 'support';

export interface InvalidEntry {
  kind: EntryKind;
  id: string;
  reason: string;
}

export interface DanglingRef {
  kind: EntryKind;
  id: string;
  /** The field holding the reference (e.g. 'cluster', 'cell', 'anchor', 'candidate'). */
  field: string;
  /** What it names, or why it was not counted. */
  target: string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === 'string' && Object.hasOwn(NOTE_COLORS, value);
}
